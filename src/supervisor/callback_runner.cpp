#include "supervisor/callback_runner.hpp"

#include <exception>
#include <utility>

namespace aviso::supervisor {
namespace {

thread_local int callbacks_running_here = 0;

// Marks the calling thread as running callbacks for as long as it lives.
struct CallbackScope {
  CallbackScope() { ++callbacks_running_here; }
  ~CallbackScope() { --callbacks_running_here; }
  CallbackScope(const CallbackScope&) = delete;
  CallbackScope& operator=(const CallbackScope&) = delete;
};

}  // namespace

CallbackRunner::CallbackRunner(std::vector<std::shared_ptr<WatchSupervisor>> members,
                               std::unique_ptr<CallbackSink> sink)
    : supervisors_(members),
      strand_(std::make_shared<Strand>(WorkerPool::callbacks())),
      sink_(std::move(sink)) {
  members_.reserve(members.size());
  for (auto& supervisor : members) members_.push_back(Member{std::move(supervisor), false});
}

std::shared_ptr<CallbackRunner> CallbackRunner::start(
    std::vector<std::shared_ptr<WatchSupervisor>> members, std::unique_ptr<CallbackSink> sink,
    std::optional<ErrorInfo> refused) {
  auto runner = std::make_shared<CallbackRunner>(std::move(members), std::move(sink));
  runner->self_ = runner;
  runner->end_error_ = std::move(refused);
  std::weak_ptr<CallbackRunner> weak = runner;
  for (const auto& supervisor : runner->supervisors_) {
    queue_of(*supervisor).set_consumer_wake([weak] {
      if (auto alive = weak.lock()) alive->schedule_drain();
    });
  }
  runner->schedule_drain();  // anything queued before the wake was set, or a refused set
  return runner;
}

bool CallbackRunner::on_callback_thread() { return callbacks_running_here > 0; }

bool CallbackRunner::ended() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return ended_;
}

void CallbackRunner::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stop_requested_ || ended_) return;
    stop_requested_ = true;
  }
  for (const auto& supervisor : supervisors_) stop_watch(*supervisor);
  schedule_drain();  // drop what is queued
}

void CallbackRunner::wait() {
  if (on_callback_thread()) {
    throw Error::invalid_usage(
        "Watch::wait() called from inside a watch callback: the callback thread would wait for "
        "itself; call stop() and return instead");
  }
  std::unique_lock<std::mutex> lock(mutex_);
  ended_signal_.wait(lock, [this] { return ended_; });
}

void CallbackRunner::schedule_drain() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (drain_scheduled_ || ended_) return;
    drain_scheduled_ = true;
  }
  strand_->post([self = shared_from_this()] { self->drain(); });
}

void CallbackRunner::drain() {
  bool stopping = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    drain_scheduled_ = false;  // a wake from now on schedules another pass
    if (ended_) return;
    stopping = stop_requested_;
  }
  const CallbackScope scope;
  const std::size_t count = members_.size();
  bool progressed = true;
  while (progressed) {
    progressed = false;
    for (std::size_t k = 0; k < count; ++k) {
      const std::size_t index = (next_member_ + k) % count;
      Member& member = members_[index];
      if (member.ended) continue;
      DeliveryQueue& queue = queue_of(*member.supervisor);
      if (!stopping) {
        // stop() may have come from another thread or from inside the last callback.
        std::lock_guard<std::mutex> lock(mutex_);
        stopping = stop_requested_;
      }
      if (stopping) queue.drop_pending();  // nothing more is handed over after stop()
      DeliveryQueue::Polled polled = queue.poll();
      if (polled.item) {
        progressed = true;
        next_member_ = index + 1;  // round-robin: the next pass starts after this member
        bool keep_going = false;
        try {
          keep_going = sink_->deliver(index, *polled.item);
        } catch (const std::exception& error) {
          end_error_ = sink_->callback_threw("on_notification", error.what());
        } catch (...) {
          end_error_ = sink_->callback_threw("on_notification", "unknown exception");
        }
        if (!keep_going) {
          stop();
          stopping = true;
        }
        break;
      }
      if (polled.ended) {
        progressed = true;
        member.ended = true;
        if (polled.error && !stopping) {
          ErrorInfo shown = polled.error->error();
          bool go_on = false;
          try {
            go_on = sink_->member_failed(index, *polled.error, shown);
          } catch (const std::exception& error) {
            shown = sink_->callback_threw("on_error", error.what());
          } catch (...) {
            shown = sink_->callback_threw("on_error", "unknown exception");
          }
          if (go_on) {
            failures_.push_back(std::move(shown));
          } else {
            end_error_ = std::move(shown);
            stop();
            stopping = true;
          }
        }
      }
    }
  }
  for (const Member& member : members_) {
    if (!member.ended) return;  // a wake brings the rest
  }
  finish();
}

void CallbackRunner::finish() {
  if (!end_error_ && !failures_.empty() && failures_.size() == members_.size()) {
    end_error_ = sink_->every_member_failed(failures_);
  }
  try {
    sink_->end(end_error_);
  } catch (...) {  // the facade swallows on_end's exceptions
  }
  for (const auto& supervisor : supervisors_) queue_of(*supervisor).set_consumer_wake(nullptr);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ended_ = true;
  }
  ended_signal_.notify_all();
  self_.reset();  // the task running this still holds a reference
}

}  // namespace aviso::supervisor
