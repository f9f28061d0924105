// The bounded hand-over between one watch's supervisor and its consumer (spec: 128 slots, 1 when
// a state store is set). The supervisor asks has_room() before taking its next action and never
// blocks on a full queue: it leaves the transfer paused, and the consumer's next pull calls the
// room callback so the supervisor carries on. With a state store, a notification handed to the
// consumer keeps its slot until the consumer pulls again: pulling N+1 is what says N is done,
// so nothing after N is fetched (and N is not committed) while N is still being processed.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "aviso/error.hpp"
#include "aviso/notification.hpp"

namespace aviso::supervisor {

class DeliveryQueue {
 public:
  static constexpr std::size_t kCapacity = 128;
  static constexpr std::size_t kCapacityWithStateStore = 1;

  explicit DeliveryQueue(bool has_state_store);

  // Supervisor side.
  void set_room_callback(std::function<void()> on_room);
  bool has_room();  // false also arms the room callback for the next pull
  void push(Notification notification);
  // Loop thread only: stages a notification without the lock; announce() hands everything staged
  // to the consumer under one lock and with one wake-up. The supervisor stages all the
  // notifications of one chunk of the stream this way: taking the lock per notification against
  // a consumer pulling just as fast costs futex calls and context switches on both sides.
  // Staged notifications occupy slots like queued ones.
  void push_quietly(Notification notification);
  void announce();
  bool has_staged() const { return !staged_.empty(); }
  void finish(std::optional<Error> error);  // the last call of the supervisor
  bool finished() const;

  // Consumer side. Returns a notification, or nullopt at the end (rethrows the watch's error once
  // everything queued before it was taken) or when `deadline` passed first.
  // Without a state store, one pull under the lock takes everything queued into a batch that
  // only the consumer touches; the next pulls are served from it without the lock. The batch
  // keeps its slots until each notification in it is taken, so the queue's bound is unchanged.
  std::optional<Notification> pop(std::optional<std::chrono::steady_clock::time_point> deadline,
                                  bool* timed_out);
  // The consumer is done with what it holds (close): frees the slot without asking for more.
  void release();
  void wait_finished();

  // Consumer side for callback delivery, which must never block a pool thread.
  struct Polled {
    std::optional<Notification> item;
    bool ended = false;          // nothing left and the watch has ended
    std::optional<Error> error;  // why it ended, when it failed (once, with ended)
  };
  // Like pop() without waiting: an item, the end (with the error, reported once), or neither.
  Polled poll();
  // After stop: drops what is queued (never handed to the consumer) and what it holds.
  void drop_pending();
  // Called (outside the lock, from the supervisor's threads) after every push and at the end,
  // so a callback consumer knows when to poll. Empty to detach.
  void set_consumer_wake(std::function<void()> wake);
  // Called (outside the lock, on the consumer's thread) each time a notification is handed to the
  // consumer. With a state store the supervisor counts a notification as delivered only then, so
  // one that sits in the queue when the watch ends is never committed by the exit flush.
  void set_taken_callback(std::function<void()> taken);

 private:
  std::size_t occupied() const { return items_.size() + batched_.load() + (holding_ ? 1 : 0); }
  // Pop without the lock: the front of the consumer's batch. Frees its slot.
  Notification take_from_batch();
  void free_slot(std::unique_lock<std::mutex>& lock);
  // Hands the front item to the consumer: pops it, holds its slot when a store needs that,
  // releases the lock and tells the taken callback. The queue must not be empty.
  Notification take_front(std::unique_lock<std::mutex>& lock);

  const std::size_t capacity_;
  const bool hold_until_next_pull_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Notification> items_;
  bool holding_ = false;
  // Set by the supervisor (under the lock) when it found the queue full. Atomic because the
  // consumer reads it without the lock after taking from its batch: the supervisor sets it, then
  // counts batched_ again; the consumer lowers batched_, then reads it. With both sequentially
  // consistent, one of them sees the other, so a freed slot is never missed.
  std::atomic<bool> waiting_for_room_{false};
  bool finished_ = false;
  std::optional<Error> error_;
  std::function<void()> on_room_;
  std::function<void()> consumer_wake_;
  std::function<void()> taken_;
  bool end_reported_ = false;
  // Consumer only, no lock: notifications taken from items_ in one go, and how many of them are
  // left (read by the supervisor when it counts slots).
  std::deque<Notification> batch_;
  std::atomic<std::size_t> batched_{0};
  // Loop thread only, no lock: see push_quietly.
  std::vector<Notification> staged_;
  // occupied() as of the last time the lock was held by the supervisor side. Only the supervisor
  // adds items, so the true value can only be lower: has_room() trusts it when it says "room"
  // and takes the lock to look again when it says "full".
  std::atomic<std::size_t> occupied_bound_{0};

  void wake_consumer();
};

}  // namespace aviso::supervisor
