// The seam between the HTTP trigger kinds and the client's transport.
//
// webhook, teams and post build an http::Request and hand it to an HttpSender; they own no
// sockets. The client implements the sender on its curl-multi event loop, so its TLS settings
// and User-Agent apply (and its Authorization credential is NOT added: a trigger sends only
// the headers configured on it).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <variant>

#include "http/http_message.hpp"

namespace aviso::trigger {

// An exchange that did not produce a complete response.
struct HttpSendFailure {
  enum class Kind {
    Build,      // the request could not be built (bad URL, invalid header value)
    Timeout,    // request.timeout expired, before or while reading the body
    Transport,  // DNS, TCP, TLS, or the body read failed for another reason
  };
  Kind kind = Kind::Transport;
  // Set when the response headers had arrived before the failure, with whatever body tail
  // was captured; a 2xx status then still counts as delivered.
  std::optional<long> status;
  std::string body_tail;
};

using HttpSendResult = std::variant<http::Response, HttpSendFailure>;

class HttpSender {
 public:
  virtual ~HttpSender() = default;
  // Blocking; called from the trigger worker thread, never the I/O thread. Keeps only the
  // last `body_tail_limit` bytes of the response body in Response::body (memory stays bounded
  // whatever the server sends). Must honour request.timeout for the whole exchange.
  virtual HttpSendResult send(const http::Request& request, std::size_t body_tail_limit) = 0;
};

}  // namespace aviso::trigger
