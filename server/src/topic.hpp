#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aviso::server {

// Topics are '.'-joined tokens, each percent-encoded on its own (protocol section 3.5). Only the
// four characters that have a meaning in a subject are encoded: '.', '*', '>' and '%'.
std::string encode_token(std::string_view token);

// Strict decoding: '%' must be followed by two hex digits and the result must be valid UTF-8.
std::optional<std::string> decode_token(std::string_view token);

// Joins already-decoded tokens into the encoded topic key used for storage.
std::string encode_topic(const std::vector<std::string>& tokens);

// The token of a watch pattern that matches any value.
inline constexpr std::string_view kWildcard = "*";

// A watch/replay pattern: decoded tokens, where "*" matches any value (section 3.6).
struct TopicPattern {
  std::vector<std::string> tokens;

  bool matches(const std::vector<std::string>& topic_tokens) const;
  // Decoded tokens joined with '.', as shown in the `topic` field of SSE events.
  std::string display() const;
};

}  // namespace aviso::server
