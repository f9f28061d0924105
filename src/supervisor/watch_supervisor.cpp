#include "supervisor/watch_supervisor.hpp"

#include <atomic>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <variant>

#include "aviso/state.hpp"
#include "supervisor/log_sink.hpp"
#include "supervisor/worker_pool.hpp"
#include "trigger/dispatcher.hpp"
#include "watch/watch_session.hpp"

namespace aviso::supervisor {
namespace {

using Clock = std::chrono::steady_clock;

// A non-200 answer is read whole before it is classified; its body only feeds an error message.
constexpr std::size_t kMaxErrorBody = std::size_t{64} * 1024;

// Two live watches with the same resume key overwrite each other's checkpoint.
class ActiveKeys {
 public:
  bool add(const ResumeKey& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    const bool first = keys_.count(key) == 0;
    keys_.insert(key);
    return first;
  }
  void remove(const ResumeKey& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = keys_.find(key); it != keys_.end()) keys_.erase(it);
  }

 private:
  std::mutex mutex_;
  std::multiset<ResumeKey> keys_;
};

ActiveKeys& active_keys() {
  static ActiveKeys keys;
  return keys;
}

LogLevel to_level(watch::LogLine::Level level) {
  switch (level) {
    case watch::LogLine::Level::Debug:
      return LogLevel::Debug;
    case watch::LogLine::Level::Info:
      return LogLevel::Info;
    case watch::LogLine::Level::Warn:
      return LogLevel::Warn;
  }
  return LogLevel::Info;
}

std::uint64_t entropy_seed() {
  std::random_device device;
  return (std::uint64_t{device()} << 32) ^ device();
}

}  // namespace

class WatchSupervisor : public std::enable_shared_from_this<WatchSupervisor> {
 public:
  WatchSupervisor(detail::ClientCore& core, WatchRequest request, SupervisorOptions options,
                  std::shared_ptr<trigger::HttpSender> sender)
      : core_(core),
        request_(std::move(request)),
        options_(options),
        queue_(core.state_store != nullptr),
        strand_(std::make_shared<Strand>(WorkerPool::shared())),
        sender_(std::move(sender)) {}

  DeliveryQueue& queue() { return queue_; }

  void start() {
    std::weak_ptr<WatchSupervisor> weak = weak_from_this();
    queue_.set_room_callback([weak, loop = core_.loop.get()] {
      loop->post([weak] {
        if (auto self = weak.lock()) self->pump();
      });
    });
    if (core_.state_store) {
      queue_.set_taken_callback([weak, loop = core_.loop.get()] {
        loop->post([weak] {
          if (auto self = weak.lock()) self->on_taken();
        });
      });
    }
    // A Client destroyed while this watch runs ends it first, with a clear error, while the loop
    // still runs (http/event_loop.hpp, close hooks).
    close_hook_ = core_.loop->add_close_hook([weak] {
      if (auto self = weak.lock()) self->end_for_closing_client();
    });
    self_ = shared_from_this();
    if (core_.state_store) {
      key_ = ResumeKey::compute(core_.base_url, request_.event_type(), request_.filter());
      if (!active_keys().add(*key_)) {
        log(LogLevel::Warn, "client.watch.resume_key_collision",
            "another active watch has the same resume key " + key_->hex() +
                "; their checkpoints overwrite each other");
      }
    }
    if (!key_) {
      // No store to read: start on the loop at once, without waiting for a busy worker pool.
      core_.loop->post([self = self_] { self->begin(std::nullopt, std::nullopt); });
      return;
    }
    // Read the stored position off the I/O thread: a store may touch the disk.
    strand_->post([self = self_] {
      std::optional<std::uint64_t> stored;
      std::optional<Error> failure;
      try {
        if (self->key_) {
          if (auto checkpoint = self->core_.state_store->get(*self->key_)) {
            stored = checkpoint->last_committed_sequence;
          }
        }
      } catch (const Error& error) {
        failure = error;
      }
      self->core_.loop->post([self, stored, failure] { self->begin(stored, failure); });
    });
  }

