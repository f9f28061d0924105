// Every row of the transition table (spec watch-and-state.md 2.2), table-driven.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "watch/watch_reducer.hpp"

namespace {

using namespace aviso::watch;
using aviso::WatchMode;
using std::chrono::milliseconds;

const ReplayPhase kReplaying = ReplayPhase::replaying(false);
const ReplayPhase kReplayDone = ReplayPhase::replaying(true);
const ReplayPhase kLive = ReplayPhase::live();
const ConnectionStatus kConnected = ConnectionStatus::connected();
const ConnectionStatus kReconnecting = ConnectionStatus::reconnecting();
const CloseReason kEnd{CloseReason::Kind::EndOfStream, std::nullopt};
const CloseReason kUser{CloseReason::Kind::UserRequested, std::nullopt};
const GapReason kJump = GapReason::sequence_jump(2, 3);

struct Row {
  std::string name;
  WatchState before;
  ReducerEvent event;
  WatchState after;
  Outcome outcome;
};

WatchState st(WatchMode mode, ReplayPhase phase, ConnectionStatus status) {
  return WatchState{mode, std::move(phase), status};
}

const auto W = WatchMode::Watch;
const auto R = WatchMode::ReplayOnly;

std::vector<Row> table() {
  using namespace events;
  const Fatal malformed{FatalKind::MalformedEvent, ""};
  const CloseReason auth_fatal{CloseReason::Kind::Fatal,
                               Fatal{FatalKind::AuthenticationRejectedAfterRefresh, ""}};
  return {
      {"1 established", st(W, kLive, kReconnecting), ConnectionEstablished{},
       st(W, kLive, kConnected), outcomes::Continue{}},
      {"2 transport lost", st(W, kLive, kConnected), ConnectionLost{LostCause::TransportError},
       st(W, kLive, kReconnecting), outcomes::Reconnect{ReconnectPolicy::ExponentialBackoff}},
      {"3 eof", st(R, kReplaying, kConnected), ConnectionLost{LostCause::UnexpectedEof},
       st(R, kReplaying, kReconnecting), outcomes::Reconnect{ReconnectPolicy::ExponentialBackoff}},
      {"13 heartbeat starvation", st(W, kLive, kConnected), HeartbeatStarvation{},
       st(W, kLive, kReconnecting), outcomes::Reconnect{ReconnectPolicy::ExponentialBackoff}},
      {"4 max duration", st(W, kLive, kConnected),
       ServerClose{ServerCloseReason::MaxDurationReached}, st(W, kLive, kReconnecting),
       outcomes::Reconnect{ReconnectPolicy::Immediate}},
      {"5 shutdown", st(R, kReplaying, kConnected), ServerClose{ServerCloseReason::ServerShutdown},
       st(R, kReplaying, kReconnecting), outcomes::Reconnect{ReconnectPolicy::ShortBackoff}},
      {"6a end of stream in Watch", st(W, kLive, kConnected),
       ServerClose{ServerCloseReason::EndOfStream}, st(W, kLive, kReconnecting),
       outcomes::Reconnect{ReconnectPolicy::Immediate}},
      {"6b end of stream after replay_completed", st(R, kReplayDone, kConnected),
       ServerClose{ServerCloseReason::EndOfStream}, st(R, ReplayPhase::closed(kEnd), kConnected),
       outcomes::Stop{kEnd}},
      {"6c end of stream before replay_completed", st(R, kReplaying, kConnected),
       ServerClose{ServerCloseReason::EndOfStream}, st(R, kReplaying, kReconnecting),
       outcomes::Reconnect{ReconnectPolicy::Immediate}},
      {"6d end of stream replay-only in a gap", st(R, ReplayPhase::gap_detected(kJump), kConnected),
       ServerClose{ServerCloseReason::EndOfStream},
       st(R, ReplayPhase::gap_detected(kJump), kReconnecting),
       outcomes::Reconnect{ReconnectPolicy::Immediate}},
      {"7 backoff started", st(W, kLive, kReconnecting), BackoffStarted{milliseconds(700)},
       st(W, kLive, ConnectionStatus::backoff_wait(milliseconds(700))), outcomes::Continue{}},
      {"8a backoff elapsed", st(W, kLive, ConnectionStatus::backoff_wait(milliseconds(700))),
       BackoffElapsed{}, st(W, kLive, kReconnecting), outcomes::Continue{}},
      {"8b backoff elapsed elsewhere", st(W, kLive, kConnected), BackoffElapsed{},
       st(W, kLive, kConnected), outcomes::Continue{}},
      {"9 auth rejected", st(W, kLive, kReconnecting), AuthRejected{},
       st(W, kLive, ConnectionStatus::refreshing_auth()), outcomes::RefreshAuth{}},
      {"10 refresh ok", st(W, kLive, ConnectionStatus::refreshing_auth()),
       AuthRefreshCompleted{true}, st(W, kLive, kReconnecting), outcomes::Continue{}},
      {"11 refresh failed", st(W, kLive, ConnectionStatus::refreshing_auth()),
       AuthRefreshCompleted{false},
       st(W, ReplayPhase::closed(auth_fatal), ConnectionStatus::refreshing_auth()),
       outcomes::Stop{auth_fatal}},
      {"12 heartbeat", st(W, kReplaying, kConnected), HeartbeatReceived{},
       st(W, kReplaying, kConnected), outcomes::Continue{}},
      {"14 notification", st(R, kReplaying, kConnected), NotificationReceived{9},
       st(R, kReplaying, kConnected), outcomes::Continue{}},
      {"15a replay completed in Watch", st(W, kReplaying, kConnected), ReplayCompleted{},
       st(W, kLive, kConnected), outcomes::Continue{}},
      {"15b replay completed in ReplayOnly", st(R, kReplaying, kConnected), ReplayCompleted{},
       st(R, kReplayDone, kConnected), outcomes::Continue{}},
      {"15c replay completed again", st(R, kReplayDone, kConnected), ReplayCompleted{},
       st(R, kReplayDone, kConnected), outcomes::Continue{}},
      {"15d replay completed while live", st(W, kLive, kConnected), ReplayCompleted{},
       st(W, kLive, kConnected), outcomes::Continue{}},
      {"16 gap", st(W, kLive, kConnected), GapDetected{kJump},
       st(W, ReplayPhase::gap_detected(kJump), kConnected), outcomes::Gap{kJump}},
      {"17 fatal", st(W, kLive, kConnected), FatalError{malformed},
       st(W, ReplayPhase::closed(CloseReason{CloseReason::Kind::Fatal, malformed}), kConnected),
       outcomes::Stop{CloseReason{CloseReason::Kind::Fatal, malformed}}},
      {"18 stop", st(W, kLive, kConnected), Stop{}, st(W, ReplayPhase::closed(kUser), kConnected),
       outcomes::Stop{kUser}},
      {"extension history reset", st(W, kLive, kConnected), HistoryReset{},
       st(W, kLive, kReconnecting), outcomes::Reconnect{ReconnectPolicy::Immediate}},
  };
}

TEST(WatchReducer, EveryRowOfTheTransitionTable) {
  for (const Row& row : table()) {
    const Transition t = reduce(row.before, row.event);
    EXPECT_EQ(t.state, row.after) << row.name;
    EXPECT_EQ(t.outcome, row.outcome) << row.name;
  }
}

TEST(WatchReducer, ClosedIsStickyForEveryEvent) {
  for (const CloseReason& reason : {kEnd, kUser}) {
    const WatchState closed = st(R, ReplayPhase::closed(reason), kConnected);
    for (const Row& row : table()) {
      const Transition t = reduce(closed, row.event);
      EXPECT_EQ(t.state, closed) << row.name;
      EXPECT_EQ(t.outcome, Outcome(outcomes::Continue{})) << row.name;
    }
  }
}

// Behaviour 10
TEST(WatchReducer, InitialStates) {
  EXPECT_EQ(WatchState::initial(W, false), st(W, kLive, kReconnecting));
  EXPECT_EQ(WatchState::initial(W, true), st(W, kReplaying, kReconnecting));
  EXPECT_EQ(WatchState::initial(R, true), st(R, kReplaying, kReconnecting));
}

// Behaviours 12, 13
TEST(WatchReducer, ReplayOnlyEndsOnlyAfterReplayCompleted) {
  WatchState s = WatchState::initial(R, true);
  s = reduce(s, events::ConnectionEstablished{}).state;
  EXPECT_EQ(reduce(s, events::ServerClose{events::ServerCloseReason::EndOfStream}).outcome,
            Outcome(outcomes::Reconnect{ReconnectPolicy::Immediate}));
  s = reduce(s, events::ReplayCompleted{}).state;
  s = reduce(s, events::ReplayCompleted{}).state;  // idempotent
  const Transition end = reduce(s, events::ServerClose{events::ServerCloseReason::EndOfStream});
  EXPECT_EQ(end.outcome, Outcome(outcomes::Stop{kEnd}));
  EXPECT_TRUE(end.state.terminal());
}

TEST(WatchReducer, GapIsNotLeftOnItsOwn) {
  WatchState s = reduce(WatchState::initial(W, true), events::GapDetected{kJump}).state;
  s = reduce(s, events::ReplayCompleted{}).state;
  s = reduce(s, events::NotificationReceived{4}).state;
  EXPECT_EQ(s.phase, ReplayPhase::gap_detected(kJump));
}

TEST(WatchReducer, DescribesGaps) {
  EXPECT_EQ(describe(kJump), "sequence jump: expected 2, observed 3");
  EXPECT_NE(describe(GapReason::replay_limit_reached(100)).find("at most 100"), std::string::npos);
}

}  // namespace
