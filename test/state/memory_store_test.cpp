#include "aviso/state/memory_store.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <thread>
#include <vector>

namespace aviso {
namespace {

ResumeKey key_for(int n) { return ResumeKey::compute("https://memory/", "mars", {{"n", n}}); }

TEST(MemoryStore, GetOfAnUnknownKeyIsEmptyAndRemoveOfItSucceeds) {
  MemoryStore store;
  EXPECT_EQ(store.get(key_for(1)), std::nullopt);
  store.remove(key_for(1));
  EXPECT_EQ(store.get(key_for(1)), std::nullopt);
}

TEST(MemoryStore, PutMovesForwardOnly) {
  MemoryStore store;
  store.put(key_for(1), {1, "mars@1"});
  store.put(key_for(1), {2, "mars@2"});
  EXPECT_EQ(store.get(key_for(1)), (Checkpoint{2, "mars@2"}));
  store.put(key_for(1), {2, "other@2"});
  store.put(key_for(1), {1, "mars@1"});
  EXPECT_EQ(store.get(key_for(1)), (Checkpoint{2, "mars@2"}));
}

TEST(MemoryStore, RemoveThenPutLowersACursor) {
  MemoryStore store;
  store.put(key_for(1), {5, "mars@5"});
  store.remove(key_for(1));
  store.put(key_for(1), {3, "mars@3"});
  EXPECT_EQ(store.get(key_for(1)), (Checkpoint{3, "mars@3"}));
}

TEST(MemoryStore, CopiesShareOneMap) {
  MemoryStore store;
  MemoryStore copy = store;
  copy.put(key_for(1), {7, std::nullopt});
  EXPECT_EQ(store.get(key_for(1)), (Checkpoint{7, std::nullopt}));
}

// Seeded random put/remove from several threads: keys owned by one thread must end exactly as a
// sequential model of that thread says; shared keys (puts only) must hold the highest put, and no
// thread ever sees a shared key move backwards.
TEST(MemoryStore, ConcurrentRandomInterleavingsLoseNothingAndNeverGoBack) {
  MemoryStore store;
  constexpr int kThreads = 4;
  constexpr int kOps = 3000;
  constexpr int kShared = 3;
  std::vector<std::map<int, std::optional<std::uint64_t>>> models(kThreads);
  std::vector<std::vector<std::uint64_t>> shared_max(kThreads, std::vector<std::uint64_t>(kShared));
  std::vector<std::string> failures(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937_64 random(0x5eed + static_cast<unsigned>(t));
      std::vector<std::uint64_t> seen(kShared, 0);
      for (int op = 0; op < kOps; ++op) {
        const auto choice = random() % 10;
        if (choice < 4) {
          const int shared = static_cast<int>(random() % kShared);
          const std::uint64_t sequence = random() % 1000;
          store.put(key_for(shared), {sequence, std::nullopt});
          shared_max[t][shared] = std::max(shared_max[t][shared], sequence);
          const auto now = store.get(key_for(shared));
          if (!now || now->last_committed_sequence < std::max(sequence, seen[shared])) {
            failures[t] = "shared key moved backwards";
          } else {
            seen[shared] = now->last_committed_sequence;
          }
        } else {
          const int own = 100 + t * 10 + static_cast<int>(random() % 3);
          auto& model = models[t][own];
          if (choice < 8) {
            const std::uint64_t sequence = random() % 50;
            store.put(key_for(own), {sequence, std::nullopt});
            if (!model || sequence > *model) model = sequence;
          } else {
            store.remove(key_for(own));
            model.reset();
          }
          const auto now = store.get(key_for(own));
          const std::optional<std::uint64_t> got =
              now ? std::optional<std::uint64_t>(now->last_committed_sequence) : std::nullopt;
          if (got != model) failures[t] = "owned key differs from the model";
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], "") << "thread " << t;
  for (int shared = 0; shared < kShared; ++shared) {
    std::uint64_t expected = 0;
    for (int t = 0; t < kThreads; ++t) expected = std::max(expected, shared_max[t][shared]);
    ASSERT_TRUE(store.get(key_for(shared)));
    EXPECT_EQ(store.get(key_for(shared))->last_committed_sequence, expected);
  }
}

}  // namespace
}  // namespace aviso
