// The watch reducer: a pure function (state, event) -> (state, outcome) implementing the
// transition table of spec watch-and-state.md 2.2. No I/O, no clocks.
//
// The state is the pair (ReplayPhase, ConnectionStatus) plus the fixed WatchMode. The session
// (watch_session.hpp) feeds it events and acts on its outcomes.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "aviso/watch_types.hpp"

namespace aviso::watch {

enum class ReconnectPolicy { Immediate, ShortBackoff, ExponentialBackoff };

enum class FatalKind {
  MalformedEvent,
  AuthenticationRejectedAfterRefresh,
  TransportRetriesExhausted,  // defined for parity; never produced (retries are unbounded)
  ProtocolViolation,
};

struct Fatal {
  FatalKind kind = FatalKind::ProtocolViolation;
  std::string detail;  // the violation text for ProtocolViolation
  friend bool operator==(const Fatal&, const Fatal&) = default;
};

struct GapReason {
  enum class Kind { ReplayLimitReached, SequenceJump };
  Kind kind = Kind::SequenceJump;
  std::uint64_t max_allowed = 0;  // ReplayLimitReached
  std::uint64_t expected = 0;     // SequenceJump
  std::uint64_t observed = 0;     // SequenceJump

  static GapReason replay_limit_reached(std::uint64_t max_allowed) {
    return {Kind::ReplayLimitReached, max_allowed, 0, 0};
  }
  static GapReason sequence_jump(std::uint64_t expected, std::uint64_t observed) {
    return {Kind::SequenceJump, 0, expected, observed};
  }
  friend bool operator==(const GapReason&, const GapReason&) = default;
};

// A human-readable sentence for errors and logs.
std::string describe(const GapReason& reason);

struct CloseReason {
  enum class Kind { EndOfStream, Fatal, UserRequested };
  Kind kind = Kind::EndOfStream;
  std::optional<Fatal> fatal;
  friend bool operator==(const CloseReason&, const CloseReason&) = default;
};

struct ReplayPhase {
  enum class Kind { Replaying, Live, GapDetected, Closed };
  Kind kind = Kind::Live;
  bool replay_completed = false;     // Replaying only
  std::optional<GapReason> gap;      // GapDetected only
  std::optional<CloseReason> close;  // Closed only

  static ReplayPhase replaying(bool completed) { return {Kind::Replaying, completed, {}, {}}; }
  static ReplayPhase live() { return {Kind::Live, false, {}, {}}; }
  static ReplayPhase gap_detected(GapReason r) { return {Kind::GapDetected, false, r, {}}; }
  static ReplayPhase closed(CloseReason r) { return {Kind::Closed, false, {}, std::move(r)}; }
  friend bool operator==(const ReplayPhase&, const ReplayPhase&) = default;
};

struct ConnectionStatus {
  enum class Kind { Connected, Reconnecting, BackoffWait, RefreshingAuth };
  Kind kind = Kind::Reconnecting;
  std::chrono::milliseconds backoff{0};  // BackoffWait only

  static ConnectionStatus connected() { return {Kind::Connected, {}}; }
  static ConnectionStatus reconnecting() { return {Kind::Reconnecting, {}}; }
  static ConnectionStatus backoff_wait(std::chrono::milliseconds d) {
    return {Kind::BackoffWait, d};
  }
  static ConnectionStatus refreshing_auth() { return {Kind::RefreshingAuth, {}}; }
  friend bool operator==(const ConnectionStatus&, const ConnectionStatus&) = default;
};

struct WatchState {
  WatchMode mode = WatchMode::Watch;
  ReplayPhase phase;
  ConnectionStatus status;

