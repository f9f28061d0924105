// The in-memory backend: sequences, retention and eviction, replay batches, delete and wipe
// (protocol sections 2.6, 2.9 and 6).
#include "store.hpp"

#include <gtest/gtest.h>

#include "schema_loader.hpp"

namespace aviso::server {
namespace {

NotificationDraft draft(const std::string& base, const std::string& value) {
  NotificationDraft d;
  d.event_type = base;
  d.topic_tokens = {base, value};
  return d;
}

WatchFilter all_of(const std::string& base) {
  WatchFilter filter;
  filter.pattern.tokens = {base, "*"};
  return filter;
}

std::vector<std::uint64_t> sequences(const std::vector<MessagePtr>& messages) {
  std::vector<std::uint64_t> out;
  for (const auto& m : messages) out.push_back(m->sequence);
  return out;
}

TEST(Store, OneGlobalCounterByDefault) {
  Store store({10, 100}, SequenceMode::Global);
  EXPECT_EQ(store.store(draft("mars", "a"))->sequence, 1U);
  EXPECT_EQ(store.store(draft("diss", "a"))->sequence, 2U);
  EXPECT_EQ(store.store(draft("mars", "b"))->sequence, 3U);
}

TEST(Store, PerStreamCountersLikeJetStream) {
  Store store({10, 100}, SequenceMode::PerStream);
  EXPECT_EQ(store.store(draft("mars", "a"))->sequence, 1U);
  EXPECT_EQ(store.store(draft("diss", "a"))->sequence, 1U);
  EXPECT_EQ(store.store(draft("mars", "b"))->sequence, 2U);
}

TEST(Store, KeepsOnlyTheNewestMessagesPerTopic) {
  Store store({2, 100}, SequenceMode::Global);
  for (int i = 0; i < 5; ++i) store.store(draft("mars", "a"));
  EXPECT_EQ(sequences(store.replay_batch(all_of("mars"), 0, std::nullopt, std::nullopt, 100)),
            (std::vector<std::uint64_t>{4, 5}));
}

TEST(Store, EvictsTheLeastRecentlyWrittenTopic) {
  Store store({1, 2}, SequenceMode::Global);
  store.store(draft("mars", "a"));  // 1
  store.store(draft("mars", "b"));  // 2
  store.store(draft("mars", "a"));  // 3: "a" is now the most recent
  store.store(draft("mars", "c"));  // 4: evicts "b"
  EXPECT_EQ(store.topic_count(), 2U);
  EXPECT_EQ(sequences(store.replay_batch(all_of("mars"), 0, std::nullopt, std::nullopt, 100)),
            (std::vector<std::uint64_t>{3, 4}));
}

TEST(Store, ReplayBatchesAreSortedBoundedAndInclusive) {
  Store store({10, 100}, SequenceMode::Global);
  for (int i = 0; i < 6; ++i) store.store(draft("mars", i % 2 ? "a" : "b"));
  store.store(draft("diss", "a"));
  const auto filter = all_of("mars");
  EXPECT_EQ(sequences(store.replay_batch(filter, 2, std::nullopt, std::nullopt, 3)),
            (std::vector<std::uint64_t>{2, 3, 4}));
  EXPECT_EQ(sequences(store.replay_batch(filter, 5, std::nullopt, std::nullopt, 3)),
            (std::vector<std::uint64_t>{5, 6}));
  EXPECT_EQ(sequences(store.replay_batch(filter, 1, std::nullopt, 3, 100)),
            (std::vector<std::uint64_t>{1, 2, 3}));
  EXPECT_TRUE(store.replay_batch(filter, 99, std::nullopt, std::nullopt, 100).empty());
  const Instant future = now() + std::chrono::hours(1);
  EXPECT_TRUE(store.replay_batch(filter, 0, future, std::nullopt, 100).empty());
  EXPECT_EQ(store.newest_sequence(filter, std::nullopt), 6U);
}

TEST(Store, DeleteAndWipeNeverResetTheCounter) {
  Store store({10, 100}, SequenceMode::Global);
  store.store(draft("mars", "a"));
  store.store(draft("mars", "b"));
  store.store(draft("diss", "a"));
  EXPECT_TRUE(store.remove("MARS", 2));
  EXPECT_FALSE(store.remove("mars", 2));
  EXPECT_FALSE(store.remove("mars", 3));  // belongs to diss
  store.wipe_stream("Mars");
  EXPECT_TRUE(store.replay_batch(all_of("mars"), 0, std::nullopt, std::nullopt, 100).empty());
  EXPECT_EQ(store.message_count(), 1U);
  store.wipe_all();
  EXPECT_EQ(store.message_count(), 0U);
  EXPECT_EQ(store.store(draft("mars", "a"))->sequence, 4U);
}

TEST(Store, TellsSubscribersInStorageOrderAndToleratesUnsubscribingWhileTold) {
  Store store({1, 10}, SequenceMode::Global);
  std::vector<std::uint64_t> seen;
  Store::SubscriptionId second = 0;
  store.subscribe([&](const MessagePtr& m) {
    seen.push_back(m->sequence);
    store.unsubscribe(second);  // as a dropped slow reader does
  });
  second = store.subscribe(
      [&](const MessagePtr&) { ADD_FAILURE() << "unsubscribed before being told"; });
  store.store(draft("mars", "a"));
  store.store(draft("mars", "a"));
  EXPECT_EQ(seen, (std::vector<std::uint64_t>{1, 2}));
  EXPECT_EQ(store.subscriber_count(), 1U);
}

}  // namespace
}  // namespace aviso::server
