#include "watch/watch_session.hpp"

#include <limits>
#include <utility>

#include "watch/reaction.hpp"
#include "watch/wire_body.hpp"

namespace aviso::watch {
namespace {

template <class... Handlers>
struct Overloaded : Handlers... {
  using Handlers::operator()...;
};
template <class... Handlers>
Overloaded(Handlers...) -> Overloaded<Handlers...>;

constexpr std::uint64_t kMaxSequence = std::numeric_limits<std::uint64_t>::max();

std::optional<std::uint64_t> next_after(std::uint64_t sequence) {
  return sequence == kMaxSequence ? std::nullopt : std::optional<std::uint64_t>(sequence + 1);
}

events::FatalError protocol_violation(std::string detail) {
  return events::FatalError{Fatal{FatalKind::ProtocolViolation, std::move(detail)}};
}

}  // namespace

std::optional<ResumeStart> resolve_initial_cursor(const WatchRequest& request,
                                                  std::optional<std::uint64_t> stored_sequence) {
  std::optional<ResumeStart> start = request.from();  // an explicit start wins over a checkpoint
  if (!start && stored_sequence) {
    start = ResumeStart::after_sequence(*stored_sequence);
  }
  if (!start && request.mode() == WatchMode::ReplayOnly) {
    throw Error::config("replay-only watch requires a resume position");
  }
  return start;
}

WatchSession::WatchSession(WatchRequest request, std::optional<std::uint64_t> stored_sequence,
                           WatchSessionOptions options)
    : request_(std::move(request)),
      options_(options),
      jitter_(options.jitter_seed),
      initial_cursor_(resolve_initial_cursor(request_, stored_sequence)),
      parser_(options.sse_limits) {
  state_ = WatchState::initial(request_.mode(), initial_cursor_.has_value());
  if (initial_cursor_) {
    commit_cursor_ = initial_cursor_->sequence();  // "everything up to n is done"
  }
}

std::optional<std::chrono::milliseconds> WatchSession::read_timeout() const {
  if (request_.mode() == WatchMode::ReplayOnly) {
    return std::nullopt;
  }
  return heartbeat_budget(options_.heartbeat_interval);
}

std::optional<std::uint64_t> WatchSession::last_delivered() const {
  return pending_ ? std::optional<std::uint64_t>(pending_->sequence) : commit_cursor_;
}

std::optional<std::uint64_t> WatchSession::effective_end_sequence() const {
  if (resolved_end_) {
    return resolved_end_;
  }
  return request_.until() ? request_.until()->sequence() : std::nullopt;
}

Outcome WatchSession::apply(const ReducerEvent& event) {
  Transition transition = reduce(state_, event);
  state_ = std::move(transition.state);
  if (const auto* reconnect = std::get_if<outcomes::Reconnect>(&transition.outcome)) {
    captured_policy_ = reconnect->policy;
  }
  return transition.outcome;
}

void WatchSession::finish(std::optional<Error> error) {
  if (!finished_) {  // the first reason to end is the one the consumer sees
    finished_ = true;
    final_error_ = std::move(error);
  }
}

void WatchSession::end_connection() { ending_ = true; }

void WatchSession::fail_connection(Error error, const ReducerEvent& event) {
  apply(event);
  finish(std::move(error));
  queue_.clear();
  end_connection();
}

void WatchSession::count_failure(std::string cause) {
  if (retry_counter_ != std::numeric_limits<std::uint32_t>::max()) {
    ++retry_counter_;
  }
  refreshed_this_cycle_ = false;
  retry_cause_ = std::move(cause);
}

void WatchSession::log(LogLine::Level level, std::string event, std::string message) {
  queue_.push_back(actions::Log{LogLine{level, std::move(event), std::move(message), {}}});
}

Step WatchSession::next_step(std::chrono::steady_clock::time_point now) {
  if (connection_ != Connection::None) {
    // Close the books on the previous connection: short sessions make Immediate exponential.
    if (now - connection_started_ < kMinHealthySession) {
      if (short_sessions_ != std::numeric_limits<std::uint32_t>::max()) ++short_sessions_;
    } else {
      short_sessions_ = 0;
    }
    connection_ = Connection::None;
    queue_.clear();
    awaiting_ = Awaiting::Nothing;
  }
  if (!finished_ && state_.terminal()) {
    finish(std::nullopt);  // e.g. replay-only end_of_stream after replay_completed
  }
  // End reached: reconnecting could ask from_id > to_id, which the server rejects with 400.
  const auto end = effective_end_sequence();
  const auto last = last_delivered();
  if (!finished_ && end && last && *last >= *end) {
    finish(std::nullopt);
  }
  if (finished_) {
    return steps::Finish{final_error_};
  }
  if (state_.status.kind == ConnectionStatus::Kind::RefreshingAuth) {
    if (!options_.has_auth_provider) {
      apply(events::AuthRefreshCompleted{false});
      finish(Error::auth("auth refresh requested but no auth provider is configured"));
      return steps::Finish{final_error_};
    }
    return steps::RefreshAuth{};
  }

  steps::Connect connect;
  if (captured_policy_) {
    ReconnectPolicy policy = *captured_policy_;
    captured_policy_.reset();
    std::uint32_t attempt = retry_counter_ > 0 ? retry_counter_ - 1 : 0;
    if (policy == ReconnectPolicy::Immediate && short_sessions_ > 0) {
      // A server that confirms and closes at once would otherwise be hammered in a tight loop.
      policy = ReconnectPolicy::ExponentialBackoff;
      attempt = short_sessions_ - 1;
    }
    std::chrono::milliseconds delay{0};
    if (retry_after_override_) {
      delay = *retry_after_override_;
      retry_after_override_.reset();
    } else {
      delay = compute_backoff(attempt, policy, jitter_);
    }
    if (!last_retry_log_ || now - *last_retry_log_ >= kRetryLogInterval) {
      last_retry_log_ = now;
      const std::string delay_ms = std::to_string(delay.count());
      const std::string attempt_text = std::to_string(static_cast<std::uint64_t>(attempt) + 1);
      connect.retry_log =
          LogLine{LogLine::Level::Info,
                  "client.connection.retrying",
                  "Retrying listener connection (cause: " + retry_cause_ +
                      ", delay_ms: " + delay_ms + ", attempt: " + attempt_text + ")",
                  {{"cause", retry_cause_}, {"delay_ms", delay_ms}, {"attempt", attempt_text}}};
    }
    if (delay > std::chrono::milliseconds::zero()) {
      apply(events::BackoffStarted{delay});
    }
    connect.delay = delay;
  }

  // Resume after the last notification delivered in this process, else from the initial cursor.
  std::optional<ResumeStart> start = initial_cursor_;
  if (const auto delivered = last_delivered()) {
    start = ResumeStart::after_sequence(*delivered);
  }
  std::optional<ReplayEnd> until = request_.until();
  if (resolved_end_) {
    until = ReplayEnd::through_sequence(*resolved_end_);  // a date end cannot move
  }
  try {
    connect.body = build_wire_body(request_.event_type(), request_.filter(), start, until).dump();
  } catch (const Error& error) {  // from_id overflow after delivering the largest sequence
    finish(error);
    return steps::Finish{final_error_};
  }
  connect.path = std::string(endpoint_path(request_.mode()));
  expect_replay_started_ = start.has_value();
  connection_from_id_ = start && start->sequence() ? next_after(*start->sequence()) : std::nullopt;
  return connect;
}

void WatchSession::on_auth_refreshed(std::optional<Error> failure) {
  if (failure) {
    apply(events::AuthRefreshCompleted{false});
    finish(std::move(*failure));
    return;
  }
  refreshed_this_cycle_ = true;
  apply(events::AuthRefreshCompleted{true});
}

void WatchSession::on_connection_started(std::chrono::steady_clock::time_point now) {
  apply(events::BackoffElapsed{});
  connection_ = Connection::AwaitingResponse;
  connection_started_ = now;
  parser_ = sse::SseParser(options_.sse_limits);
  queue_.clear();
  awaiting_ = Awaiting::Nothing;
  ending_ = false;
  end_emitted_ = false;
  gap_expected_ = connection_from_id_;
}

bool WatchSession::on_response(const http::Response& response,
                               std::chrono::system_clock::time_point now) {
  if (finished_ || connection_ != Connection::AwaitingResponse) {
    return false;
  }
  const ResponseVerdict verdict =
      classify_response(response, options_.has_auth_provider, refreshed_this_cycle_, now);
  return std::visit(Overloaded{
                        [&](const verdicts::Stream&) {
                          connection_ = Connection::Opening;
                          return true;
                        },
                        [&](const verdicts::Retry& retry) {
                          apply(events::ConnectionLost{events::LostCause::TransportError});
                          count_failure(retry.cause);
                          retry_after_override_ = retry.retry_after;
                          connection_ = Connection::Closed;
                          return false;
                        },
                        [&](const verdicts::RefreshAuth&) {
                          apply(events::AuthRejected{});
                          connection_ = Connection::Closed;
                          return false;
                        },
                        [&](const verdicts::Fail& fail) {
                          apply(fail.event);
                          finish(fail.error);
                          connection_ = Connection::Closed;
                          return false;
                        },
                    },
                    verdict);
}

void WatchSession::on_body(std::string_view bytes) {
  if (ending_ || (connection_ != Connection::Opening && connection_ != Connection::Streaming)) {
    return;
  }
  parser_.feed(bytes);
}

std::optional<Action> WatchSession::next_action() {
  if (awaiting_ != Awaiting::Nothing) {
    throw Error::invalid_usage(
        "WatchSession::next_action called before the previous Deliver/Commit was acknowledged");
  }
  for (;;) {
    if (!queue_.empty()) {
      Action action = queue_.pop_front();
      if (const auto* deliver = std::get_if<actions::Deliver>(&action)) {
        awaiting_ = Awaiting::Deliver;
        // Only a state store ever reads a checkpoint's event id (Commit, ResetCheckpoint, the
        // exit flush): without one, building it for every notification would be wasted.
        awaiting_checkpoint_ =
            Checkpoint{deliver->notification.sequence(),
                       options_.has_state_store ? deliver->notification.id() : std::string()};
      } else if (const auto* commit = std::get_if<actions::Commit>(&action)) {
        awaiting_ = Awaiting::Commit;
        awaiting_checkpoint_ = commit->checkpoint;
      } else if (const auto* reset = std::get_if<actions::ResetCheckpoint>(&action)) {
        awaiting_ = Awaiting::Commit;
        awaiting_checkpoint_ = reset->checkpoint;
      }
      return action;
    }
    const bool open = connection_ == Connection::Opening || connection_ == Connection::Streaming;
    if (ending_) {
      if (open && !end_emitted_) {
        end_emitted_ = true;
        connection_ = Connection::Closed;
        return actions::EndConnection{};
      }
      return std::nullopt;
    }
    if (!open) {
      return std::nullopt;
    }
    std::optional<sse::SseEvent> event = parser_.next_event();
    if (!event) {
      if (parser_.failed()) {
        // Every frame completed before the overflow has been handled; now the stream is over.
        fail_connection(*parser_.failure(), protocol_violation("SSE parser overflow"));
        continue;
      }
      return std::nullopt;
    }
    handle_event(*event);
    parser_.recycle(std::move(*event));  // its storage serves a later event
  }
}

void WatchSession::action_succeeded() {
  switch (awaiting_) {
    case Awaiting::Nothing:
      throw Error::invalid_usage("WatchSession::action_succeeded: no action awaits an answer");
    case Awaiting::Commit:
      commit_cursor_ = awaiting_checkpoint_->sequence;
      pending_.reset();
      epoch_reset_ = false;
      break;
    case Awaiting::Deliver:
      pending_ = awaiting_checkpoint_;  // only a delivered notification can become the cursor
      break;
  }
  awaiting_ = Awaiting::Nothing;
  awaiting_checkpoint_.reset();
}

void WatchSession::action_failed(Error error) {
  if (awaiting_ == Awaiting::Nothing) {
    throw Error::invalid_usage("WatchSession::action_failed: no action awaits an answer");
  }
  awaiting_ = Awaiting::Nothing;
  awaiting_checkpoint_.reset();
  finish(std::move(error));
  queue_.clear();
  end_connection();
}

void WatchSession::on_connection_lost(ConnectionLoss loss, std::string_view detail) {
  const bool live = connection_ == Connection::AwaitingResponse ||
                    connection_ == Connection::Opening || connection_ == Connection::Streaming;
  if (finished_ || !live || ending_) {
    connection_ = connection_ == Connection::None ? Connection::None : Connection::Closed;
    return;  // already decided: the loss is just the transfer going away
  }
  connection_ = Connection::Closed;
  queue_.clear();
  awaiting_ = Awaiting::Nothing;
  switch (loss) {
    case ConnectionLoss::OpeningDeadline:
      if (!confirmed_once_) {
        apply(protocol_violation("opening deadline exceeded"));
        finish(Error::stream_protocol(
            "Aviso opening deadline exceeded (10s); check base_url points to an Aviso server"));
        return;
      }
      apply(events::ConnectionLost{events::LostCause::TransportError});
      count_failure("opening deadline exceeded (10s)");
      return;
    case ConnectionLoss::TransportError:
      apply(events::ConnectionLost{events::LostCause::TransportError});
      count_failure("transport error" + (detail.empty() ? "" : ": " + std::string(detail)));
      return;
    case ConnectionLoss::UnexpectedEof:
      apply(events::ConnectionLost{events::LostCause::UnexpectedEof});
      count_failure("the stream ended without a connection-closing event");
      return;
    case ConnectionLoss::HeartbeatStarvation:
      apply(events::HeartbeatStarvation{});
      count_failure("no data within the heartbeat budget");
      return;
  }
}

void WatchSession::on_startup_timeout() {
  if (confirmed_once_ || finished_) {
    return;  // the budget only covers the time before the first confirmation
  }
  apply(protocol_violation("startup timeout"));
  finish(Error::stream_protocol(
      "listener startup timeout exceeded; check base_url points to an Aviso server"));
  queue_.clear();
  end_connection();
}

void WatchSession::stop() {
  apply(events::Stop{});
  finish(std::nullopt);
  queue_.clear();
  awaiting_ = Awaiting::Nothing;
  end_connection();
}

std::optional<Action> WatchSession::exit_flush() const {
  if (!options_.flush_cursor_on_exit || !options_.has_state_store || !pending_) {
    return std::nullopt;
  }
  if (epoch_reset_) {
    return actions::ResetCheckpoint{*pending_};
  }
  return actions::Commit{*pending_};
}

void WatchSession::handle_event(const sse::SseEvent& event) {
  frames::Frame frame;
  try {
    frame = frames::decode_frame(event, &shape_);
  } catch (const Error& error) {
    const FatalKind kind = error.kind() == AvisoErrorKind_MalformedEvent
                               ? FatalKind::MalformedEvent
                               : FatalKind::ProtocolViolation;
    fail_connection(error, events::FatalError{Fatal{kind, error.what()}});
    return;
  }
  if (connection_ == Connection::Opening) {
    handle_opening(frame, event.event);
  } else {
    handle_streaming(frame);
  }
}

void WatchSession::handle_opening(const frames::Frame& frame, const std::string& event_name) {
  const auto unexpected = [&] {
    const std::string expected = expect_replay_started_
                                     ? "replay-control replay_started"
                                     : "live-notification connection_established";
    const std::string message = "unexpected event before required Aviso opening control " +
                                expected + ": got '" + event_name + "'";
    fail_connection(Error::stream_protocol(message), protocol_violation(message));
  };
  const auto confirm = [&] {
    retry_counter_ = 0;
    confirmed_once_ = true;
    connection_ = Connection::Streaming;
    apply(events::ConnectionEstablished{});
  };
  std::visit(Overloaded{
                 [&](const frames::Heartbeat&) {},
                 [&](const frames::Unknown& unknown) {
                   if (unknown.event == "replay-control") {
                     unexpected();
                   }
                 },
                 [&](const frames::ErrorFrame& error) {
                   fail_connection(Error::stream_protocol(error.message, error.request_id),
                                   protocol_violation(error.message));
                 },
                 [&](const frames::ConnectionClosing& closing) {
                   const std::string message = "the server closed the stream (" + closing.reason +
                                               ") before the Aviso opening control event";
                   fail_connection(Error::stream_protocol(message, closing.request_id),
                                   protocol_violation(message));
                 },
                 [&](const frames::ReplayStarted& started) {
                   if (!expect_replay_started_) {
                     unexpected();
                     return;
                   }
                   if (request_.until() && !resolved_end_ && started.end_sequence) {
                     resolved_end_ =
                         started.end_sequence;  // the first resolution holds for the session
                   }
                   confirm();
                 },
                 [&](const frames::ConnectionEstablished&) {
                   if (expect_replay_started_) {
                     unexpected();
                     return;
                   }
                   confirm();
                 },
                 [&](const auto&) { unexpected(); },
             },
             frame);
}

void WatchSession::handle_streaming(frames::Frame& frame) {
  std::visit(
      Overloaded{
          [&](const frames::ConnectionEstablished&) { apply(events::ConnectionEstablished{}); },
          [&](const frames::ReplayStarted&) {},  // only meaningful as the opening
          [&](const frames::ReplayCompleted&) { apply(events::ReplayCompleted{}); },
          [&](const frames::ReplayLimitReached& limit) {
            if (!limit.max_allowed) {
              const std::string message =
                  "replay-control: notification_replay_limit_reached missing max_allowed";
              fail_connection(Error::stream_protocol(message), protocol_violation(message));
              return;
            }
            const GapReason reason = GapReason::replay_limit_reached(*limit.max_allowed);
            fail_connection(Error::history_gap(describe(reason)), events::GapDetected{reason});
          },
          [&](const frames::Heartbeat&) { apply(events::HeartbeatReceived{}); },
          [&](frames::NotificationFrame& notification) {
            handle_notification(notification.notification);
          },
          [&](const frames::ErrorFrame& error) {
            fail_connection(Error::stream_protocol(error.message, error.request_id),
                            protocol_violation(error.message));
          },
          [&](const frames::ConnectionClosing& closing) { handle_close(closing); },
          [&](const frames::Unknown&) {},  // forward compatibility
      },
      frame);
}

void WatchSession::handle_close(const frames::ConnectionClosing& closing) {
  if (parser_.failed()) {
    // The overflow happened in the same chunk as this close: the overflow is what is reported.
    fail_connection(*parser_.failure(), protocol_violation("SSE parser overflow"));
    return;
  }
  const auto reason = classify_close_reason(closing.reason);
  if (!reason) {
    const std::string message = "unknown connection-closing reason: " + closing.reason;
    fail_connection(Error::stream_protocol(message, closing.request_id),
                    protocol_violation(message));
    return;
  }
  const Outcome outcome = apply(events::ServerClose{*reason});
  if (std::holds_alternative<outcomes::Reconnect>(outcome)) {
    retry_counter_ = 0;
    refreshed_this_cycle_ = false;
    retry_cause_ = "the server closed the stream (" + closing.reason + ")";
  } else if (std::holds_alternative<outcomes::Stop>(outcome)) {
    finish(std::nullopt);
  }
  end_connection();
}

void WatchSession::handle_notification(Notification& notification) {
  const std::uint64_t sequence = notification.sequence();
  apply(events::NotificationReceived{sequence});

  // Restarted server: this connection asked for sequences >= F, and the server only replays
  // >= F while anything live is newer than what we saw. A smaller sequence therefore comes from
  // a new epoch of the server's counter.
  if (connection_from_id_ && sequence < *connection_from_id_) {
    log(LogLine::Level::Warn, "client.watch.history_reset",
        "server sequence went back from " + std::to_string(*connection_from_id_ - 1) + " to " +
            std::to_string(sequence) +
            ": the server restarted or its history was reset; replaying its retained history");
    pending_.reset();
    commit_cursor_.reset();
    epoch_reset_ = true;
    initial_cursor_ = ResumeStart::after_sequence(0);
    if (sequence != 1) {
      // The new epoch may hold 1..sequence-1 that this connection will never replay: start over
      // from its beginning. The replay delivers `sequence` again in order.
      apply(events::HistoryReset{});
      retry_cause_ = "the server's history was reset";
      end_connection();
      return;
    }
    connection_from_id_ = 1;  // nothing can precede 1: deliver it right here
    gap_expected_ = 1;
  }

  // Gap guard (strict only on request; jumps are normal for filtered watches and shared counters).
  if (gap_expected_ && sequence > *gap_expected_) {
    if (request_.strict_gap_detection()) {
      const GapReason reason = GapReason::sequence_jump(*gap_expected_, sequence);
      fail_connection(Error::history_gap(describe(reason)), events::GapDetected{reason});
      return;
    }
    log(LogLine::Level::Debug, "client.watch.filtered_gap",
        "sequence jumped from expected " + std::to_string(*gap_expected_) + " to " +
            std::to_string(sequence) + " (normal for filtered watches and shared counters)");
  }
  if (!gap_expected_ || sequence >= *gap_expected_) {
    gap_expected_ = next_after(sequence);
  }

  // Dedup: the replay/live boundary can repeat a notification; never deliver one twice.
  if (const auto last = last_delivered(); last && sequence <= *last) {
    log(LogLine::Level::Debug, "client.watch.duplicate_skipped",
        "skipping " + notification.id() + ": already delivered up to sequence " +
            std::to_string(*last));
    return;
  }

  // Next-send commit: the previous notification is saved now, before this one's triggers run.
  if (pending_) {
    if (options_.has_state_store) {
      if (epoch_reset_) {
        queue_.push_back(actions::ResetCheckpoint{*pending_});
      } else {
        queue_.push_back(actions::Commit{*pending_});
      }
    } else {
      commit_cursor_ = pending_->sequence;
      pending_.reset();
      epoch_reset_ = false;
    }
  }
  queue_.emplace_back(actions::Deliver{std::move(notification)});
}

}  // namespace aviso::watch
