// The session against scripted streams: the pure parts of spec watch-and-state.md section 8 and
// the decisions documented in docs/watching.md.
#include "watch/watch_session.hpp"

#include <gtest/gtest.h>

#include "session_harness.hpp"

namespace {

using namespace aviso::watch;
using namespace aviso::watch::testing;
using namespace std::chrono_literals;
using aviso::ReplayEnd;
using aviso::ResumeStart;
using aviso::WatchRequest;
using Seqs = std::vector<std::uint64_t>;

WatchSessionOptions with_store(bool flush = false) {
  WatchSessionOptions o;
  o.has_state_store = true;
  o.flush_cursor_on_exit = flush;
  return o;
}

std::string message_of(const std::optional<aviso::Error>& error) {
  return error ? std::string(error->what()) : std::string("<no error>");
}

// Behaviour 23 and the newest reconnect rule (resume after the last delivered).
TEST(WatchSession, LiveWatchResumesAfterTheLastDeliveredNotification) {
  Harness h(WatchRequest::watch("mars"));
  const auto first = h.open();
  EXPECT_EQ(first.path, "api/v1/watch");
  EXPECT_EQ(first.body, R"({"event_type":"mars","identifier":{}})");
  EXPECT_EQ(first.delay, 0ms);
  h.feed(established() + heartbeat() + notification(1, "live-notification") +
         notification(2, "live-notification") + notification(3, "live-notification"));
  h.elapse(5s);
  h.feed(closing("max_duration_reached"));
  EXPECT_EQ(h.end_connections, 1);
  const auto second = h.open();
  EXPECT_EQ(h.last_body().at("from_id"), "4");
  EXPECT_EQ(second.delay, 0ms);  // routine close of a healthy session: at once
  h.feed(replay_started() + notification(4));
  EXPECT_EQ(h.delivered, (Seqs{1, 2, 3, 4}));
}

TEST(WatchSession, OpeningSkipsHeartbeatsAndUnknownEventsButNotOtherFrames) {
  Harness h(WatchRequest::watch_from("mars", ResumeStart::after_sequence(0)));
  h.open();
  EXPECT_EQ(h.last_body().at("from_id"), "1");
  h.feed(heartbeat() + sse("progress", "{}") + established());
  const auto error = finish_error(h.step());
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind(), AvisoErrorKind_StreamProtocol);
  EXPECT_NE(message_of(error).find("unexpected event before required Aviso opening control"),
            std::string::npos);
}

TEST(WatchSession, NotificationBeforeTheOpeningIsAProtocolError) {
  Harness h(WatchRequest::watch("mars"));
  h.open();
  h.feed(notification(1, "live-notification"));
  EXPECT_TRUE(h.delivered.empty());
  EXPECT_EQ(finish_error(h.step())->kind(), AvisoErrorKind_StreamProtocol);
}

TEST(WatchSession, ErrorOrCloseBeforeTheOpeningAreProtocolErrors) {
  {
    Harness h(WatchRequest::watch("mars"));
    h.open();
    h.feed(sse("error", R"({"message":"boom","request_id":"r9"})"));
    const auto error = finish_error(h.step());
    EXPECT_NE(message_of(error).find("boom"), std::string::npos);
    EXPECT_EQ(error->error().request_id, "r9");
  }
  {
    Harness h(WatchRequest::watch("mars"));
    h.open();
    h.feed(closing("server_shutdown"));
    EXPECT_EQ(finish_error(h.step())->kind(), AvisoErrorKind_StreamProtocol);
  }
}

// Behaviour 28
TEST(WatchSession, ErrorEventEndsWithItsMessageAndRequestId) {
  Harness h(WatchRequest::watch("mars"));
  h.open();
  h.feed(established() + sse("error", R"({"error":"stream_processing_failed","message":"replay )"
                                      R"(batch failed","request_id":"r-7"})"));
  EXPECT_EQ(h.end_connections, 1);
  const auto error = finish_error(h.step());
  EXPECT_EQ(error->kind(), AvisoErrorKind_StreamProtocol);
  EXPECT_EQ(message_of(error), "stream protocol: replay batch failed");
  EXPECT_EQ(error->error().request_id, "r-7");
}

