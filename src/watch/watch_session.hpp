// One watch's complete decision logic, free of sockets, threads and clocks: the opening
// handshake, frame handling, the reducer, reconnect delays, the commit rule, dedup, the gap guard,
// restarted-server recovery, the end-reached check and the exit flush. The I/O driver that owns
// the transfer, the timers, the state store, the triggers and the consumer queue only moves
// bytes and executes what the session asks for:
//
//   WatchSession session(request, stored_sequence_or_none, options);  // after store.get()
//   for (;;) {
//     Step step = session.next_step(steady_now);
//     if (Finish)       -> break (error or clean end)
//     if (RefreshAuth)  -> provider.refresh(); session.on_auth_refreshed(error or nothing)
//     if (Connect)      -> log step.retry_log; wait step.delay (cancellable);
//                          session.on_connection_started(); send POST step.path with step.body
//       answer status 200: session.on_response(head) -> true: stream the body;
//       other status:      read the (bounded) body, then session.on_response(full) -> false
//       each body chunk:   session.on_body(chunk); then until next_action() returns nothing:
//           Deliver{n}          run triggers, hand n to the consumer, then action_succeeded()
//           Commit{c}           store.put(c), then action_succeeded()
//           ResetCheckpoint{c}  store.delete + store.put(c), then action_succeeded()
//              (any failure:    action_failed(error))
//           Log{line}           log it
//           EndConnection       close the transfer; go back to next_step()
//       transport error / EOF / no chunk within read_timeout() / no confirmation within
//       kOpeningDeadline: session.on_connection_lost(cause, detail); go back to next_step()
//   }
//   if (auto flush = session.exit_flush()) store it, only logging a failure
//
// Also: on_startup_timeout() when startup_timeout() elapses, stop() when the consumer cancels.
// Drain next_action() before feeding more bytes or reporting a lost connection. A session is not
// thread-safe: it belongs to the driver's I/O thread, like the transfer it describes.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "aviso/error.hpp"
#include "aviso/notification.hpp"
#include "aviso/watch_request.hpp"
#include "http/http_message.hpp"
#include "sse/reusing_fifo.hpp"
#include "sse/sse_parser.hpp"
#include "watch/backoff.hpp"
#include "watch/frame.hpp"
#include "watch/heartbeat.hpp"
#include "watch/watch_reducer.hpp"

namespace aviso::watch {

// A saved position: "everything up to and including `sequence` is done".
struct Checkpoint {
  std::uint64_t sequence = 0;
  // "<event_type>@<sequence>"; left empty without a state store, the only reader of it.
  std::string event_id;
  friend bool operator==(const Checkpoint&, const Checkpoint&) = default;
};

struct LogLine {
  enum class Level { Debug, Info, Warn };
  Level level = Level::Info;
  std::string event;  // stable name, e.g. "client.connection.retrying"
  std::string message;
  // The facts of the message as name/value pairs, for front ends that print their own text
  // (the retry line carries cause, delay_ms and attempt).
  std::vector<std::pair<std::string, std::string>> fields;
};

namespace actions {
struct Deliver {
  Notification notification;
};
struct Commit {
  Checkpoint checkpoint;
};
// The server's history restarted below the stored cursor: replace the stored checkpoint (delete,
// then put), since stores never move a cursor backwards on an ordinary put.
struct ResetCheckpoint {
  Checkpoint checkpoint;
};
struct Log {
  LogLine line;
};
struct EndConnection {};
}  // namespace actions

using Action = std::variant<actions::Deliver, actions::Commit, actions::ResetCheckpoint,
                            actions::Log, actions::EndConnection>;

namespace steps {
struct Connect {
  std::chrono::milliseconds delay{0};  // wait this long first (cancellable)
  std::string path;                    // relative to the base URL: api/v1/watch | api/v1/replay
  std::string body;                    // JSON text
  std::optional<LogLine> retry_log;    // "Retrying listener connection", throttled to 1 per 5 s
};
struct RefreshAuth {};
struct Finish {
  std::optional<Error> error;  // none: clean end
};
}  // namespace steps

using Step = std::variant<steps::Connect, steps::RefreshAuth, steps::Finish>;

enum class ConnectionLoss { TransportError, UnexpectedEof, HeartbeatStarvation, OpeningDeadline };

struct WatchSessionOptions {
  bool has_state_store = false;
  bool has_auth_provider = false;
  bool flush_cursor_on_exit = false;
  std::chrono::milliseconds heartbeat_interval = kDefaultHeartbeatInterval;
  std::uint64_t jitter_seed = 0;  // seed from a real entropy source outside tests
  sse::SseLimits sse_limits;
};

// Where a watch starts (spec 1.5): an explicit start wins; else a stored checkpoint resumes after
// its sequence; else the live head (none). Throws Config for replay-only without any start.
std::optional<ResumeStart> resolve_initial_cursor(const WatchRequest& request,
                                                  std::optional<std::uint64_t> stored_sequence);

class WatchSession {
 public:
  static constexpr std::chrono::seconds kOpeningDeadline{10};
  static constexpr std::chrono::seconds kMinHealthySession{1};
  static constexpr std::chrono::seconds kRetryLogInterval{5};

