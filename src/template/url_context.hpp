// The URL sink: notification values are percent-encoded and only allowed once the path has
// started, so a notification can never choose the host a webhook talks to (spec 3.5).
#pragma once

#include <string>
#include <string_view>

namespace aviso::templates {

// Keeps A-Z a-z 0-9 - . _ ~ ; every other byte becomes %XX with uppercase hex.
std::string percent_encode(std::string_view value);

// Follows rendered URL text piece by piece: scheme, then `://`, then the authority up to the
// first `/`, `?` or `#`, after which the text is "in path".
class UrlTracker {
 public:
  void feed(std::string_view text);
  bool in_path() const noexcept { return state_ == State::Path; }

 private:
  enum class State { BeforeAuthority, Authority, Path };
  State state_ = State::BeforeAuthority;
  std::string tail_;  // the last two characters before `://` was found (it may span pieces)
};

}  // namespace aviso::templates