// Behaviour 29
TEST(WatchSession, UnknownCloseReasonIsAProtocolError) {
  Harness h(WatchRequest::watch("mars"));
  h.open();
  h.feed(established() + closing("banana"));
  const auto error = finish_error(h.step());
  EXPECT_EQ(message_of(error), "stream protocol: unknown connection-closing reason: banana");
  EXPECT_EQ(error->error().request_id, "rid-close");
}

// Behaviour 30
TEST(WatchSession, MalformedIdEndsTheWatch) {
  for (const char* id : {"mars", "@5", "mars@x"}) {
    Harness h(WatchRequest::watch("mars"));
    h.open();
    h.feed(established() + notification(1, "live-notification") +
           sse("live-notification",
               nlohmann::json{{"id", id}, {"data", {{"identifier", nlohmann::json::object()}}}}
                   .dump()));
    EXPECT_EQ(h.delivered, Seqs{1});
    EXPECT_EQ(finish_error(h.step())->kind(), AvisoErrorKind_MalformedEvent) << id;
  }
}

TEST(WatchSession, UndecodableFrameIsADecodeError) {
  Harness h(WatchRequest::watch("mars"));
  h.open();
  h.feed(established() + sse("live-notification", "{oops"));
  EXPECT_EQ(finish_error(h.step())->kind(), AvisoErrorKind_Decode);
}

// Behaviour 31 with the documented decision: strict gap detection is opt-in.
TEST(WatchSession, StrictGapDetectionEndsOnASequenceJump) {
  auto request = WatchRequest::watch_from("mars", ResumeStart::after_sequence(0));
  request.strict_gap_detection(true);
  Harness h(request);
  h.open();
  h.feed(replay_started() + notification(1) + notification(3));
  EXPECT_EQ(h.delivered, Seqs{1});
  const auto error = finish_error(h.step());
  EXPECT_EQ(error->kind(), AvisoErrorKind_HistoryGap);
  EXPECT_EQ(message_of(error), "history gap: sequence jump: expected 2, observed 3");
}

TEST(WatchSession, ByDefaultASequenceJumpIsNormal) {
  Harness h(WatchRequest::watch_from("mars", ResumeStart::after_sequence(0)));
  h.open();
  h.feed(replay_started() + notification(1) + notification(3) + notification(9));
  EXPECT_EQ(h.delivered, (Seqs{1, 3, 9}));
  EXPECT_TRUE(h.has_log("client.watch.filtered_gap"));
  EXPECT_TRUE(
      std::holds_alternative<steps::Connect>((h.lose(ConnectionLoss::UnexpectedEof), h.step())));
}

TEST(WatchSession, StrictGapDetectionAcceptsTheFirstSequenceOfALiveStart) {
  auto request = WatchRequest::watch("mars");
  request.strict_gap_detection(true);
  Harness h(request);
  h.open();
  h.feed(established() + notification(40, "live-notification") +
         notification(41, "live-notification"));
  EXPECT_EQ(h.delivered, (Seqs{40, 41}));
}

// Behaviour 32
TEST(WatchSession, ReplayLimitIsAlwaysAHistoryGap) {
  {
    Harness h(WatchRequest::watch_from("mars", ResumeStart::after_sequence(0)));
    h.open();
    h.feed(
        replay_started() +
        sse("replay-control", R"({"type":"notification_replay_limit_reached","max_allowed":100})"));
    const auto error = finish_error(h.step());
    EXPECT_EQ(error->kind(), AvisoErrorKind_HistoryGap);
    EXPECT_NE(message_of(error).find("at most 100"), std::string::npos);
    EXPECT_EQ(h.session.state().phase.kind, ReplayPhase::Kind::GapDetected);
  }
  {
    Harness h(WatchRequest::watch_from("mars", ResumeStart::after_sequence(0)));
    h.open();
    h.feed(replay_started() +
           sse("replay-control", R"({"type":"notification_replay_limit_reached"})"));
    const auto error = finish_error(h.step());
    EXPECT_EQ(message_of(error),
              "stream protocol: replay-control: notification_replay_limit_reached missing "
              "max_allowed");
  }
}

