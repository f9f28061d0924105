#pragma once

#include <optional>
#include <variant>

#include "api_context.hpp"
#include "http_request.hpp"
#include "http_response.hpp"
#include "stream_control.hpp"
#include "stream_plan.hpp"
#include "test_hooks.hpp"

namespace aviso::server {

// An answer, or the plan of an SSE stream the I/O layer must open.
using ApiOutcome = std::variant<HttpResponse, StreamPlan>;

// The request router: routes of protocol section 1 (404 for an unknown path, 405 for a known path
// with another method), the 256 KiB body limit of notify/watch/replay, the test hooks, and a fresh
// request id for every answer. Independent of the HTTP library.
class Api {
 public:
  static constexpr std::size_t kMaxRequestBody = 256 * 1024;

  Api(const Settings& settings, Store& store, std::optional<AuthTable> auth);

  void set_stream_control(StreamControl* control) { streams_ = control; }
  ApiOutcome handle(const HttpRequest& request);

 private:
  ApiOutcome dispatch(const HttpRequest& request, const std::string& request_id);

  const Settings& settings_;
  Store& store_;
  std::optional<AuthTable> auth_;
  ApiContext context_;
  TestHooks hooks_;
  StreamControl* streams_ = nullptr;
};

}  // namespace aviso::server