  void stop() {
    // An ended watch may have outlived its client (and the loop): nothing to post then.
    if (queue_.finished()) return;
    core_.loop->post([self = shared_from_this()] { self->stop_on_loop(); });
  }

  // Runs on the thread destroying the client, before its loop stops.
  void end_for_closing_client() {
    core_.loop->post([self = shared_from_this()] {
      if (!self->closing_error_) {
        self->closing_error_ = Error::invalid_usage(
            "the Client was destroyed while this watch was running; close every "
            "NotificationStream and Watch before their Client");
      }
      self->stop_on_loop();
    });
    queue_.wait_finished();
  }

 private:
  // ---- loop thread -------------------------------------------------------------------------
  void begin(std::optional<std::uint64_t> stored, std::optional<Error> failure) {
    if (failure) return end(std::move(failure));
    if (stop_requested_) return end(std::nullopt);
    try {
      watch::WatchSessionOptions session_options;
      session_options.has_state_store = core_.state_store != nullptr;
      session_options.has_auth_provider = core_.auth && core_.auth->has_provider();
      session_options.flush_cursor_on_exit = core_.flush_cursor_on_exit;
      session_options.heartbeat_interval = core_.heartbeat_interval;
      session_options.jitter_seed = entropy_seed();
      session_.emplace(request_, stored, session_options);
      trigger::DispatcherOptions dispatcher_options;
      dispatcher_options.http_sender = sender_.get();
      dispatcher_options.log = trigger_log_sink();
      dispatcher_.emplace(request_.triggers(), std::move(dispatcher_options));
    } catch (const Error& error) {
      return end(error);
    }
    if (stored && !request_.from()) {
      log(LogLevel::Info, "client.watch.resumed",
          "resuming " + request_.event_type() + " after stored sequence " +
              std::to_string(*stored));
    }
    if (const auto budget = session_->startup_timeout(); budget && budget->count() > 0) {
      startup_timer_ = core_.loop->schedule(*budget, [self = shared_from_this()] {
        self->startup_timer_.reset();
        if (!self->session_ || self->ended_) return;
        self->session_->on_startup_timeout();
        self->abandon_connection();
      });
    }
    next_step();
  }

  void next_step() {
    if (ended_ || connection_open_ || action_in_flight_ || pending_connect_ || backoff_timer_) {
      return;
    }
    watch::Step step = session_->next_step(Clock::now());
    if (auto* finish = std::get_if<watch::steps::Finish>(&step)) {
      return finish_watch(std::move(finish->error));
    }
    if (std::holds_alternative<watch::steps::RefreshAuth>(step)) {
      action_in_flight_ = true;
      strand_->post([self = shared_from_this(), generation = credential_generation_] {
        std::optional<Error> failure;
        try {
          self->core_.auth->refresh_after_401(generation);
        } catch (const Error& error) {
          failure = error;
        }
        self->core_.loop->post([self, failure] {
          self->action_in_flight_ = false;
          self->session_->on_auth_refreshed(failure);
          self->next_step();
        });
      });
      return;
    }
    auto& connect = std::get<watch::steps::Connect>(step);
    if (connect.retry_log) emit(*connect.retry_log, {{"attempt_cause", "reconnect"}});
    pending_connect_ = std::move(connect);
    if (pending_connect_->delay.count() > 0) {
      ++reconnects_;
      backoff_timer_ = core_.loop->schedule(pending_connect_->delay, [self = shared_from_this()] {
        self->backoff_timer_.reset();
        self->open_connection();
      });
    } else {
      open_connection();
    }
  }