// Behaviour 33
TEST(WatchSession, ReplayOnlyEndsCleanlyAfterReplayCompletedAndEndOfStream) {
  Harness h(WatchRequest::replay_only("mars", ResumeStart::after_sequence(0)));
  const auto c = h.open();
  EXPECT_EQ(c.path, "api/v1/replay");
  h.feed(replay_started() + notification(1) + notification(2) + replay_completed() +
         closing("end_of_stream"));
  EXPECT_EQ(h.delivered, (Seqs{1, 2}));
  EXPECT_EQ(finish_error(h.step()), std::nullopt);
  EXPECT_EQ(h.connects.size(), 1u);
  EXPECT_FALSE(h.session.read_timeout());  // no heartbeat watchdog on the replay endpoint
}

TEST(WatchSession, ReplayOnlyEndOfStreamBeforeCompletionReconnects) {
  Harness h(WatchRequest::replay_only("mars", ResumeStart::after_sequence(0)));
  h.open();
  h.feed(replay_started() + notification(1) + closing("end_of_stream"));
  h.elapse(2s);
  h.open();
  EXPECT_EQ(h.last_body().at("from_id"), "2");
}

// Behaviour 34: next-send commit.
TEST(WatchSession, WithAStoreANotificationIsCommittedWhenTheNextOneIsProcessed) {
  Harness h(WatchRequest::watch_from("mars", ResumeStart::after_sequence(0)), std::nullopt,
            with_store());
  h.open();
  h.feed(replay_started() + notification(1) + notification(2));
  EXPECT_EQ(h.delivered, (Seqs{1, 2}));
  EXPECT_EQ(h.stored, 1u);
  EXPECT_EQ(h.session.pending()->sequence, 2u);
  EXPECT_EQ(h.session.committed(), 1u);
  h.feed(notification(3));
  EXPECT_EQ(h.stored, 2u);
  ASSERT_EQ(h.writes.size(), 2u);
  EXPECT_EQ(h.writes[1], (Checkpoint{2, "mars@2"}));
}

TEST(WatchSession, WithoutAStoreTheCursorStillAdvancesButNothingIsWritten) {
  Harness h(WatchRequest::watch("mars"));
  h.open();
  h.feed(established() + notification(5, "live-notification") +
         notification(6, "live-notification"));
  EXPECT_TRUE(h.writes.empty());
  EXPECT_EQ(h.session.committed(), 5u);
  EXPECT_EQ(h.session.last_delivered(), 6u);
}

// Behaviour 36
TEST(WatchSession, ExitFlushWritesThePendingNotificationOnlyWhenAskedTo) {
  for (const bool flush : {true, false}) {
    Harness h(WatchRequest::watch("mars"), std::nullopt, with_store(flush));
    h.open();
    h.feed(established() + notification(1, "live-notification"));
    h.session.stop();
    EXPECT_EQ(finish_error(h.step()), std::nullopt);
    const auto write = h.session.exit_flush();
    if (flush) {
      ASSERT_TRUE(write);
      EXPECT_EQ(std::get<actions::Commit>(*write).checkpoint, (Checkpoint{1, "mars@1"}));
    } else {
      EXPECT_FALSE(write);
      EXPECT_TRUE(h.writes.empty());
    }
  }
}

// Behaviour 37
TEST(WatchSession, StoreFailureEndsTheWatchAndTheNotificationIsNotDelivered) {
  Harness h(WatchRequest::watch("mars"), std::nullopt, with_store(true));
  h.open();
  h.feed(established() + notification(1, "live-notification"));
  h.fail_next_write = aviso::Error::state_store("disk full");
  h.feed(notification(2, "live-notification") + notification(3, "live-notification"));
  EXPECT_EQ(h.delivered, Seqs{1});
  EXPECT_EQ(h.end_connections, 1);
  EXPECT_EQ(finish_error(h.step())->kind(), AvisoErrorKind_StateStore);
  // The failed write is retried by the exit flush; 2 never became pending.
  EXPECT_EQ(std::get<actions::Commit>(*h.session.exit_flush()).checkpoint.sequence, 1u);
}

TEST(WatchSession, FailedRequiredTriggerMeansTheNotificationNeverBecomesPending) {
  Harness h(WatchRequest::watch("mars"), std::nullopt, with_store(true));
  h.fail_delivery_of = 2;
  h.open();
  h.feed(established() + notification(1, "live-notification") +
         notification(2, "live-notification"));
  EXPECT_EQ(h.delivered, Seqs{1});
  EXPECT_EQ(h.stored, 1u);  // 1 was committed before 2's triggers ran
  EXPECT_EQ(finish_error(h.step())->kind(), AvisoErrorKind_Trigger);
  EXPECT_FALSE(h.session.exit_flush());
}

