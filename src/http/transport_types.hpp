// The values exchanged with the event loop: client-wide options, per-request options, results and
// the callbacks of a streaming transfer.
#pragma once

#include <cstddef>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/http_message.hpp"
#include "http/proxy_environment.hpp"
#include "http/redirect_policy.hpp"

namespace aviso::http {

// Fixed for the life of one event loop (one Client).
struct TransportOptions {
  std::string user_agent;                // e.g. "aviso/0.1.0"
  std::optional<std::string> ca_bundle;  // PEM: system roots + extras (see ca_bundle.hpp)
  bool danger_accept_invalid_certs = false;
  ProxyEnvironment proxies;  // none unless the client read them from its environment
};

struct RequestOptions {
  // Keep only the last N bytes of the response body (trigger diagnostics keep a tail).
  std::size_t max_body_bytes = std::numeric_limits<std::size_t>::max();
  // 0 returns the 3xx response itself.
  int max_redirects = kDefaultMaxRedirects;
};

// A failure below HTTP: no complete response was received.
struct TransportError {
  enum class Kind { Connect, Timeout, Tls, Send, Receive, Redirect, Cancelled, Other };
  Kind kind = Kind::Other;
  std::string message;
  // False only when no byte of the request can have reached the server (DNS, connect, TLS
  // handshake failures, or cancelled before start), so a publish may be retried safely.
  bool request_sent = true;
  // When the response headers had arrived before the failure: their status and the body bytes
  // received so far (bounded like a successful body).
  std::optional<long> status;
  std::string partial_body;
};

// The result of a one-shot request: a response (any status) or a transport error.
struct Result {
  std::optional<Response> response;
  std::optional<TransportError> error;

  bool ok() const { return response.has_value(); }
};

enum class StreamAction {
  Continue,
  // Stop reading: curl stops draining the socket, so TCP backpressure reaches the server.
  // The bytes passed to the on_data call that returned Pause were NOT consumed: the same bytes
  // are offered again after resume() (see EventLoop::resume for a resume that comes first).
  Pause,
  // End the transfer now; on_complete then receives a Cancelled error.
  Cancel,
};

// Callbacks of a long-lived streaming transfer (an SSE watch). All run on the loop thread, one
// at a time, and must not block. on_complete runs exactly once per opened stream, last.
struct StreamHandlers {
  // The final (non-1xx, non-followed-redirect) status line and headers. Check the status and
  // the content type here; Cancel ends the transfer.
  std::function<StreamAction(long status, const std::vector<Header>& headers)> on_response;
  // Body bytes as they arrive.
  std::function<StreamAction(std::string_view bytes)> on_data;
  // Clean end of body (nullopt) or why it ended (transport failure, timeout, Cancelled).
  std::function<void(const std::optional<TransportError>& error)> on_complete;
};

}  // namespace aviso::http