  void open_connection() {
    if (ended_ || !pending_connect_) return;
    if (stop_requested_) {
      pending_connect_.reset();
      return next_step();
    }
    watch::steps::Connect connect = std::move(*pending_connect_);
    pending_connect_.reset();
    http::Request request;
    request.method = "POST";
    request.url = core_.endpoint(connect.path);
    request.body = std::move(connect.body);
    request.headers.push_back({"Content-Type", "application/json"});
    request.headers.push_back({"Accept", "text/event-stream"});
    try {
      const auto credential =
          core_.auth ? core_.auth->current() : client::AuthSession::Credential{};
      credential_generation_ = credential.generation;
      if (credential.header) request.headers.push_back({"Authorization", *credential.header});
    } catch (const Error& error) {
      session_->stop();
      return finish_watch(error);
    }
    session_->on_connection_started(Clock::now());
    connection_open_ = true;
    confirmed_here_ = false;
    answered_ = false;
    loss_.reset();
    status_ = 0;
    error_body_.clear();
    ++generation_;

    http::StreamHandlers handlers;
    const std::uint64_t generation = generation_;
    auto self = shared_from_this();
    handlers.on_response = [self, generation](long status, const std::vector<http::Header>& h) {
      return self->on_response(generation, status, h);
    };
    handlers.on_data = [self, generation](std::string_view bytes) {
      return self->on_data(generation, bytes);
    };
    handlers.on_complete = [self, generation](const std::optional<http::TransportError>& error) {
      self->on_complete(generation, error);
    };
    stream_ = core_.loop->open_stream(std::move(request), std::move(handlers));
    opening_timer_ =
        core_.loop->schedule(watch::WatchSession::kOpeningDeadline, [self, generation] {
          self->opening_timer_.reset();
          if (generation != self->generation_) return;
          self->lose(watch::ConnectionLoss::OpeningDeadline);
        });
    arm_read_timer();
  }

  http::StreamAction on_response(std::uint64_t generation, long status,
                                 const std::vector<http::Header>& headers) {
    if (generation != generation_) return http::StreamAction::Cancel;
    status_ = status;
    headers_ = headers;
    if (status != 200) return http::StreamAction::Continue;  // read the body, classify at the end
    http::Response head{status, headers, {}};
    if (!session_->on_response(head, std::chrono::system_clock::now())) {
      answered_ = true;
      return http::StreamAction::Cancel;
    }
    return http::StreamAction::Continue;
  }

  http::StreamAction on_data(std::uint64_t generation, std::string_view bytes) {
    if (generation != generation_) return http::StreamAction::Cancel;
    if (status_ != 200) {
      if (error_body_.size() < kMaxErrorBody) {
        error_body_.append(bytes.substr(0, kMaxErrorBody - error_body_.size()));
      }
      return http::StreamAction::Continue;
    }
    if (action_in_flight_ || waiting_for_room_ || loss_) {
      paused_ = true;
      cancel_read_timer();  // the silence is ours, not the server's
      return http::StreamAction::Pause;
    }
    note_data();
    session_->on_body(bytes);
    pump();
    return http::StreamAction::Continue;
  }

  void on_complete(std::uint64_t generation, const std::optional<http::TransportError>& error) {
    if (generation != generation_) return;
    stream_.reset();
    paused_ = false;
    cancel_read_timer();
    if (opening_timer_) {
      core_.loop->cancel_timer(*opening_timer_);
      opening_timer_.reset();
    }
    if (status_ != 0 && status_ != 200 && !answered_) {
      answered_ = true;
      http::Response full{status_, headers_, std::move(error_body_)};
      session_->on_response(full, std::chrono::system_clock::now());
      connection_open_ = false;
      return next_step();
    }
    if (!loss_) {
      if (!error) {
        loss_ = Loss{watch::ConnectionLoss::UnexpectedEof, {}};
      } else {
        loss_ = Loss{watch::ConnectionLoss::TransportError, error->message};
      }
    }
    stream_done_ = true;
    pump();
  }