TEST(WatchSession, ActionsMustBeAcknowledgedBeforeTheNextOne) {
  Harness h(WatchRequest::watch("mars"));
  h.open();
  h.session.on_body(established() + notification(1, "live-notification"));
  ASSERT_TRUE(std::holds_alternative<actions::Deliver>(*h.session.next_action()));
  EXPECT_THROW(h.session.next_action(), aviso::Error);
  h.session.action_succeeded();
  EXPECT_FALSE(h.session.next_action());
  EXPECT_THROW(h.session.action_succeeded(), aviso::Error);
}

// Behaviour 38
TEST(WatchSession, InitialCursorResolution) {
  const auto live = WatchRequest::watch("mars");
  EXPECT_EQ(resolve_initial_cursor(live, std::nullopt), std::nullopt);
  EXPECT_EQ(resolve_initial_cursor(live, 72), ResumeStart::after_sequence(72));
  const auto explicit_start = WatchRequest::watch_from("mars", ResumeStart::after_sequence(5));
  EXPECT_EQ(resolve_initial_cursor(explicit_start, 72), ResumeStart::after_sequence(5));

  Harness h(live, 72, with_store());
  h.open();
  EXPECT_EQ(h.last_body().at("from_id"), "73");
}

// Behaviour 39
TEST(WatchSession, SequenceEndReachedEndsWithoutReconnecting) {
  Harness h(WatchRequest::replay_range("mars", ResumeStart::after_sequence(0),
                                       ReplayEnd::through_sequence(1)));
  h.open();
  EXPECT_EQ(h.last_body().at("to_id"), "1");
  h.feed(replay_started(1) + notification(1));
  h.lose(ConnectionLoss::UnexpectedEof);
  EXPECT_EQ(finish_error(h.step()), std::nullopt);
  EXPECT_EQ(h.connects.size(), 1u);
  EXPECT_FALSE(h.has_log("client.connection.retrying"));
}

// Behaviour 40
TEST(WatchSession, DateStartWithSequenceEndStopsAfterTheEnd) {
  Harness h(WatchRequest::replay_range("mars", ResumeStart::at_date("2026-01-01"),
                                       ReplayEnd::through_sequence(1)));
  h.open();
  h.feed(replay_started() + notification(1));
  h.lose(ConnectionLoss::UnexpectedEof);
  EXPECT_EQ(finish_error(h.step()), std::nullopt);
  EXPECT_EQ(h.delivered, Seqs{1});
  EXPECT_EQ(h.connects.size(), 1u);
}

// Behaviour 41
TEST(WatchSession, DateEndIsResolvedOnceAndResumesBySequence) {
  Harness h(WatchRequest::replay_range("mars", ResumeStart::at_date("2026-01-01T00:00:00Z"),
                                       ReplayEnd::through_date("2026-01-02T00:00:00Z")));
  h.open();
  EXPECT_EQ(h.last_body(), (nlohmann::json{{"event_type", "mars"},
                                           {"identifier", nlohmann::json::object()},
                                           {"from_date", "2026-01-01T00:00:00Z"},
                                           {"to_date", "2026-01-02T00:00:00Z"}}));
  h.feed(replay_started(3) + notification(1));
  h.lose(ConnectionLoss::UnexpectedEof);
  h.open();
  EXPECT_EQ(h.last_body(), (nlohmann::json{{"event_type", "mars"},
                                           {"identifier", nlohmann::json::object()},
                                           {"from_id", "2"},
                                           {"to_id", "3"}}));
  h.feed(replay_started(7) + notification(2) + notification(3));  // a later end is ignored
  EXPECT_EQ(h.session.resolved_end(), 3u);
  h.feed(replay_completed() + closing("end_of_stream"));
  EXPECT_EQ(finish_error(h.step()), std::nullopt);
  EXPECT_EQ(h.delivered, (Seqs{1, 2, 3}));
}

