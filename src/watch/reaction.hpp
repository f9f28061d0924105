// Cause -> reaction classification of spec watch-and-state.md 2.4, as pure functions: what the
// watch does about an HTTP answer and about a server's connection-closing reason.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>
#include <variant>

#include "aviso/error.hpp"
#include "http/http_message.hpp"
#include "watch/watch_reducer.hpp"

namespace aviso::watch {

// True when the media type of `content_type` is text/event-stream (case-insensitive, parameters
// such as "; charset=utf-8" allowed).
bool is_event_stream(std::optional<std::string_view> content_type);

namespace verdicts {
// 200 with an event stream: read the body.
struct Stream {};
// Retryable (429, 503, other 5xx). `retry_after` replaces the next delay when set (429/503 only).
struct Retry {
  std::optional<std::chrono::milliseconds> retry_after;
  std::string cause;  // "HTTP 503", for the retry log
};
// 401 with a provider not yet refreshed in this cycle: refresh, then reconnect without delay.
struct RefreshAuth {};
// Terminal: feed `event` to the reducer and surface `error`.
struct Fail {
  ReducerEvent event;
  Error error;
};
}  // namespace verdicts

using ResponseVerdict =
    std::variant<verdicts::Stream, verdicts::Retry, verdicts::RefreshAuth, verdicts::Fail>;

// `response.body` matters only for non-200 answers (it goes into the Http error). `now` dates a
// Retry-After given as an HTTP-date.
ResponseVerdict classify_response(const http::Response& response, bool has_auth_provider,
                                  bool refreshed_this_cycle,
                                  std::chrono::system_clock::time_point now);

// "max_duration_reached", "server_shutdown", "end_of_stream"; anything else is none (a protocol
// error for the caller: "unknown connection-closing reason: <reason>").
std::optional<events::ServerCloseReason> classify_close_reason(std::string_view reason);

}  // namespace aviso::watch