  // Takes the session's actions until one must wait (a worker, a full queue) or none is left;
  // then resumes the transfer or, once the stream is gone, reports the loss and moves on.
  void pump() {
    if (!session_ || ended_) return;
    // Whatever this pump staged reaches the consumer, however it returns.
    struct AnnounceOnReturn {
      WatchSupervisor& self;
      ~AnnounceOnReturn() { self.announce_soon(); }
    } announce_on_return{*this};
    while (!action_in_flight_) {
      // After stop() nothing more is delivered, so a consumer who stopped pulling cannot block it.
      if (!stop_requested_ && !queue_.has_room()) {
        waiting_for_room_ = true;
        return;
      }
      waiting_for_room_ = false;
      std::optional<watch::Action> action;
      try {
        action = session_->next_action();
      } catch (const Error& error) {
        return finish_watch(error);
      }
      if (!action) break;
      std::visit([this](auto& a) { this->take(a); }, *action);
    }
    if (action_in_flight_) return;
    note_confirmation();
    if (connection_open_ && stream_done_) {
      connection_open_ = false;
      stream_done_ = false;
      if (!ended_by_us_ && loss_) {
        // The retrying line is rate-limited; an operator must still see every lost connection.
        if (confirmed_here_) {
          std::vector<std::pair<std::string, std::string>> fields = {
              {"cause", cause_name(loss_->kind)}, {"connection", std::to_string(generation_)}};
          if (!loss_->detail.empty()) fields.emplace_back("detail", loss_->detail);
          log(LogLevel::Warn, "client.connection.lost",
              request_.event_type() + " connection " + std::to_string(generation_) +
                  " lost: " + cause_name(loss_->kind) +
                  (loss_->detail.empty() ? "" : " (" + loss_->detail + ")"),
              std::move(fields));
        }
        session_->on_connection_lost(loss_->kind, loss_->detail);
      }
      ended_by_us_ = false;
      answered_ = false;
      return next_step();
    }
    if (paused_ && stream_) {
      paused_ = false;
      arm_read_timer();
      core_.loop->resume(*stream_);
    }
  }

  // Hands the staged notifications to the consumer once the loop has finished its current round
  // of I/O. curl passes a chunked response on one HTTP chunk (so one event) per call, so
  // announcing per call would still wake the consumer once per notification; a posted task runs
  // after the round, before the loop waits again.
  void announce_soon() {
    if (announce_posted_ || !queue_.has_staged()) return;
    announce_posted_ = true;
    core_.loop->post([self = shared_from_this()] {
      self->announce_posted_ = false;
      self->queue_.announce();
    });
  }

  void take(watch::actions::Log& action) { emit(action.line, {}); }

  void take(watch::actions::EndConnection&) {
    ended_by_us_ = true;
    if (stream_) {
      loss_ = Loss{watch::ConnectionLoss::TransportError, "ended by the watch"};
      core_.loop->cancel(*stream_);
    }
  }

  void take(watch::actions::Deliver& action) {
    if (request_.triggers().empty() && !core_.state_store) {
      // Nothing blocking to do: hand over on the loop thread. A round trip through the worker
      // pool per notification would bound replay throughput by its latency, and would make a
      // watch without triggers wait behind other watches' slow commands. The queue has room
      // (pump checked), so this never blocks; the pump wakes the consumer once it returns.
      queue_.push_quietly(std::move(action.notification));
      session_->action_succeeded();
      return;
    }
    run_blocking(
        [notification = std::move(action.notification)](WatchSupervisor& self, bool& await_take) {
          const auto outcome = self.dispatcher_->dispatch(notification, &self.cancel_);
          switch (outcome.status) {
            case trigger::DispatchOutcome::Status::Completed:
              // With a state store the notification counts as delivered once the consumer takes it
              // (on_taken), not once it is queued: the exit flush must not commit one never seen.
              await_take = self.core_.state_store != nullptr;
              self.queue_.push(notification);
              return std::optional<Error>();
            case trigger::DispatchOutcome::Status::Cancelled:
              return std::optional<Error>(Error::internal("cancelled"));
            case trigger::DispatchOutcome::Status::Failed:
              break;
          }
          return std::optional<Error>(outcome.failure->to_error());
        });
  }

