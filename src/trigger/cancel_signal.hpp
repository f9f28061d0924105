// A one-way stop flag that blocking waits can sleep on: the dispatcher checks it before each
// trigger and sleeps on it between retries, so cancelling wakes a back-off at once.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace aviso::trigger {

class CancelSignal {
 public:
  void cancel() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      cancelled_ = true;
    }
    changed_.notify_all();
  }

  bool cancelled() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return cancelled_;
  }

  // Sleeps up to `duration`; returns true when cancelled (before or during the wait).
  bool wait_for(std::chrono::nanoseconds duration) const {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, duration, [this] { return cancelled_; });
  }

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  bool cancelled_ = false;
};

}  // namespace aviso::trigger