  // Fresh state: Replaying{completed=false} when the watch has a start, Live otherwise; always
  // Reconnecting (nothing is connected yet).
  static WatchState initial(WatchMode mode, bool has_start);
  bool terminal() const noexcept { return phase.kind == ReplayPhase::Kind::Closed; }
  friend bool operator==(const WatchState&, const WatchState&) = default;
};

// Reducer events.
namespace events {
struct ConnectionEstablished {
  friend bool operator==(const ConnectionEstablished&, const ConnectionEstablished&) = default;
};
enum class LostCause { TransportError, UnexpectedEof };
struct ConnectionLost {
  LostCause cause;
  friend bool operator==(const ConnectionLost&, const ConnectionLost&) = default;
};
struct HeartbeatStarvation {
  friend bool operator==(const HeartbeatStarvation&, const HeartbeatStarvation&) = default;
};
enum class ServerCloseReason { MaxDurationReached, ServerShutdown, EndOfStream };
struct ServerClose {
  ServerCloseReason reason;
  friend bool operator==(const ServerClose&, const ServerClose&) = default;
};
struct BackoffStarted {
  std::chrono::milliseconds delay;
  friend bool operator==(const BackoffStarted&, const BackoffStarted&) = default;
};
struct BackoffElapsed {
  friend bool operator==(const BackoffElapsed&, const BackoffElapsed&) = default;
};
struct AuthRejected {
  friend bool operator==(const AuthRejected&, const AuthRejected&) = default;
};
struct AuthRefreshCompleted {
  bool ok;
  friend bool operator==(const AuthRefreshCompleted&, const AuthRefreshCompleted&) = default;
};
struct HeartbeatReceived {
  friend bool operator==(const HeartbeatReceived&, const HeartbeatReceived&) = default;
};
struct NotificationReceived {
  std::uint64_t sequence;
  friend bool operator==(const NotificationReceived&, const NotificationReceived&) = default;
};
struct ReplayCompleted {
  friend bool operator==(const ReplayCompleted&, const ReplayCompleted&) = default;
};
struct GapDetected {
  GapReason reason;
  friend bool operator==(const GapDetected&, const GapDetected&) = default;
};
struct FatalError {
  Fatal fatal;
  friend bool operator==(const FatalError&, const FatalError&) = default;
};
struct Stop {
  friend bool operator==(const Stop&, const Stop&) = default;
};
// Extension (not in the reference table): the client itself ends the connection to start over
// from the beginning of a restarted server's history. Reconnecting, Reconnect{Immediate}.
struct HistoryReset {
  friend bool operator==(const HistoryReset&, const HistoryReset&) = default;
};
}  // namespace events

using ReducerEvent =
    std::variant<events::ConnectionEstablished, events::ConnectionLost, events::HeartbeatStarvation,
                 events::ServerClose, events::BackoffStarted, events::BackoffElapsed,
                 events::AuthRejected, events::AuthRefreshCompleted, events::HeartbeatReceived,
                 events::NotificationReceived, events::ReplayCompleted, events::GapDetected,
                 events::FatalError, events::Stop, events::HistoryReset>;

// Reducer outcomes.
namespace outcomes {
struct Continue {
  friend bool operator==(const Continue&, const Continue&) = default;
};
struct Reconnect {
  ReconnectPolicy policy;
  friend bool operator==(const Reconnect&, const Reconnect&) = default;
};
struct RefreshAuth {
  friend bool operator==(const RefreshAuth&, const RefreshAuth&) = default;
};
struct Gap {
  GapReason reason;
  friend bool operator==(const Gap&, const Gap&) = default;
};
struct Stop {
  CloseReason reason;
  friend bool operator==(const Stop&, const Stop&) = default;
};
}  // namespace outcomes

using Outcome = std::variant<outcomes::Continue, outcomes::Reconnect, outcomes::RefreshAuth,
                             outcomes::Gap, outcomes::Stop>;

struct Transition {
  WatchState state;
  Outcome outcome;
};

// The transition table. Total: every (state, event) pair has exactly one result.
Transition reduce(const WatchState& state, const ReducerEvent& event);

}  // namespace aviso::watch
