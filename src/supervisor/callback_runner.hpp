// Runs the user callbacks of a callback watch (Client::watch with a NotificationHandler, or
// watch_many with a MultiNotificationHandler) on the process-wide callback pool instead of a
// thread per watch: 1,000 callback watches share WorkerPool::kCallbackThreads threads.
//
// One runner serves one Watch, which may hold several member watches (watch_many). Its callbacks
// run on one Strand, so they never run concurrently, and in this order: notifications of each
// member in sequence order, members taken round-robin (a busy watch cannot starve a quiet one),
// then end() exactly once, last. A runner is woken by its members' queues (a push or the end of
// a watch) and never blocks a pool thread while waiting for them.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "aviso/error.hpp"
#include "aviso/notification.hpp"
#include "supervisor/watch_supervisor.hpp"
#include "supervisor/worker_pool.hpp"

namespace aviso::supervisor {

// What the runner calls, always from its strand. Exceptions thrown by deliver() or
// member_failed() stop every member; end() must not throw.
class CallbackSink {
 public:
  virtual ~CallbackSink() = default;
  // False stops every member (a graceful end).
  virtual bool deliver(std::size_t member, const Notification& notification) = 0;
  // Member `member` failed with `error`. True drops it and keeps the others; false stops all and
  // the runner ends with that error. Returns the error as the consumer should see it (e.g.
  // prefixed with the watch's name) in `shown`.
  virtual bool member_failed(std::size_t member, const Error& error, ErrorInfo& shown) = 0;
  // Every member ended and at least one failed while the sink chose to go on past each failure:
  // the error end() receives.
  virtual ErrorInfo every_member_failed(const std::vector<ErrorInfo>& failures) = 0;
  // What an exception thrown from deliver() or member_failed() means for end().
  virtual ErrorInfo callback_threw(const char* callback, const std::string& what) = 0;
  virtual void end(const std::optional<ErrorInfo>& error) = 0;
};

class CallbackRunner : public std::enable_shared_from_this<CallbackRunner> {
 public:
  // Starts delivering at once. The runner keeps itself alive until end() has returned. With
  // `refused` set (an invalid watch set), no member runs and end() receives it at once.
  static std::shared_ptr<CallbackRunner> start(
      std::vector<std::shared_ptr<WatchSupervisor>> members, std::unique_ptr<CallbackSink> sink,
      std::optional<ErrorInfo> refused = std::nullopt);
  // Ends every member (non-blocking, idempotent, safe from a callback); end() follows with no
  // error unless a failure or a throwing callback came first.
  void stop();
  // Blocks until end() has returned. Throws InvalidUsage on a callback thread, where waiting
  // could deadlock the pool.
  void wait();
  bool ended() const;

  // True while the calling thread runs a callback of any runner.
  static bool on_callback_thread();

  CallbackRunner(std::vector<std::shared_ptr<WatchSupervisor>> members,
                 std::unique_ptr<CallbackSink> sink);

 private:
  void schedule_drain();
  void drain();
  void stop_members();
  void finish();

  struct Member {
    std::shared_ptr<WatchSupervisor> supervisor;
    bool ended = false;
  };

  const std::vector<std::shared_ptr<WatchSupervisor>> supervisors_;  // for stop() from anywhere
  std::shared_ptr<Strand> strand_;
  std::shared_ptr<CallbackRunner> self_;  // until end() has returned

  // Strand-only state.
  std::vector<Member> members_;
  std::unique_ptr<CallbackSink> sink_;
  std::size_t next_member_ = 0;
  std::vector<ErrorInfo> failures_;
  std::optional<ErrorInfo> end_error_;

  mutable std::mutex mutex_;
  std::condition_variable ended_signal_;
  bool stop_requested_ = false;  // guarded by mutex_
  bool drain_scheduled_ = false;
  bool ended_ = false;
};

}  // namespace aviso::supervisor