  void take(watch::actions::Commit& action) { store(action.checkpoint, false); }
  void take(watch::actions::ResetCheckpoint& action) { store(action.checkpoint, true); }

  void store(const watch::Checkpoint& checkpoint, bool replace) {
    run_blocking([checkpoint, replace](WatchSupervisor& self, bool&) {
      try {
        if (replace) self.core_.state_store->remove(*self.key_);
        self.core_.state_store->put(*self.key_,
                                    Checkpoint{checkpoint.sequence, checkpoint.event_id});
      } catch (const Error& error) {
        return std::optional<Error>(error);
      }
      return std::optional<Error>();
    });
  }

  template <class Work>
  void run_blocking(Work work) {
    action_in_flight_ = true;
    strand_->post([self = shared_from_this(), work = std::move(work)]() mutable {
      std::optional<Error> failure;
      bool await_take = false;
      try {
        failure = work(*self, await_take);
      } catch (const std::exception& error) {
        failure = Error::internal(error.what());
      }
      self->core_.loop->post([self, failure, await_take] {
        if (await_take && !failure) return self->await_take();
        self->action_done(failure);
      });
    });
  }

  void action_done(const std::optional<Error>& failure) {
    action_in_flight_ = false;
    // After stop() the session no longer awaits the action's answer.
    if (!stop_requested_) {
      if (failure) {
        session_->action_failed(*failure);
      } else {
        session_->action_succeeded();
      }
    }
    pump();
    if (!connection_open_) next_step();
  }

  // The take may overtake this post (the consumer was already waiting): then it is counted.
  void await_take() {
    if (early_take_) {
      early_take_ = false;
      action_done(std::nullopt);  // taken, so delivered: the exit flush may commit it
      if (stop_after_ack_) {
        stop_after_ack_ = false;
        stop_on_loop();
      }
      return;
    }
    if (stop_requested_) return action_done(std::nullopt);
    awaiting_take_ = true;
  }

  void on_taken() {
    if (ended_) return;
    if (!awaiting_take_) {
      early_take_ = true;
      return;
    }
    awaiting_take_ = false;
    action_done(std::nullopt);
  }

  void note_confirmation() {
    if (confirmed_here_ || !session_ ||
        session_->state().status.kind != watch::ConnectionStatus::Kind::Connected) {
      return;
    }
    confirmed_here_ = true;
    if (opening_timer_) {
      core_.loop->cancel_timer(*opening_timer_);
      opening_timer_.reset();
    }
    std::vector<std::pair<std::string, std::string>> fields = {
        {"connection", std::to_string(generation_)}};
    std::string message =
        "watching " + request_.event_type() + " (connection " + std::to_string(generation_) + ")";
    const bool first = confirmed_connections_++ == 0;
    if (!first) {
      fields.emplace_back("reconnects", std::to_string(confirmed_connections_ - 1));
      if (const auto last = session_->last_delivered()) {
        fields.emplace_back("resume_from", std::to_string(*last + 1));
        message += ", resuming from sequence " + std::to_string(*last + 1);
      }
    }
    log(LogLevel::Info, first ? "client.watch.connected" : "client.watch.reconnected",
        std::move(message), std::move(fields));
  }

  void lose(watch::ConnectionLoss kind) {
    if (!stream_ || loss_) return;
    loss_ = Loss{kind, {}};
    core_.loop->cancel(*stream_);
  }

  // The silence watchdog (spec watch-and-state.md 2.7) is armed when a connection opens and when
  // a paused one resumes. Data only notes when it came: when the timer fires and the connection
  // has spoken since, it waits out the rest of the budget from the last data. Re-arming it on
  // every chunk cost two loop commands and a timer per notification in a catch-up replay.
  void arm_read_timer() {
    cancel_read_timer();
    std::optional<std::chrono::milliseconds> budget =
        options_.read_timeout_override ? options_.read_timeout_override : session_->read_timeout();
    if (!budget) return;
    read_budget_ = *budget;
    last_data_ = Clock::now();
    schedule_read_check(*budget);
  }

