#include "template/url_context.hpp"

namespace aviso::templates {

std::string percent_encode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                            (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' ||
                            byte == '_' || byte == '~';
    if (unreserved) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0F]);
    }
  }
  return out;
}

void UrlTracker::feed(std::string_view text) {
  for (char c : text) {
    switch (state_) {
      case State::BeforeAuthority:
        if (c == '/' && tail_ == ":/") {
          state_ = State::Authority;
          tail_.clear();
          break;
        }
        tail_.push_back(c);
        if (tail_.size() > 2) tail_.erase(0, tail_.size() - 2);
        break;
      case State::Authority:
        if (c == '/' || c == '?' || c == '#') state_ = State::Path;
        break;
      case State::Path:
        return;
    }
  }
}

}  // namespace aviso::templates