  // `request` should have passed check_watch_request(). `stored_sequence` is the state store's
  // checkpoint for the watch's resume key, if a store is configured and holds one; the start is
  // resolved from it with resolve_initial_cursor() (throws Config for replay-only without any).
  WatchSession(WatchRequest request, std::optional<std::uint64_t> stored_sequence,
               WatchSessionOptions options);

  // --- timers the driver arms ---
  // Longest wait for the next body chunk: the heartbeat budget for Watch; none for ReplayOnly,
  // whose endpoint sends no heartbeats and may be silent while it filters a long history.
  std::optional<std::chrono::milliseconds> read_timeout() const;
  std::optional<std::chrono::milliseconds> startup_timeout() const {
    return request_.startup_timeout();
  }

  // --- the loop ---
  Step next_step(std::chrono::steady_clock::time_point now);
  void on_auth_refreshed(std::optional<Error> failure);

  // --- one connection ---
  void on_connection_started(std::chrono::steady_clock::time_point now);
  bool on_response(const http::Response& response, std::chrono::system_clock::time_point now);
  void on_body(std::string_view bytes);
  std::optional<Action> next_action();
  void action_succeeded();
  void action_failed(Error error);
  void on_connection_lost(ConnectionLoss loss, std::string_view detail = {});

  // --- outside events ---
  void on_startup_timeout();
  void stop();

  // After the loop: the write that flush_cursor_on_exit asks for, if any.
  std::optional<Action> exit_flush() const;

  // --- observers (tests, diagnostics) ---
  const WatchState& state() const noexcept { return state_; }
  bool finished() const noexcept { return finished_; }
  std::optional<std::uint64_t> last_delivered() const;
  std::optional<std::uint64_t> committed() const noexcept { return commit_cursor_; }
  const std::optional<Checkpoint>& pending() const noexcept { return pending_; }
  std::optional<std::uint64_t> resolved_end() const noexcept { return resolved_end_; }
  std::uint32_t retry_counter() const noexcept { return retry_counter_; }
  std::uint32_t short_sessions() const noexcept { return short_sessions_; }
  bool confirmed_once() const noexcept { return confirmed_once_; }

 private:
  enum class Connection { None, AwaitingResponse, Opening, Streaming, Closed };
  enum class Awaiting { Nothing, Deliver, Commit };

  Outcome apply(const ReducerEvent& event);
  void finish(std::optional<Error> error);
  void fail_connection(Error error, const ReducerEvent& event);
  void end_connection();
  void count_failure(std::string cause);
  void handle_event(const sse::SseEvent& event);
  void handle_opening(const frames::Frame& frame, const std::string& event_name);
  // Both take what they are given by reference: a notification is moved once, into its Deliver.
  void handle_streaming(frames::Frame& frame);
  void handle_notification(Notification& notification);
  void handle_close(const frames::ConnectionClosing& closing);
  void log(LogLine::Level level, std::string event, std::string message);
  std::optional<std::uint64_t> effective_end_sequence() const;

  WatchRequest request_;
  WatchSessionOptions options_;
  WatchState state_;
  JitterSource jitter_;
  std::optional<ResumeStart> initial_cursor_;

  // Across connections (spec 2.3).
  std::optional<ReconnectPolicy> captured_policy_;
  std::uint32_t retry_counter_ = 0;
  std::uint32_t short_sessions_ = 0;
  std::optional<std::chrono::milliseconds> retry_after_override_;
  bool refreshed_this_cycle_ = false;
  std::string retry_cause_;
  std::optional<std::chrono::steady_clock::time_point> last_retry_log_;
  std::optional<std::uint64_t> commit_cursor_;
  std::optional<Checkpoint> pending_;
  std::optional<std::uint64_t> resolved_end_;
  bool confirmed_once_ = false;
  bool epoch_reset_ = false;  // the next stored write must replace, not advance, the checkpoint
  bool finished_ = false;
  std::optional<Error> final_error_;

  // Per connection.
  Connection connection_ = Connection::None;
  std::chrono::steady_clock::time_point connection_started_{};
  bool expect_replay_started_ = false;
  std::optional<std::uint64_t> connection_from_id_;  // the first sequence this connection asked
  std::optional<std::uint64_t> gap_expected_;
  sse::SseParser parser_;
  // The stream's last CloudEvent shape: the next one like it is checked by comparing bytes.
  frames::NotificationTemplate shape_;
  sse::ReusingFifo<Action> queue_;
  Awaiting awaiting_ = Awaiting::Nothing;
  std::optional<Checkpoint> awaiting_checkpoint_;
  bool ending_ = false;
  bool end_emitted_ = false;
};

}  // namespace aviso::watch