// Behaviour 42
TEST(WatchSession, InvalidEndSequenceIsAProtocolError) {
  Harness h(WatchRequest::replay_range("mars", ResumeStart::after_sequence(0),
                                       ReplayEnd::through_date("2026-01-01")));
  h.open();
  h.feed(sse("replay-control", R"({"type":"replay_started","end_sequence":"two"})"));
  const auto error = finish_error(h.step());
  EXPECT_EQ(error->kind(), AvisoErrorKind_StreamProtocol);
  EXPECT_NE(message_of(error).find("invalid end_sequence"), std::string::npos);
}

// Behaviour 43
TEST(WatchSession, RepeatedShortSessionsBackOffExponentially) {
  Harness h(WatchRequest::watch("mars"));
  std::vector<std::chrono::milliseconds> delays;
  for (int i = 0; i < 6; ++i) {
    delays.push_back(h.open().delay);
    h.feed(established());
    h.elapse(100ms);  // confirmed, then closed well within a second
    h.feed(closing("max_duration_reached"));
  }
  EXPECT_EQ(delays[0], 0ms);  // first connection
  for (std::size_t i = 1; i < delays.size(); ++i) {
    EXPECT_LT(delays[i], exponential_ceiling(static_cast<std::uint32_t>(i - 1))) << i;
  }
  EXPECT_EQ(h.session.short_sessions(), 5u);
  ASSERT_TRUE(h.connects[1].retry_log);
  EXPECT_NE(h.connects[1].retry_log->message.find("attempt: 1)"), std::string::npos);
  // The same facts as fields, for front ends that word the line themselves.
  using Fields = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(h.connects[1].retry_log->fields,
            (Fields{{"cause", "the server closed the stream (max_duration_reached)"},
                    {"delay_ms", std::to_string(delays[1].count())},
                    {"attempt", "1"}}));
  EXPECT_FALSE(h.connects[2].retry_log);  // throttled: at most one per 5 s
  // A healthy session resets the count: the next routine close reconnects at once.
  h.open();
  h.feed(established());
  h.elapse(2s);
  h.feed(closing("max_duration_reached"));
  EXPECT_EQ(h.open().delay, 0ms);
}

TEST(WatchSession, ServerShutdownWaitsFiveSeconds) {
  Harness h(WatchRequest::watch("mars"));
  h.open();
  h.feed(established());
  h.elapse(3s);
  h.feed(closing("server_shutdown"));
  EXPECT_EQ(h.open().delay, 5s);
  EXPECT_EQ(h.session.state().status.kind, ConnectionStatus::Kind::Reconnecting);
}

// Behaviour 44
TEST(WatchSession, StartupTimeoutAppliesOnlyBeforeTheFirstConfirmation) {
  auto request = WatchRequest::watch("mars");
  request.startup_timeout(2s);
  {
    Harness h(request);
    EXPECT_EQ(h.session.startup_timeout(), 2000ms);
    h.connect();
    h.session.on_startup_timeout();
    EXPECT_EQ(message_of(finish_error(h.step())),
              "stream protocol: listener startup timeout exceeded; check base_url points to an "
              "Aviso server");
  }
  {
    Harness h(request);
    h.open();
    h.feed(established());
    h.session.on_startup_timeout();
    h.feed(notification(1, "live-notification"));
    EXPECT_EQ(h.delivered, Seqs{1});
  }
  EXPECT_FALSE(Harness(WatchRequest::watch("mars").startup_timeout(0ms)).session.startup_timeout());
}

// Behaviour 22
TEST(WatchSession, OpeningDeadlineIsFatalOnlyUntilTheFirstConfirmation) {
  {
    Harness h(WatchRequest::watch("mars"));
    h.connect();
    h.lose(ConnectionLoss::OpeningDeadline, 10s);
    const auto error = finish_error(h.step());
    EXPECT_EQ(error->kind(), AvisoErrorKind_StreamProtocol);
    EXPECT_NE(message_of(error).find("check base_url points to an Aviso server"),
              std::string::npos);
  }
  {
    Harness h(WatchRequest::watch("mars"));
    h.open();
    h.feed(established() + notification(1, "live-notification"));
    h.lose(ConnectionLoss::UnexpectedEof);
    h.open();
    h.feed(heartbeat());  // a stalled reconnect: only a heartbeat, no confirmation
    h.lose(ConnectionLoss::OpeningDeadline, 10s);
    h.open();
    EXPECT_EQ(h.last_body().at("from_id"), "2");
    h.feed(replay_started() + notification(2));
    EXPECT_EQ(h.delivered, (Seqs{1, 2}));
  }
}

