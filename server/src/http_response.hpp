#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace aviso::server {

// A complete (non-streaming) answer, independent of the HTTP library that writes it.
struct HttpResponse {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>>
      headers;  // besides Content-Type and X-Request-ID
  std::string request_id;
  // Only the test hooks set this: the answer is held back for that long.
  std::chrono::milliseconds delay{0};
};

}  // namespace aviso::server
