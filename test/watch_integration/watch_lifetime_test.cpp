// Lifetimes: a Client destroyed under live streams and callback watches ends them with a clear
// InvalidUsage error instead of crashing or hanging; and with a state store, a notification that
// sat in the queue but was never taken is not committed by the exit flush.
#include <gtest/gtest.h>

#include <cstdlib>
#include <future>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include "aviso/client.hpp"
#include "aviso/state.hpp"
#include "aviso/watch.hpp"
#include "support/local_server.hpp"
#include "support/mars_notifications.hpp"

namespace aviso {
namespace {

constexpr std::chrono::seconds kDeadline{30};

// Destroys the client on another thread; a destructor that hangs fails the test (and ends the
// binary, since the hung thread cannot be abandoned safely) instead of hanging the suite.
void destroy_within_deadline(std::optional<Client>& client) {
  auto done = std::async(std::launch::async, [&] { client.reset(); });
  if (done.wait_for(kDeadline) != std::future_status::ready) {
    std::cerr << "FATAL: destroying the Client hung with live watches\n";
    std::abort();
  }
}

TEST(WatchLifetime, DestroyingTheClientEndsALiveStreamWithInvalidUsage) {
  test::LocalServer server;
  std::optional<Client> client(ClientBuilder(server.url()).build());
  test::publish_mars(*client, 0);
  NotificationStream stream = client->watch(test::mars_from_start());
  std::optional<Notification> first = stream.next(kDeadline);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->sequence(), 1u);
  destroy_within_deadline(client);
  try {
    std::optional<Notification> next = stream.next(kDeadline);
    ADD_FAILURE() << "expected an error, got " << (next ? "a notification" : "a clean end");
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), AvisoErrorKind_InvalidUsage);
    EXPECT_NE(std::string(error.what()).find("the Client was destroyed while this watch"),
              std::string::npos)
        << error.what();
  }
  EXPECT_TRUE(stream.ended());
  stream.close();  // after its client is gone: no crash, no hang
}

struct EndRecorder : NotificationHandler {
  std::promise<std::optional<ErrorInfo>> ended;
  bool on_notification(const Notification&) override { return true; }
  void on_end(const std::optional<ErrorInfo>& error) override { ended.set_value(error); }
};

TEST(WatchLifetime, DestroyingTheClientEndsACallbackWatchThroughOnEnd) {
  test::LocalServer server;
  std::optional<Client> client(ClientBuilder(server.url()).build());
  EndRecorder handler;
  WatchRequest request = test::mars_from_start();
  Watch watch = client->watch(request, handler);
  std::future<std::optional<ErrorInfo>> ended = handler.ended.get_future();
  destroy_within_deadline(client);
  ASSERT_EQ(ended.wait_for(kDeadline), std::future_status::ready);
  const std::optional<ErrorInfo> error = ended.get();
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind, AvisoErrorKind_InvalidUsage) << error->message;
  watch.stop();  // harmless after the end
  watch.wait();
}

TEST(WatchLifetime, ANotificationQueuedButNeverTakenIsNotCommittedOnExit) {
  test::LocalServer server;
  auto store = std::make_shared<MemoryStore>();
  Client client = ClientBuilder(server.url()).state_store(store).flush_cursor_on_exit(true).build();
  constexpr std::uint64_t kPublished = 5;
  for (std::uint64_t i = 0; i < kPublished; ++i) test::publish_mars(client, static_cast<int>(i));
  const ResumeKey key = ResumeKey::compute(client.base_url(), "mars", test::kOdFilter);
  NotificationStream stream = client.watch(test::mars_from_start());
  std::optional<Notification> first = stream.next(kDeadline);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->sequence(), 1u);
  // Each pull says the previous one is done and frees its slot; a pull that does not wait
  // almost always returns before the next notification is queued. The last one taken is L.
  std::uint64_t last_taken = 1;
  while (std::optional<Notification> next = stream.next(std::chrono::milliseconds(0))) {
    last_taken = next->sequence();
  }
  if (last_taken < kPublished) {
    // L is committed just before L+1 is queued (next-send commit); L+1 is never taken.
    const auto deadline = std::chrono::steady_clock::now() + kDeadline;
    while (!(store->get(key) && store->get(key)->last_committed_sequence == last_taken) &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::yield();
    }
  }
  stream.close();  // the exit flush runs here
  ASSERT_TRUE(store->get(key));
  EXPECT_EQ(store->get(key)->last_committed_sequence, last_taken)
      << "the exit flush committed a notification the consumer never took";
}

TEST(WatchLifetime, TheExitFlushCommitsTheLastTakenNotification) {
  test::LocalServer server;
  auto store = std::make_shared<MemoryStore>();
  Client client = ClientBuilder(server.url()).state_store(store).flush_cursor_on_exit(true).build();
  for (int i = 0; i < 3; ++i) test::publish_mars(client, i);
  const ResumeKey key = ResumeKey::compute(client.base_url(), "mars", test::kOdFilter);
  NotificationStream stream = client.watch(test::mars_from_start());
  for (std::uint64_t expected = 1; expected <= 2; ++expected) {
    std::optional<Notification> next = stream.next(kDeadline);
    ASSERT_TRUE(next);
    ASSERT_EQ(next->sequence(), expected);
  }
  stream.close();  // 2 was taken, and closing releases it
  ASSERT_TRUE(store->get(key));
  EXPECT_EQ(store->get(key)->last_committed_sequence, 2u);
}

}  // namespace
}  // namespace aviso
