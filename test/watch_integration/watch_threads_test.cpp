// Callback watches share a small fixed pool: 1,000 watches (half pull streams, half callback
// watches) in one process against the real local server use at most 8 threads, and each one
// receives its notification. Plus the callback facade's lifetime rules on that pool.
#include <dirent.h>
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "aviso/client.hpp"
#include "aviso/watch.hpp"
#include "support/local_server.hpp"
#include "support/mars_notifications.hpp"

namespace aviso {
namespace {

constexpr std::chrono::seconds kDeadline{60};

std::size_t threads_of_this_process() {
  std::size_t count = 0;
  DIR* dir = ::opendir("/proc/self/task");
  if (dir == nullptr) return 0;
  while (const dirent* entry = ::readdir(dir)) {
    if (entry->d_name[0] != '.') ++count;
  }
  ::closedir(dir);
  return count;
}

void allow_descriptors(rlim_t wanted) {
  rlimit limit{};
  ::getrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur < wanted && limit.rlim_max >= wanted) {
    limit.rlim_cur = wanted;
    ::setrlimit(RLIMIT_NOFILE, &limit);  // the server inherits the raised limit
  }
}

// Counts what every callback watch received; one test-wide lock.
struct Tally {
  std::mutex mutex;
  std::condition_variable changed;
  int first_sequence_seen = 0;  // watches that received sequence 1
  int ends = 0;
  int failed_ends = 0;
  int concurrent_callbacks = 0;  // of one watch: must stay 0 or 1
  bool overlapped = false;
};

struct Counting : NotificationHandler {
  explicit Counting(Tally& t) : tally(t) {}
  bool on_notification(const Notification& n) override {
    std::lock_guard<std::mutex> lock(tally.mutex);
    if (++inside > 1) tally.overlapped = true;
    if (n.sequence() == 1) ++tally.first_sequence_seen;
    --inside;
    tally.changed.notify_all();
    return true;
  }
  void on_end(const std::optional<ErrorInfo>& error) override {
    std::lock_guard<std::mutex> lock(tally.mutex);
    ++tally.ends;
    if (error) ++tally.failed_ends;
    tally.changed.notify_all();
  }
  Tally& tally;
  int inside = 0;
};

TEST(WatchThreads, AThousandWatchesUseAtMostEightThreadsAndEachGetsItsNotification) {
  allow_descriptors(4096);
  test::LocalServer server({"--heartbeat-interval", "600"});
  Client client = ClientBuilder(server.url()).build();
  test::publish_mars(client, 1);

  constexpr int kStreams = 500;
  constexpr int kCallbacks = 500;
  Tally tally;
  std::vector<std::unique_ptr<Counting>> handlers;
  std::vector<Watch> watches;
  std::vector<NotificationStream> streams;
  for (int i = 0; i < kCallbacks; ++i) {
    handlers.push_back(std::make_unique<Counting>(tally));
    WatchRequest request = test::mars_from_start();
    watches.push_back(client.watch(request, *handlers.back()));
  }
  for (int i = 0; i < kStreams; ++i) streams.push_back(client.watch(test::mars_from_start()));

  int streams_served = 0;
  for (NotificationStream& stream : streams) {
    std::optional<Notification> first = stream.next(kDeadline);
    streams_served += first && first->sequence() == 1;
  }
  {
    std::unique_lock<std::mutex> lock(tally.mutex);
    ASSERT_TRUE(tally.changed.wait_for(lock, kDeadline,
                                       [&] { return tally.first_sequence_seen == kCallbacks; }))
        << tally.first_sequence_seen << " of " << kCallbacks << " callback watches served";
  }
  const std::size_t threads = threads_of_this_process();
  RecordProperty("threads_with_1000_watches", static_cast<int>(threads));
  EXPECT_EQ(streams_served, kStreams);
  EXPECT_LE(threads, 8u) << "threads in the process with 1,000 live watches";
  EXPECT_EQ(server.request_count("/api/v1/watch"), kStreams + kCallbacks);

  for (Watch& watch : watches) watch.stop();
  for (Watch& watch : watches) watch.wait();
  for (NotificationStream& stream : streams) stream.close();
  std::lock_guard<std::mutex> lock(tally.mutex);
  EXPECT_EQ(tally.ends, kCallbacks);
  EXPECT_EQ(tally.failed_ends, 0);
  EXPECT_FALSE(tally.overlapped);
}

// The handler owns its Watch and destroys it from inside on_notification: no deadlock, no
// use-after-free, and on_end still runs once, after that callback.
struct SelfDestroying : NotificationHandler {
  std::optional<Watch> watch;
  std::promise<std::optional<ErrorInfo>> ended;
  std::atomic<int> notifications{0};
  std::atomic<bool> watch_gone_before_end{false};
  bool on_notification(const Notification&) override {
    ++notifications;
    watch.reset();  // the destructor must not wait for this very callback
    return true;
  }
  void on_end(const std::optional<ErrorInfo>& error) override {
    watch_gone_before_end = !watch.has_value();
    ended.set_value(error);
  }
};

TEST(WatchThreads, AWatchDestroyedFromItsOwnCallbackEndsOnceWithoutHanging) {
  test::LocalServer server;
  Client client = ClientBuilder(server.url()).build();
  SelfDestroying handler;
  WatchRequest request = test::mars_from_start();
  handler.watch.emplace(client.watch(request, handler));
  for (int i = 0; i < 3; ++i)
    test::publish_mars(client, i);  // after emplace: the callback finds its Watch
  std::future<std::optional<ErrorInfo>> ended = handler.ended.get_future();
  ASSERT_EQ(ended.wait_for(kDeadline), std::future_status::ready) << "on_end never ran";
  EXPECT_FALSE(ended.get());
  EXPECT_TRUE(handler.watch_gone_before_end);
  EXPECT_EQ(handler.notifications.load(), 1) << "a notification was delivered after the stop";
}

struct WaitingInside : NotificationHandler {
  std::atomic<Watch*> self{nullptr};
  std::promise<std::string> refused;
  std::promise<void> ended;
  bool on_notification(const Notification&) override {
    try {
      self.load()->wait();
      refused.set_value("wait() returned");
    } catch (const Error& error) {
      refused.set_value(error.kind() == AvisoErrorKind_InvalidUsage ? "InvalidUsage"
                                                                    : error.what());
    }
    return false;
  }
  void on_end(const std::optional<ErrorInfo>&) override { ended.set_value(); }
};

TEST(WatchThreads, WaitInsideACallbackIsRefusedWithInvalidUsage) {
  test::LocalServer server;
  Client client = ClientBuilder(server.url()).build();
  WaitingInside handler;
  WatchRequest request = test::mars_from_start();
  Watch watch = client.watch(request, handler);
  handler.self = &watch;
  test::publish_mars(client, 0);  // only now, so the callback finds `self` set
  std::future<std::string> refused = handler.refused.get_future();
  ASSERT_EQ(refused.wait_for(kDeadline), std::future_status::ready);
  EXPECT_EQ(refused.get(), "InvalidUsage");
  watch.wait();
  EXPECT_EQ(handler.ended.get_future().wait_for(std::chrono::seconds(0)),
            std::future_status::ready);
}

}  // namespace
}  // namespace aviso