  void note_data() {
    if (read_timer_) {
      last_data_ = Clock::now();
    } else {
      arm_read_timer();
    }
  }

  void schedule_read_check(std::chrono::milliseconds delay) {
    const std::uint64_t generation = generation_;
    read_timer_ = core_.loop->schedule(delay, [self = shared_from_this(), generation] {
      self->read_timer_.reset();
      if (generation != self->generation_ || self->paused_) return;
      const Clock::duration quiet_for = Clock::now() - self->last_data_;
      if (quiet_for >= self->read_budget_) {
        return self->lose(watch::ConnectionLoss::HeartbeatStarvation);
      }
      self->schedule_read_check(
          std::chrono::ceil<std::chrono::milliseconds>(self->read_budget_ - quiet_for));
    });
  }

  void cancel_read_timer() {
    if (read_timer_) core_.loop->cancel_timer(*read_timer_);
    read_timer_.reset();
  }

  void abandon_connection() {
    if (stream_) {
      ended_by_us_ = true;
      if (!loss_) loss_ = Loss{watch::ConnectionLoss::TransportError, "stopped"};
      core_.loop->cancel(*stream_);
    } else if (!connection_open_ && !action_in_flight_) {
      if (backoff_timer_) {
        core_.loop->cancel_timer(*backoff_timer_);
        backoff_timer_.reset();
        pending_connect_.reset();
      }
      next_step();
    }
  }

  void stop_on_loop() {
    if (stop_requested_ || ended_) return;
    if (early_take_) {
      // The consumer took a notification whose hand-over is not acknowledged yet (the take
      // overtook it). Stopping now would forget it was delivered; stop right after instead.
      stop_after_ack_ = true;
      return;
    }
    stop_requested_ = true;
    cancel_.cancel();
    if (!session_) return;  // begin() sees the flag
    session_->stop();
    if (awaiting_take_) {  // never taken: not delivered, so the exit flush keeps the cursor
      awaiting_take_ = false;
      action_in_flight_ = false;
    }
    abandon_connection();
  }

  void finish_watch(std::optional<Error> error) {
    if (ended_) return;
    ended_ = true;
    for (auto* timer : {&startup_timer_, &backoff_timer_, &opening_timer_, &read_timer_}) {
      if (*timer) core_.loop->cancel_timer(**timer);
      timer->reset();
    }
    if (stream_) core_.loop->cancel(*stream_);
    std::optional<watch::Action> flush = session_ ? session_->exit_flush() : std::nullopt;
    if (!flush && request_.triggers().empty()) {
      // Nothing to write and no trigger task to wait for: end without the worker pool.
      core_.loop->post([self = shared_from_this(), error] { self->end(error); });
      return;
    }
    strand_->post([self = shared_from_this(), flush, error]() mutable {
      if (flush) {
        try {
          if (auto* reset = std::get_if<watch::actions::ResetCheckpoint>(&*flush)) {
            self->core_.state_store->remove(*self->key_);
            self->core_.state_store->put(
                *self->key_, Checkpoint{reset->checkpoint.sequence, reset->checkpoint.event_id});
          } else if (auto* commit = std::get_if<watch::actions::Commit>(&*flush)) {
            self->core_.state_store->put(
                *self->key_, Checkpoint{commit->checkpoint.sequence, commit->checkpoint.event_id});
          }
        } catch (const Error& failure) {
          self->log(LogLevel::Warn, "client.watch.exit_flush_failed", failure.what());
        }
      }
      self->core_.loop->post([self, error = std::move(error)] { self->end(error); });
    });
  }

  void end(std::optional<Error> error) {
    ended_ = true;
    if (!error && closing_error_) error = closing_error_;
    if (close_hook_) core_.loop->remove_close_hook(*close_hook_);
    close_hook_.reset();
    if (key_) active_keys().remove(*key_);
    log(error ? LogLevel::Warn : LogLevel::Info, "client.watch.ended",
        request_.event_type() + " watch ended" + (error ? std::string(": ") + error->what() : ""));
    queue_.finish(std::move(error));
    self_.reset();  // the last task holding us may be this one
  }

