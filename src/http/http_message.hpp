// Plain values describing one HTTP exchange, shared by the transport (http/) and the layers
// that build requests without owning a connection (triggers, watch driver).
#pragma once

#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aviso::http {

struct Header {
  std::string name;
  std::string value;
};

struct Request {
  std::string method = "GET";  // GET, POST, PUT, PATCH, DELETE
  std::string url;             // absolute
  std::vector<Header> headers;
  std::string body;
  // Whole exchange including reading the body; none = wait as long as it takes.
  std::optional<std::chrono::milliseconds> timeout;
};

struct Response {
  long status = 0;
  std::vector<Header> headers;  // names as received
  std::string body;             // may be only the tail when the caller asked for a bounded body

  // First header with this name (case-insensitive), if any.
  std::optional<std::string> header(std::string_view name) const {
    for (const Header& h : headers) {
      if (h.name.size() == name.size() &&
          std::equal(h.name.begin(), h.name.end(), name.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) ==
                   std::tolower(static_cast<unsigned char>(b));
          })) {
        return h.value;
      }
    }
    return std::nullopt;
  }
};

}  // namespace aviso::http
