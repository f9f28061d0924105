// A small fixed pool of threads for the blocking work of every watch (triggers, state store
// writes, auth refreshes), so none of it runs on a client's I/O thread and 1,000 watches do not
// mean 1,000 threads. A Strand runs its tasks one at a time and in order on the pool, which is
// how one watch's actions stay serialised.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace aviso::supervisor {

class WorkerPool {
 public:
  explicit WorkerPool(std::size_t threads);
  ~WorkerPool();  // runs what is queued, then joins
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void post(std::function<void()> task);

  // The pool every watch of the process shares; created on first use, kept for the process.
  static std::shared_ptr<WorkerPool> shared();
  static constexpr std::size_t kSharedThreads = 4;
  // The pool that runs users' watch callbacks (NotificationHandler, MultiNotificationHandler),
  // kept apart so a slow handler cannot hold back triggers and checkpoint writes. With the
  // client's I/O thread, the main thread and the worker pool this makes 8 threads in all.
  static std::shared_ptr<WorkerPool> callbacks();
  static constexpr std::size_t kCallbackThreads = 2;

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

class Strand : public std::enable_shared_from_this<Strand> {
 public:
  explicit Strand(std::shared_ptr<WorkerPool> pool) : pool_(std::move(pool)) {}
  void post(std::function<void()> task);

 private:
  void drain();

  std::shared_ptr<WorkerPool> pool_;
  std::mutex mutex_;
  std::deque<std::function<void()>> tasks_;
  bool running_ = false;
};

}  // namespace aviso::supervisor