  void emit(const watch::LogLine& line, std::vector<std::pair<std::string, std::string>> fields) {
    fields.emplace(fields.begin(), "event_type", request_.event_type());
    fields.insert(fields.end(), line.fields.begin(), line.fields.end());
    emit_log(LogRecord{to_level(line.level), line.event, line.message, std::move(fields)});
  }

  void log(LogLevel level, std::string event, std::string message,
           std::vector<std::pair<std::string, std::string>> fields = {}) {
    fields.emplace(fields.begin(), "event_type", request_.event_type());
    emit_log(LogRecord{level, std::move(event), std::move(message), std::move(fields)});
  }

  static std::string cause_name(watch::ConnectionLoss kind) {
    switch (kind) {
      case watch::ConnectionLoss::TransportError:
        return "transport_error";
      case watch::ConnectionLoss::UnexpectedEof:
        return "unexpected_eof";
      case watch::ConnectionLoss::HeartbeatStarvation:
        return "heartbeat_silence";
      case watch::ConnectionLoss::OpeningDeadline:
        return "opening_deadline";
    }
    return "unknown";
  }

  struct Loss {
    watch::ConnectionLoss kind;
    std::string detail;
  };

  detail::ClientCore& core_;
  WatchRequest request_;
  SupervisorOptions options_;
  DeliveryQueue queue_;
  bool announce_posted_ = false;
  std::shared_ptr<Strand> strand_;
  std::shared_ptr<trigger::HttpSender> sender_;
  trigger::CancelSignal cancel_;
  std::optional<ResumeKey> key_;
  std::shared_ptr<WatchSupervisor> self_;

  // Loop-thread state.
  std::optional<watch::WatchSession> session_;
  std::optional<trigger::TriggerDispatcher> dispatcher_;
  std::optional<watch::steps::Connect> pending_connect_;
  std::optional<http::StreamId> stream_;
  std::optional<http::TimerId> startup_timer_, backoff_timer_, opening_timer_, read_timer_;
  // The silence watchdog's budget, and when the connection last sent anything.
  std::chrono::milliseconds read_budget_{0};
  Clock::time_point last_data_;
  std::optional<Loss> loss_;
  std::vector<http::Header> headers_;
  std::string error_body_;
  long status_ = 0;
  std::uint64_t generation_ = 0;
  std::uint64_t credential_generation_ = 0;
  std::uint64_t reconnects_ = 0;
  std::uint64_t confirmed_connections_ = 0;
  bool connection_open_ = false;
  bool stream_done_ = false;
  bool answered_ = false;
  bool confirmed_here_ = false;
  bool ended_by_us_ = false;
  bool paused_ = false;
  bool waiting_for_room_ = false;
  bool action_in_flight_ = false;
  bool awaiting_take_ = false;   // a delivered notification waits for the consumer to take it
  bool early_take_ = false;      // ... which it did before the supervisor started waiting
  bool stop_after_ack_ = false;  // stop() came while an early take awaited its hand-over
  bool stop_requested_ = false;
  std::optional<Error> closing_error_;
  std::optional<http::CloseHookId> close_hook_;
  bool ended_ = false;
};

std::shared_ptr<WatchSupervisor> start_watch(detail::ClientCore& core, WatchRequest request,
                                             std::shared_ptr<trigger::HttpSender> sender,
                                             SupervisorOptions options) {
  check_watch_request(request);
  auto supervisor =
      std::make_shared<WatchSupervisor>(core, std::move(request), options, std::move(sender));
  supervisor->start();
  return supervisor;
}

DeliveryQueue& queue_of(WatchSupervisor& supervisor) { return supervisor.queue(); }
void stop_watch(WatchSupervisor& supervisor) { supervisor.stop(); }

}  // namespace aviso::supervisor
