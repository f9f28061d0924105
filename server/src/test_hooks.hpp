#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "http_request.hpp"
#include "http_response.hpp"
#include "stream_control.hpp"

namespace aviso::server {

// Fault injection and observation for client tests, served under /_test/ only with --test-hooks.
// Not part of the aviso API. Routes (bodies are JSON):
//   POST /_test/fail            {"route": "/api/v1/watch", "status": 503, "count": 1,
//                                "retry_after": "2", "body": "...", "content_type": "...",
//                                "delay_ms": 0}   next `count` requests to `route` get this answer
//   POST /_test/drop-streams    close every open stream without connection-closing
//   POST /_test/inject-error    {"error": "stream_processing_failed", "message": "..."}
//   POST /_test/pause-heartbeats {"seconds": 5}
//   POST /_test/close-streams   {"reason": "any_text", "message": "..."}
//   GET  /_test/requests        {"counts": {"<path>": n, ...}, "open_streams": n}
//   POST /_test/reset           clear the counts and every pending forced answer
class TestHooks {
 public:
  // Counts a request to an API path (the /_test/ routes themselves are not counted).
  void count(const std::string& path);
  // The forced answer for `path`, if one is pending; consumes one use.
  std::optional<HttpResponse> take_forced(const std::string& path, const std::string& request_id);

  // Serves one /_test/ request.
  HttpResponse handle(const HttpRequest& request, StreamControl* streams,
                      const std::string& request_id);

 private:
  struct Forced {
    std::uint64_t remaining = 0;
    unsigned status = 503;
    std::optional<std::string> retry_after;
    std::optional<std::string> body;
    std::string content_type = "application/json";
    std::chrono::milliseconds delay{0};
  };

  std::map<std::string, std::uint64_t> counts_;
  std::map<std::string, Forced> forced_;
};

}  // namespace aviso::server