// Behaviour 24
TEST(WatchSession, TransportErrorsEofAndSilenceReconnectWithoutSurfacing) {
  for (const auto loss : {ConnectionLoss::TransportError, ConnectionLoss::UnexpectedEof,
                          ConnectionLoss::HeartbeatStarvation}) {
    Harness h(WatchRequest::watch("mars"));
    h.open();
    h.feed(established());
    h.lose(loss);
    EXPECT_EQ(h.session.retry_counter(), 1u);
    const auto c = h.open();
    EXPECT_LT(c.delay, 250ms);
    ASSERT_TRUE(c.retry_log);
    EXPECT_EQ(c.retry_log->event, "client.connection.retrying");
  }
}

TEST(WatchSession, ConsecutiveFailuresGrowTheCeilingAndConfirmationResetsIt) {
  Harness h(WatchRequest::watch("mars"));
  h.connect();
  for (std::uint32_t i = 1; i <= 4; ++i) {
    h.lose(ConnectionLoss::TransportError);
    EXPECT_EQ(h.session.retry_counter(), i);
    EXPECT_LT(h.connect().delay, exponential_ceiling(i - 1));
  }
  EXPECT_TRUE(h.session.on_response(ok_response(), h.wall));
  h.feed(established());
  EXPECT_EQ(h.session.retry_counter(), 0u);
}

// Behaviour 25
TEST(WatchSession, ServiceUnavailableHonoursRetryAfterOnce) {
  Harness h(WatchRequest::watch("mars"));
  h.connect();
  aviso::http::Response busy;
  busy.status = 503;
  busy.headers = {{"Retry-After", "1"}};
  EXPECT_FALSE(h.session.on_response(busy, h.wall));
  EXPECT_EQ(h.connect().delay, 1000ms);
  aviso::http::Response broken;
  broken.status = 500;
  broken.headers = {{"Retry-After", "60"}};
  EXPECT_FALSE(h.session.on_response(broken, h.wall));
  EXPECT_LT(h.connect().delay, 500ms);  // exponential, attempt 1; Retry-After ignored for 500
}

// Behaviour 26
TEST(WatchSession, NotFoundEndsWithTheHttpError) {
  Harness h(WatchRequest::watch("mars"));
  h.connect();
  aviso::http::Response missing;
  missing.status = 404;
  missing.headers = {{"X-Request-ID", "req-404"}};
  missing.body = R"({"message":"not found"})";
  EXPECT_FALSE(h.session.on_response(missing, h.wall));
  const auto error = finish_error(h.step());
  EXPECT_EQ(error->kind(), AvisoErrorKind_Http);
  EXPECT_EQ(error->error().http_status, 404);
  EXPECT_EQ(error->error().request_id, "req-404");
  EXPECT_NE(message_of(error).find("not found"), std::string::npos);
}

// Behaviour 27
TEST(WatchSession, UnauthorizedRefreshesOnceThenFails) {
  aviso::http::Response denied;
  denied.status = 401;
  WatchSessionOptions options;
  options.has_auth_provider = true;
  {
    Harness h(WatchRequest::watch("mars"), std::nullopt, options);
    h.connect();
    EXPECT_FALSE(h.session.on_response(denied, h.wall));
    EXPECT_TRUE(std::holds_alternative<steps::RefreshAuth>(h.step()));
    h.session.on_auth_refreshed(std::nullopt);
    EXPECT_EQ(h.open().delay, 0ms);  // no sleep on the 401 path
    h.feed(established() + notification(1, "live-notification"));
    EXPECT_EQ(h.delivered, Seqs{1});
  }
  {
    Harness h(WatchRequest::watch("mars"), std::nullopt, options);
    h.connect();
    h.session.on_response(denied, h.wall);
    h.step();
    h.session.on_auth_refreshed(std::nullopt);
    h.connect();
    h.session.on_response(denied, h.wall);
    EXPECT_EQ(message_of(finish_error(h.step())), "auth: authentication rejected after refresh");
  }
  {
    Harness h(WatchRequest::watch("mars"));
    h.connect();
    h.session.on_response(denied, h.wall);
    const auto error = finish_error(h.step());
    EXPECT_EQ(error->kind(), AvisoErrorKind_Http);
    EXPECT_EQ(error->error().http_status, 401);
  }
}

