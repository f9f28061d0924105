#include "supervisor/worker_pool.hpp"

#include <utility>

namespace aviso::supervisor {

WorkerPool::WorkerPool(std::size_t threads) {
  threads_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) {
    threads_.emplace_back([this] { run(); });
  }
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& thread : threads_) {
    if (thread.get_id() == std::this_thread::get_id()) {
      thread.detach();  // the last holder was a task of this pool
    } else {
      thread.join();
    }
  }
}

void WorkerPool::post(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    tasks_.push_back(std::move(task));
  }
  wake_.notify_one();
}

void WorkerPool::run() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) {
        return;
      }
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    task();
  }
}

// One pool per purpose for the whole process, created on first use and never destroyed: the
// last holder of a pool is often a task running on that very pool (a watch that ends from its
// own callback), and a pool cannot join the thread it runs on. Idle, its threads only wait.
std::shared_ptr<WorkerPool> WorkerPool::shared() {
  static const std::shared_ptr<WorkerPool> pool(new WorkerPool(kSharedThreads), [](WorkerPool*) {});
  return pool;
}

std::shared_ptr<WorkerPool> WorkerPool::callbacks() {
  static const std::shared_ptr<WorkerPool> pool(new WorkerPool(kCallbackThreads),
                                                [](WorkerPool*) {});
  return pool;
}

void Strand::post(std::function<void()> task) {
  bool start = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    tasks_.push_back(std::move(task));
    start = !running_;
    running_ = true;
  }
  if (start) {
    pool_->post([self = shared_from_this()] { self->drain(); });
  }
}

void Strand::drain() {
  for (;;) {
    std::function<void()> task;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (tasks_.empty()) {
        running_ = false;
        return;
      }
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    task();
  }
}

}  // namespace aviso::supervisor
