// The hand-over between a watch's supervisor (the loop thread) and its consumer, with real
// threads where the behaviour is about waiting.
#include "supervisor/delivery_queue.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace {

using aviso::Notification;
using aviso::supervisor::DeliveryQueue;
using namespace std::chrono_literals;

std::optional<Notification> pop_within(DeliveryQueue& queue, std::chrono::milliseconds wait) {
  bool timed_out = false;
  return queue.pop(std::chrono::steady_clock::now() + wait, &timed_out);
}

TEST(DeliveryQueue, StagedNotificationsReachTheConsumerOnlyWhenAnnouncedInOrder) {
  DeliveryQueue queue(false);
  int wakes = 0;
  queue.set_consumer_wake([&] { ++wakes; });
  for (std::uint64_t sequence = 1; sequence <= 3; ++sequence) {
    queue.push_quietly(Notification("mars", sequence));
  }
  EXPECT_TRUE(queue.has_staged());
  EXPECT_FALSE(pop_within(queue, 1ms));  // staged, not yet handed over
  EXPECT_EQ(wakes, 0);
  queue.announce();
  EXPECT_EQ(wakes, 1);  // one wake-up for the three
  queue.announce();     // nothing new: no wake-up
  EXPECT_EQ(wakes, 1);
  for (std::uint64_t sequence = 1; sequence <= 3; ++sequence) {
    const auto next = pop_within(queue, 1ms);
    ASSERT_TRUE(next);
    EXPECT_EQ(next->sequence(), sequence);
  }
}

TEST(DeliveryQueue, StagedNotificationsTakeSlotsAndAFullQueueCallsBackOnThePull) {
  DeliveryQueue queue(false);
  int room_calls = 0;
  queue.set_room_callback([&] { ++room_calls; });
  for (std::size_t i = 0; i < DeliveryQueue::kCapacity - 1; ++i) {
    queue.push_quietly(Notification("mars", i + 1));
  }
  EXPECT_TRUE(queue.has_room());
  queue.push_quietly(Notification("mars", DeliveryQueue::kCapacity));
  EXPECT_FALSE(queue.has_room());  // full with nothing announced yet
  queue.announce();
  EXPECT_FALSE(queue.has_room());
  EXPECT_EQ(room_calls, 0);
  ASSERT_TRUE(pop_within(queue, 1ms));
  EXPECT_EQ(room_calls, 1);  // the pull that made room says so
  EXPECT_TRUE(queue.has_room());
}

TEST(DeliveryQueue, FinishDeliversWhatWasStagedBeforeTheEnd) {
  DeliveryQueue queue(false);
  queue.push_quietly(Notification("mars", 1));
  queue.push_quietly(Notification("mars", 2));
  queue.finish(std::nullopt);
  EXPECT_EQ(queue.pop(std::nullopt, nullptr)->sequence(), 1U);
  EXPECT_EQ(queue.pop(std::nullopt, nullptr)->sequence(), 2U);
  EXPECT_FALSE(queue.pop(std::nullopt, nullptr));
}

// A consumer blocked in pop() on another thread wakes for an announced batch and gets all of it.
TEST(DeliveryQueue, AWaitingConsumerWakesForAnAnnouncedBatch) {
  DeliveryQueue queue(false);
  std::vector<std::uint64_t> received;
  std::thread consumer([&] {
    while (auto next = queue.pop(std::nullopt, nullptr)) received.push_back(next->sequence());
  });
  std::this_thread::sleep_for(20ms);  // let it block first (the test passes either way)
  for (std::uint64_t sequence = 1; sequence <= 50; ++sequence) {
    queue.push_quietly(Notification("mars", sequence));
  }
  queue.announce();
  queue.finish(std::nullopt);
  consumer.join();
  ASSERT_EQ(received.size(), 50U);
  for (std::size_t i = 0; i < received.size(); ++i) EXPECT_EQ(received[i], i + 1);
}

// The pull that takes a whole batch keeps the slots of what it has not handed out yet.
TEST(DeliveryQueue, ABatchTakenByThePullKeepsItsSlotsUntilEachIsHandedOut) {
  DeliveryQueue queue(false);
  int room_calls = 0;
  queue.set_room_callback([&] { ++room_calls; });
  for (std::size_t i = 0; i < DeliveryQueue::kCapacity; ++i) {
    queue.push_quietly(Notification("mars", i + 1));
  }
  queue.announce();
  EXPECT_FALSE(queue.has_room());
  ASSERT_EQ(pop_within(queue, 1ms)->sequence(), 1U);  // takes all 128, hands out one
  EXPECT_EQ(room_calls, 1);
  ASSERT_TRUE(queue.has_room());  // exactly one slot is free
  queue.push_quietly(Notification("mars", DeliveryQueue::kCapacity + 1));
  queue.announce();
  EXPECT_FALSE(queue.has_room());                     // 127 in the batch, 1 queued
  ASSERT_EQ(pop_within(queue, 1ms)->sequence(), 2U);  // from the batch, without the lock
  EXPECT_EQ(room_calls, 2);                           // and still says it made room
  EXPECT_TRUE(queue.has_room());
  for (std::uint64_t sequence = 3; sequence <= DeliveryQueue::kCapacity + 1; ++sequence) {
    const auto next = pop_within(queue, 1ms);
    ASSERT_TRUE(next);
    EXPECT_EQ(next->sequence(), sequence);
  }
  EXPECT_FALSE(pop_within(queue, 1ms));
}

// A producer that stops whenever the queue is full and waits for the room callback, against a
// consumer on another thread: a missed callback would leave the producer waiting (caught by the
// bounded wait), a lost or repeated notification would break the sequence.
TEST(DeliveryQueue, AProducerWaitingForRoomIsAlwaysCalledBack) {
  DeliveryQueue queue(false);
  std::mutex mutex;
  std::condition_variable room;
  bool has_room_call = false;
  queue.set_room_callback([&] {
    {
      std::lock_guard<std::mutex> lock(mutex);
      has_room_call = true;
    }
    room.notify_one();
  });
  constexpr std::uint64_t kCount = 50000;
  std::vector<std::uint64_t> received;
  received.reserve(kCount);
  std::thread consumer([&] {
    while (auto next = queue.pop(std::nullopt, nullptr)) received.push_back(next->sequence());
  });
  bool stalled = false;
  for (std::uint64_t sequence = 1; sequence <= kCount && !stalled; ++sequence) {
    while (!queue.has_room()) {
      queue.announce();
      std::unique_lock<std::mutex> lock(mutex);
      if (!room.wait_for(lock, 10s, [&] { return has_room_call; })) {
        stalled = true;
        break;
      }
      has_room_call = false;
    }
    queue.push_quietly(Notification("mars", sequence));
    if (sequence % 7 == 0) queue.announce();
  }
  queue.finish(std::nullopt);
  consumer.join();
  ASSERT_FALSE(stalled) << "the producer was never told about room";
  ASSERT_EQ(received.size(), kCount);
  for (std::size_t i = 0; i < received.size(); ++i) ASSERT_EQ(received[i], i + 1);
}

}  // namespace