TEST(WatchSession, AnyOtherOutcomeStartsANewRefreshCycle) {
  aviso::http::Response denied;
  denied.status = 401;
  aviso::http::Response busy;
  busy.status = 503;
  WatchSessionOptions options;
  options.has_auth_provider = true;
  Harness h(WatchRequest::watch("mars"), std::nullopt, options);
  h.connect();
  h.session.on_response(denied, h.wall);
  h.step();
  h.session.on_auth_refreshed(std::nullopt);
  h.connect();
  h.session.on_response(busy, h.wall);
  h.connect();
  h.session.on_response(denied, h.wall);
  EXPECT_TRUE(std::holds_alternative<steps::RefreshAuth>(h.step()));
  h.session.on_auth_refreshed(aviso::Error::auth("token endpoint unreachable"));
  EXPECT_EQ(message_of(finish_error(h.step())), "auth: token endpoint unreachable");
}

TEST(WatchSession, ParserOverflowWinsOverACloseInTheSameChunk) {
  WatchSessionOptions options;
  options.sse_limits.max_line_bytes = 64;
  Harness h(WatchRequest::watch("mars"), std::nullopt, options);
  h.open();
  h.feed(established());
  h.feed(heartbeat() + closing("max_duration_reached") + "data: " + std::string(100, 'x'));
  const auto error = finish_error(h.step());
  EXPECT_EQ(error->kind(), AvisoErrorKind_StreamProtocol);
  EXPECT_NE(message_of(error).find("SSE line longer than 64 bytes"), std::string::npos);
}

TEST(WatchSession, FramesBeforeAnOverflowAreStillDelivered) {
  WatchSessionOptions options;
  options.sse_limits.max_line_bytes = 256;
  Harness h(WatchRequest::watch("mars"), std::nullopt, options);
  h.open();
  h.feed(established() + notification(1, "live-notification") + "data: " + std::string(300, 'x'));
  EXPECT_EQ(h.delivered, Seqs{1});
  EXPECT_EQ(finish_error(h.step())->kind(), AvisoErrorKind_StreamProtocol);
}

// Decision (a): dedup at the replay/live boundary.
TEST(WatchSession, BoundaryDuplicatesAreSkipped) {
  Harness h(WatchRequest::watch_from("mars", ResumeStart::after_sequence(0)));
  h.open();
  h.feed(replay_started() + notification(1) + notification(2) + replay_completed() +
         notification(2, "live-notification") + notification(3, "live-notification"));
  EXPECT_EQ(h.delivered, (Seqs{1, 2, 3}));
  EXPECT_TRUE(h.has_log("client.watch.duplicate_skipped"));
}

// Decision (c): a restarted server whose counter went back.
TEST(WatchSession, RestartedServerIsReplayedFromItsBeginning) {
  Harness h(WatchRequest::watch("mars"), std::nullopt, with_store(true));
  h.open();
  h.feed(established());
  for (std::uint64_t s = 1; s <= 5; ++s) h.feed(notification(s, "live-notification"));
  h.lose(ConnectionLoss::UnexpectedEof);  // the server went down
  h.open();
  EXPECT_EQ(h.last_body().at("from_id"), "6");
  // The new epoch holds 1..3; nothing >= 6, so the replay is empty and 4 arrives live.
  h.feed(replay_started() + replay_completed() + notification(4, "live-notification"));
  EXPECT_EQ(h.end_connections, 1);
  EXPECT_TRUE(h.has_log("client.watch.history_reset"));
  const auto again = h.open();
  EXPECT_EQ(h.last_body().at("from_id"), "1");
  EXPECT_LT(again.delay, 250ms);
  h.feed(replay_started() + notification(1) + notification(2) + notification(3) + notification(4) +
         replay_completed());
  EXPECT_EQ(h.delivered, (Seqs{1, 2, 3, 4, 5, 1, 2, 3, 4}));
  // The stored cursor follows the new epoch: the first write replaces it.
  ASSERT_GE(h.writes.size(), 5u);
  EXPECT_EQ(h.writes[4], (Checkpoint{1, "mars@1"}));
  EXPECT_TRUE(h.write_was_reset[4]);
  EXPECT_FALSE(h.write_was_reset[5]);
  EXPECT_EQ(h.stored, 3u);
}

