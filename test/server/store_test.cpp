// The in-memory backend: sequences, retention and eviction, replay batches, delete and wipe
// (protocol sections 2.6, 2.9 and 6).
#include "store.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

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
  out.reserve(messages.size());
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

// Replays read an index by sequence that every removal path must keep in step with the topics:
// after random stores, evictions, trimming, deletes and wipes, a replay in small batches yields
// exactly the retained messages of the filter, ascending, and the counts agree.
TEST(Store, ReplayInBatchesSeesExactlyTheRetainedMessagesAfterChurn) {
  for (const SequenceMode mode : {SequenceMode::Global, SequenceMode::PerStream}) {
    Store store({2, 6}, mode);
    std::mt19937 random(7);
    std::vector<MessagePtr> stored;
    for (int step = 0; step < 2000; ++step) {
      const auto roll = random() % 100;
      const std::string base = random() % 2 ? "mars" : "diss";
      if (roll < 85) {
        stored.push_back(store.store(draft(base, std::to_string(random() % 9))));
      } else if (roll < 97 && !stored.empty()) {
        const MessagePtr& victim = stored[random() % stored.size()];
        store.remove(victim->content.topic_tokens.front(), victim->sequence);
      } else if (roll < 99) {
        store.wipe_stream(base);
      } else {
        store.wipe_all();
      }
      if (step % 50 != 0) continue;
      std::vector<std::uint64_t> expected;
      std::size_t retained = 0;
      for (const auto& m : store.retained_messages()) {
        ++retained;
        if (m->content.topic_tokens.front() == "mars") expected.push_back(m->sequence);
      }
      std::sort(expected.begin(), expected.end());
      std::vector<std::uint64_t> replayed;
      std::uint64_t from = 0;
      while (true) {
        const auto batch = store.replay_batch(all_of("mars"), from, std::nullopt, std::nullopt, 3);
        for (const auto& m : batch) replayed.push_back(m->sequence);
        if (batch.size() < 3) break;
        from = batch.back()->sequence + 1;
      }
      ASSERT_EQ(replayed, expected) << "step " << step;
      ASSERT_EQ(store.message_count(), retained) << "step " << step;
      const auto newest = store.newest_sequence(all_of("mars"), std::nullopt);
      ASSERT_EQ(newest, expected.empty() ? std::nullopt : std::optional(expected.back()));
    }
  }
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
