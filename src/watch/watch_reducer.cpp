#include "watch/watch_reducer.hpp"

#include <type_traits>

namespace aviso::watch {
namespace {

template <class... Handlers>
struct Overloaded : Handlers... {
  using Handlers::operator()...;
};
template <class... Handlers>
Overloaded(Handlers...) -> Overloaded<Handlers...>;

Transition with_status(WatchState state, ConnectionStatus status, Outcome outcome) {
  state.status = status;
  return {std::move(state), std::move(outcome)};
}

Transition with_phase(WatchState state, ReplayPhase phase, Outcome outcome) {
  state.phase = std::move(phase);
  return {std::move(state), std::move(outcome)};
}

Transition reconnect(WatchState state, ReconnectPolicy policy) {
  return with_status(std::move(state), ConnectionStatus::reconnecting(),
                     outcomes::Reconnect{policy});
}

Transition close(WatchState state, CloseReason reason) {
  CloseReason copy = reason;
  return with_phase(std::move(state), ReplayPhase::closed(std::move(reason)),
                    outcomes::Stop{std::move(copy)});
}

}  // namespace

std::string describe(const GapReason& reason) {
  if (reason.kind == GapReason::Kind::ReplayLimitReached) {
    return "the server replayed at most " + std::to_string(reason.max_allowed) +
           " notifications and did not retrieve older history (replay limit reached)";
  }
  return "sequence jump: expected " + std::to_string(reason.expected) + ", observed " +
         std::to_string(reason.observed);
}

WatchState WatchState::initial(WatchMode mode, bool has_start) {
  return WatchState{mode, has_start ? ReplayPhase::replaying(false) : ReplayPhase::live(),
                    ConnectionStatus::reconnecting()};
}

Transition reduce(const WatchState& state, const ReducerEvent& event) {
  if (state.terminal()) {
    return {state, outcomes::Continue{}};  // Closed is sticky
  }
  const outcomes::Continue cont;
  return std::visit(
      Overloaded{
          // 1
          [&](const events::ConnectionEstablished&) {
            return with_status(state, ConnectionStatus::connected(), cont);
          },
          // 2/3
          [&](const events::ConnectionLost&) {
            return reconnect(state, ReconnectPolicy::ExponentialBackoff);
          },
          // 13
          [&](const events::HeartbeatStarvation&) {
            return reconnect(state, ReconnectPolicy::ExponentialBackoff);
          },
          // 4, 5, 6a-d
          [&](const events::ServerClose& close_event) {
            switch (close_event.reason) {
              case events::ServerCloseReason::MaxDurationReached:
                return reconnect(state, ReconnectPolicy::Immediate);
              case events::ServerCloseReason::ServerShutdown:
                return reconnect(state, ReconnectPolicy::ShortBackoff);
              case events::ServerCloseReason::EndOfStream:
                break;
            }
            const bool replay_done =
                state.phase.kind == ReplayPhase::Kind::Replaying && state.phase.replay_completed;
            if (state.mode == WatchMode::ReplayOnly && replay_done) {
              return close(state, CloseReason{CloseReason::Kind::EndOfStream, std::nullopt});
            }
            return reconnect(state, ReconnectPolicy::Immediate);
          },
          // 7
          [&](const events::BackoffStarted& started) {
            return with_status(state, ConnectionStatus::backoff_wait(started.delay), cont);
          },
          // 8a/b
          [&](const events::BackoffElapsed&) {
            if (state.status.kind == ConnectionStatus::Kind::BackoffWait) {
              return with_status(state, ConnectionStatus::reconnecting(), cont);
            }
            return Transition{state, cont};
          },
          // 9
          [&](const events::AuthRejected&) {
            return with_status(state, ConnectionStatus::refreshing_auth(), outcomes::RefreshAuth{});
          },
          // 10, 11
          [&](const events::AuthRefreshCompleted& completed) {
            if (completed.ok) {
              return with_status(state, ConnectionStatus::reconnecting(), cont);
            }
            return close(state,
                         CloseReason{CloseReason::Kind::Fatal,
                                     Fatal{FatalKind::AuthenticationRejectedAfterRefresh, ""}});
          },
          // 12, 14
          [&](const events::HeartbeatReceived&) {
            return Transition{state, cont};
          },
          [&](const events::NotificationReceived&) {
            return Transition{state, cont};
          },
          // 15a-d
          [&](const events::ReplayCompleted&) {
            if (state.phase.kind == ReplayPhase::Kind::Replaying) {
              if (state.mode == WatchMode::Watch) {
                return with_phase(state, ReplayPhase::live(), cont);
              }
              if (!state.phase.replay_completed) {
                return with_phase(state, ReplayPhase::replaying(true), cont);
              }
            }
            return Transition{state, cont};
          },
          // 16
          [&](const events::GapDetected& gap) {
            return with_phase(state, ReplayPhase::gap_detected(gap.reason),
                              outcomes::Gap{gap.reason});
          },
          // 17
          [&](const events::FatalError& fatal) {
            return close(state, CloseReason{CloseReason::Kind::Fatal, fatal.fatal});
          },
          // 18
          [&](const events::Stop&) {
            return close(state, CloseReason{CloseReason::Kind::UserRequested, std::nullopt});
          },
          // extension
          [&](const events::HistoryReset&) { return reconnect(state, ReconnectPolicy::Immediate); },
      },
      event);
}

}  // namespace aviso::watch
