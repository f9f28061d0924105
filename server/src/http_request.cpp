#include "http_request.hpp"

#include "schema.hpp"

namespace aviso::server {

std::optional<std::string_view> HttpRequest::header(std::string_view name) const {
  const std::string wanted = to_lower_ascii(name);
  for (const auto& [key, value] : headers) {
    if (to_lower_ascii(key) == wanted) return std::string_view(value);
  }
  return std::nullopt;
}

std::string percent_decode(std::string_view text) {
  const auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

}  // namespace aviso::server
