// Cause -> reaction classification (spec watch-and-state.md 2.4), HTTP side and close reasons.
#include "watch/reaction.hpp"

#include <gtest/gtest.h>

namespace {

using namespace aviso::watch;
using namespace std::chrono_literals;

const auto kNow = std::chrono::system_clock::time_point{} + 1000h;

aviso::http::Response response(long status, std::vector<aviso::http::Header> headers = {},
                               std::string body = {}) {
  aviso::http::Response r;
  r.status = status;
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

ResponseVerdict classify(const aviso::http::Response& r, bool provider = false,
                         bool refreshed = false) {
  return classify_response(r, provider, refreshed, kNow);
}

TEST(Reaction, EventStreamContentTypes) {
  EXPECT_TRUE(is_event_stream("text/event-stream"));
  EXPECT_TRUE(is_event_stream("Text/Event-Stream; charset=utf-8"));
  EXPECT_TRUE(is_event_stream(" text/event-stream ;x=y"));
  EXPECT_FALSE(is_event_stream("text/html"));
  EXPECT_FALSE(is_event_stream("text/event-streams"));
  EXPECT_FALSE(is_event_stream(std::nullopt));
}

TEST(Reaction, OkWithEventStreamIsStreamed) {
  EXPECT_TRUE(std::holds_alternative<verdicts::Stream>(
      classify(response(200, {{"content-type", "text/event-stream"}}))));
}

// Behaviour 21
TEST(Reaction, OkWithAnotherContentTypeIsAStreamProtocolError) {
  const auto verdict = classify(response(200, {{"Content-Type", "text/html"}}));
  const auto& fail = std::get<verdicts::Fail>(verdict);
  EXPECT_EQ(fail.error.kind(), AvisoErrorKind_StreamProtocol);
  EXPECT_NE(std::string(fail.error.what()).find("requires Content-Type text/event-stream"),
            std::string::npos);
  EXPECT_NE(std::string(fail.error.what()).find("check base_url points to an Aviso server"),
            std::string::npos);
}

TEST(Reaction, TooManyRequestsAndUnavailableHonourRetryAfter) {
  for (long status : {429L, 503L}) {
    const auto retry =
        std::get<verdicts::Retry>(classify(response(status, {{"Retry-After", "1"}})));
    EXPECT_EQ(retry.retry_after, std::chrono::milliseconds(1000));
    EXPECT_EQ(retry.cause, "HTTP " + std::to_string(status));
    EXPECT_EQ(std::get<verdicts::Retry>(classify(response(status))).retry_after, std::nullopt);
  }
}

TEST(Reaction, OtherServerErrorsRetryIgnoringRetryAfter) {
  for (long status : {500L, 502L, 504L, 599L}) {
    const auto retry =
        std::get<verdicts::Retry>(classify(response(status, {{"Retry-After", "9"}})));
    EXPECT_EQ(retry.retry_after, std::nullopt) << status;
  }
}

TEST(Reaction, UnauthorizedDependsOnTheProviderAndTheRefreshCycle) {
  EXPECT_TRUE(std::holds_alternative<verdicts::RefreshAuth>(classify(response(401), true, false)));
  const auto after_refresh = std::get<verdicts::Fail>(classify(response(401), true, true));
  EXPECT_EQ(after_refresh.error.kind(), AvisoErrorKind_Auth);
  EXPECT_STREQ(after_refresh.error.what(), "auth: authentication rejected after refresh");
  EXPECT_EQ(after_refresh.event, ReducerEvent(events::AuthRefreshCompleted{false}));
  const auto no_provider = std::get<verdicts::Fail>(
      classify(response(401, {{"X-Request-ID", "rid"}}, "unauthorized"), false, false));
  EXPECT_EQ(no_provider.error.kind(), AvisoErrorKind_Http);
  EXPECT_EQ(no_provider.error.error().http_status, 401);
  EXPECT_EQ(no_provider.error.error().request_id, "rid");
}

// Behaviour 26
TEST(Reaction, OtherStatusesAreTerminalHttpErrors) {
  for (long status : {400L, 403L, 404L, 410L, 418L, 204L, 302L}) {
    const auto fail = std::get<verdicts::Fail>(
        classify(response(status, {{"x-request-id", "abc"}}, "{\"message\":\"no\"}")));
    EXPECT_EQ(fail.error.kind(), AvisoErrorKind_Http) << status;
    EXPECT_EQ(fail.error.error().http_status, status);
    EXPECT_EQ(fail.error.error().request_id, "abc");
    EXPECT_NE(std::string(fail.error.what()).find("{\"message\":\"no\"}"), std::string::npos);
    EXPECT_EQ(fail.event,
              ReducerEvent(events::FatalError{Fatal{FatalKind::ProtocolViolation,
                                                    "server returned " + std::to_string(status)}}));
  }
}

TEST(Reaction, CloseReasons) {
  EXPECT_EQ(classify_close_reason("max_duration_reached"),
            events::ServerCloseReason::MaxDurationReached);
  EXPECT_EQ(classify_close_reason("server_shutdown"), events::ServerCloseReason::ServerShutdown);
  EXPECT_EQ(classify_close_reason("end_of_stream"), events::ServerCloseReason::EndOfStream);
  EXPECT_EQ(classify_close_reason("banana"), std::nullopt);
  EXPECT_EQ(classify_close_reason("END_OF_STREAM"), std::nullopt);
}

}  // namespace
