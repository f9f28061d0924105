// A minimal, synchronous stand-in for the future I/O driver: it runs a WatchSession against
// scripted server bytes, with a fake clock, a fake store and a recording consumer.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "watch/watch_session.hpp"

namespace aviso::watch::testing {

inline std::string sse(const std::string& event, const std::string& data) {
  return "event: " + event + "\ndata: " + data + "\n\n";
}
inline std::string established() {
  return sse("live-notification",
             R"({"type":"connection_established","request_id":"rid-1","topic":"mars.*"})");
}
inline std::string replay_started(std::optional<std::uint64_t> end = std::nullopt) {
  nlohmann::json data = {{"type", "replay_started"}, {"request_id", "rid-1"}};
  if (end) data["end_sequence"] = *end;
  return sse("replay-control", data.dump());
}
inline std::string replay_completed() {
  return sse("replay-control", R"({"type":"replay_completed"})");
}
inline std::string heartbeat() { return sse("heartbeat", R"({"timestamp":"t"})"); }
inline std::string closing(const std::string& reason) {
  return sse("connection-closing",
             nlohmann::json{{"reason", reason}, {"request_id", "rid-close"}}.dump());
}
inline std::string notification(std::uint64_t sequence, const std::string& event = "replay") {
  const nlohmann::json cloudevent = {
      {"id", "mars@" + std::to_string(sequence)},
      {"data", {{"identifier", {{"class", "od"}}}, {"payload", {{"n", sequence}}}}},
      {"specversion", "1.0"},
      {"type", "int.ecmwf.aviso.mars"}};
  return sse(event, cloudevent.dump());
}

inline http::Response ok_response() {
  http::Response r;
  r.status = 200;
  r.headers = {{"Content-Type", "text/event-stream"}, {"X-Request-ID", "rid-1"}};
  return r;
}

struct Harness {
  explicit Harness(WatchRequest request,
                   std::optional<std::uint64_t> stored_sequence = std::nullopt,
                   WatchSessionOptions options = {})
      : session(std::move(request), stored_sequence, options) {}

  WatchSession session;
  std::chrono::steady_clock::time_point now{std::chrono::hours(1)};
  std::chrono::system_clock::time_point wall{std::chrono::hours(1000)};

  // What the driver observed.
  std::vector<std::uint64_t> delivered;
  std::vector<Checkpoint> writes;  // Commit and ResetCheckpoint, in order
  std::vector<bool> write_was_reset;
  std::optional<std::uint64_t> stored;  // a store that ignores lower puts, like the file store
  std::vector<LogLine> logs;
  std::vector<steps::Connect> connects;
  int end_connections = 0;

  // Failure injection.
  std::optional<Error> fail_next_write;
  std::optional<std::uint64_t> fail_delivery_of;

  Step step() { return session.next_step(now); }

  // Expects the next step to be Connect, starts the connection and returns the step.
  steps::Connect connect() {
    Step s = step();
    EXPECT_TRUE(std::holds_alternative<steps::Connect>(s)) << "expected Connect";
    if (!std::holds_alternative<steps::Connect>(s)) return {};
    steps::Connect c = std::get<steps::Connect>(s);
    connects.push_back(c);
    if (c.retry_log) logs.push_back(*c.retry_log);
    now += c.delay;
    session.on_connection_started(now);
    return c;
  }

  nlohmann::json last_body() const { return nlohmann::json::parse(connects.back().body); }

  // Connects and answers 200 with an event stream.
  steps::Connect open() {
    steps::Connect c = connect();
    EXPECT_TRUE(session.on_response(ok_response(), wall));
    return c;
  }

  void feed(const std::string& bytes) {
    session.on_body(bytes);
    drain();
  }

  void drain() {
    while (auto action = session.next_action()) {
      std::visit(
          [&](auto& a) {
            using A = std::decay_t<decltype(a)>;
            if constexpr (std::is_same_v<A, actions::Deliver>) {
              if (fail_delivery_of == a.notification.sequence()) {
                session.action_failed(Error::trigger_failed("command", "exit", "exit 1"));
                return;
              }
              delivered.push_back(a.notification.sequence());
              session.action_succeeded();
            } else if constexpr (std::is_same_v<A, actions::Commit> ||
                                 std::is_same_v<A, actions::ResetCheckpoint>) {
              if (fail_next_write) {
                Error e = *fail_next_write;
                fail_next_write.reset();
                session.action_failed(e);
                return;
              }
              constexpr bool reset = std::is_same_v<A, actions::ResetCheckpoint>;
              writes.push_back(a.checkpoint);
              write_was_reset.push_back(reset);
              if (reset || !stored || a.checkpoint.sequence > *stored) {
                stored = a.checkpoint.sequence;
              }
              session.action_succeeded();
            } else if constexpr (std::is_same_v<A, actions::Log>) {
              logs.push_back(a.line);
            } else {
              ++end_connections;
            }
          },
          *action);
    }
  }

  // Ends a connection from the outside after `elapsed` of wall time.
  void lose(ConnectionLoss loss, std::chrono::milliseconds elapsed = std::chrono::seconds(2)) {
    now += elapsed;
    session.on_connection_lost(loss, "test");
  }
  void elapse(std::chrono::milliseconds d) { now += d; }

  bool has_log(const std::string& event) const {
    for (const auto& l : logs) {
      if (l.event == event) return true;
    }
    return false;
  }
};

inline std::optional<Error> finish_error(const Step& step) {
  EXPECT_TRUE(std::holds_alternative<steps::Finish>(step)) << "expected Finish";
  if (!std::holds_alternative<steps::Finish>(step)) return std::nullopt;
  return std::get<steps::Finish>(step).error;
}

}  // namespace aviso::watch::testing
