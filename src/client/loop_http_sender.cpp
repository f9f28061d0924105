#include "client/loop_http_sender.hpp"

#include <algorithm>

#include "http/url.hpp"

namespace aviso::client {
namespace {

bool has_line_break(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n'; });
}

trigger::HttpSendFailure failure(trigger::HttpSendFailure::Kind kind) {
  trigger::HttpSendFailure out;
  out.kind = kind;
  return out;
}

}  // namespace

trigger::HttpSendResult LoopHttpSender::send(const http::Request& request,
                                             std::size_t body_tail_limit) {
  using Kind = trigger::HttpSendFailure::Kind;
  const std::optional<http::Url> url = http::Url::parse(request.url);
  if (!url || (url->scheme != "http" && url->scheme != "https")) return failure(Kind::Build);
  for (const http::Header& header : request.headers) {
    if (header.name.empty() || has_line_break(header.name) || has_line_break(header.value)) {
      return failure(Kind::Build);
    }
  }
  if (loop_.on_loop_thread()) return failure(Kind::Transport);

  http::RequestOptions options;
  options.max_body_bytes = body_tail_limit;
  const http::Result result = loop_.submit(request, options).get();
  if (result.ok()) return *result.response;
  trigger::HttpSendFailure out = failure(
      result.error->kind == http::TransportError::Kind::Timeout ? Kind::Timeout : Kind::Transport);
  out.status = result.error->status;
  out.body_tail = result.error->partial_body;
  return out;
}

}  // namespace aviso::client
