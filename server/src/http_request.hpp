#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aviso::server {

// A complete request as the API layer sees it, independent of the HTTP library that read it.
struct HttpRequest {
  std::string method;  // upper case: GET, POST, DELETE, ...
  std::string path;    // without the query string, still percent-encoded
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // Case-insensitive header lookup; the first occurrence wins.
  std::optional<std::string_view> header(std::string_view name) const;
};

// Decodes %XX sequences of a path segment; invalid sequences are kept as they are.
std::string percent_decode(std::string_view text);

}  // namespace aviso::server