TEST(WatchSession, RestartedServerAtSequenceOneIsDeliveredWithoutReconnecting) {
  Harness h(WatchRequest::watch_from("mars", ResumeStart::after_sequence(70)), std::nullopt,
            with_store(true));
  h.open();
  h.feed(replay_started() + replay_completed() + notification(1, "live-notification") +
         notification(2, "live-notification"));
  EXPECT_EQ(h.delivered, (Seqs{1, 2}));
  EXPECT_EQ(h.end_connections, 0);
  ASSERT_EQ(h.writes.size(), 1u);
  EXPECT_TRUE(h.write_was_reset[0]);
  EXPECT_EQ(h.stored, 1u);
}

TEST(WatchSession, ResetCheckpointAlsoAppliesToTheExitFlush) {
  Harness h(WatchRequest::watch_from("mars", ResumeStart::after_sequence(70)), std::nullopt,
            with_store(true));
  h.open();
  h.feed(replay_started() + notification(1, "live-notification"));
  h.session.stop();
  EXPECT_TRUE(std::holds_alternative<actions::ResetCheckpoint>(*h.session.exit_flush()));
}

TEST(WatchSession, HeartbeatBudgetFollowsTheInterval) {
  WatchSessionOptions options;
  options.heartbeat_interval = 10s;
  EXPECT_EQ(Harness(WatchRequest::watch("mars"), std::nullopt, options).session.read_timeout(),
            40000ms);
  EXPECT_EQ(Harness(WatchRequest::watch("mars")).session.read_timeout(), 90000ms);
}

TEST(WatchSession, RetryLogIsThrottledToOnceEveryFiveSeconds) {
  Harness h(WatchRequest::watch("mars"));
  h.connect();
  h.lose(ConnectionLoss::TransportError, 100ms);
  EXPECT_TRUE(h.connect().retry_log);
  h.lose(ConnectionLoss::TransportError, 100ms);
  EXPECT_FALSE(h.connect().retry_log);
  h.lose(ConnectionLoss::TransportError, 6s);
  EXPECT_TRUE(h.connect().retry_log);
}

TEST(WatchSession, StopEndsTheConnectionAndTheWatchQuietly) {
  Harness h(WatchRequest::watch("mars"));
  h.open();
  h.feed(established());
  h.session.stop();
  h.drain();
  EXPECT_EQ(h.end_connections, 1);
  EXPECT_EQ(finish_error(h.step()), std::nullopt);
  EXPECT_EQ(h.session.state().phase.close->kind, CloseReason::Kind::UserRequested);
}

TEST(WatchSession, AfterConfirmationUnknownAndLateControlEventsAreHarmless) {
  Harness h(WatchRequest::watch_from("mars", ResumeStart::after_sequence(0)));
  h.open();
  h.feed(replay_started() + notification(1) + sse("progress", "{}") +
         sse("replay-control", R"({"type":"replay_paused"})") + replay_started(99) +
         sse("replay", R"({"type":"connection_established"})") + replay_completed() +
         notification(2, "live-notification"));
  EXPECT_EQ(h.delivered, (Seqs{1, 2}));
  EXPECT_EQ(h.session.state().phase.kind, ReplayPhase::Kind::Live);
  EXPECT_EQ(h.session.state().status.kind, ConnectionStatus::Kind::Connected);
  EXPECT_FALSE(h.session.resolved_end());  // no end was requested: end_sequence is ignored
  EXPECT_FALSE(h.session.finished());
}

TEST(WatchSession, UnknownReplayControlBeforeTheOpeningIsAProtocolError) {
  Harness h(WatchRequest::watch_from("mars", ResumeStart::after_sequence(0)));
  h.open();
  h.feed(sse("replay-control", R"({"type":"replay_paused"})"));
  EXPECT_EQ(finish_error(h.step())->kind(), AvisoErrorKind_StreamProtocol);
}

TEST(WatchSession, BadContentTypeEndsTheWatch) {
  Harness h(WatchRequest::watch("mars"));
  h.connect();
  aviso::http::Response html;
  html.status = 200;
  html.headers = {{"Content-Type", "text/html"}};
  EXPECT_FALSE(h.session.on_response(html, h.wall));
  EXPECT_EQ(finish_error(h.step())->kind(), AvisoErrorKind_StreamProtocol);
}

}  // namespace
