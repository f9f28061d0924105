#include "supervisor/delivery_queue.hpp"

#include <utility>

namespace aviso::supervisor {

DeliveryQueue::DeliveryQueue(bool has_state_store)
    : capacity_(has_state_store ? kCapacityWithStateStore : kCapacity),
      hold_until_next_pull_(has_state_store) {}

void DeliveryQueue::set_room_callback(std::function<void()> on_room) {
  std::lock_guard<std::mutex> lock(mutex_);
  on_room_ = std::move(on_room);
}

bool DeliveryQueue::has_room() {
  if (occupied_bound_.load(std::memory_order_relaxed) + staged_.size() < capacity_) {
    return true;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  occupied_bound_.store(occupied(), std::memory_order_relaxed);
  if (occupied() + staged_.size() < capacity_) {
    return true;
  }
  waiting_for_room_ = true;
  // The consumer may have taken from its batch since the count above, before seeing the flag.
  if (occupied() + staged_.size() < capacity_) {
    waiting_for_room_ = false;
    return true;
  }
  return false;
}

void DeliveryQueue::push(Notification notification) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    items_.push_back(std::move(notification));
    occupied_bound_.store(occupied(), std::memory_order_relaxed);
  }
  changed_.notify_all();
  wake_consumer();
}

void DeliveryQueue::push_quietly(Notification notification) {
  staged_.push_back(std::move(notification));
}

void DeliveryQueue::announce() {
  if (staged_.empty()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (Notification& notification : staged_) items_.push_back(std::move(notification));
    occupied_bound_.store(occupied(), std::memory_order_relaxed);
  }
  staged_.clear();
  changed_.notify_all();
  wake_consumer();
}

void DeliveryQueue::wake_consumer() {
  std::function<void()> wake;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    wake = consumer_wake_;
  }
  if (wake) wake();
}

void DeliveryQueue::set_consumer_wake(std::function<void()> wake) {
  std::lock_guard<std::mutex> lock(mutex_);
  consumer_wake_ = std::move(wake);
}

void DeliveryQueue::set_taken_callback(std::function<void()> taken) {
  std::lock_guard<std::mutex> lock(mutex_);
  taken_ = std::move(taken);
}

DeliveryQueue::Polled DeliveryQueue::poll() {
  std::unique_lock<std::mutex> lock(mutex_);
  Polled polled;
  if (holding_) {
    holding_ = false;  // polling again: the previous one is done
    free_slot(lock);
  }
  if (!items_.empty()) {
    polled.item = take_front(lock);
    return polled;
  }
  if (finished_ && !end_reported_) {
    end_reported_ = true;
    polled.ended = true;
    polled.error = error_;
  }
  return polled;
}

void DeliveryQueue::drop_pending() {
  std::lock_guard<std::mutex> lock(mutex_);
  items_.clear();
  holding_ = false;
}

void DeliveryQueue::finish(std::optional<Error> error) {
  announce();  // what was staged before the end is delivered before the end
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (finished_) {
      return;
    }
    finished_ = true;
    error_ = std::move(error);
    on_room_ = nullptr;  // the supervisor is gone
    taken_ = nullptr;
  }
  changed_.notify_all();
  wake_consumer();
}

bool DeliveryQueue::finished() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return finished_;
}

Notification DeliveryQueue::take_front(std::unique_lock<std::mutex>& lock) {
  Notification next = std::move(items_.front());
  items_.pop_front();
  holding_ = hold_until_next_pull_;
  free_slot(lock);
  std::function<void()> taken = taken_;
  lock.unlock();
  if (taken) taken();
  return next;
}

void DeliveryQueue::free_slot(std::unique_lock<std::mutex>& lock) {
  if (!waiting_for_room_ || !on_room_) {
    return;
  }
  waiting_for_room_ = false;
  std::function<void()> on_room = on_room_;
  lock.unlock();
  on_room();  // only posts to the I/O thread
  lock.lock();
}

Notification DeliveryQueue::take_from_batch() {
  Notification next = std::move(batch_.front());
  batch_.pop_front();
  batched_.fetch_sub(1);
  if (waiting_for_room_.load()) {
    std::unique_lock<std::mutex> lock(mutex_);
    free_slot(lock);
  }
  return next;
}

std::optional<Notification> DeliveryQueue::pop(
    std::optional<std::chrono::steady_clock::time_point> deadline, bool* timed_out) {
  if (timed_out) *timed_out = false;
  if (!batch_.empty()) {
    return take_from_batch();
  }
  std::unique_lock<std::mutex> lock(mutex_);
  if (holding_) {
    holding_ = false;  // pulling again: the previous one is done
    free_slot(lock);
  }
  const auto ready = [this] { return !items_.empty() || finished_; };
  if (deadline) {
    if (!changed_.wait_until(lock, *deadline, ready)) {
      if (timed_out) *timed_out = true;
      return std::nullopt;
    }
  } else {
    changed_.wait(lock, ready);
  }
  if (!items_.empty()) {
    if (hold_until_next_pull_ || taken_) {
      return take_front(lock);  // one slot, held until the next pull: nothing to batch
    }
    batch_.swap(items_);  // items_ was the only holder; the batch keeps their slots
    batched_.store(batch_.size());
    lock.unlock();
    return take_from_batch();
  }
  if (error_) {
    throw *error_;
  }
  return std::nullopt;
}

void DeliveryQueue::release() {
  std::unique_lock<std::mutex> lock(mutex_);
  holding_ = false;
  batch_.clear();
  batched_.store(0);
}

void DeliveryQueue::wait_finished() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [this] { return finished_; });
}

}  // namespace aviso::supervisor
