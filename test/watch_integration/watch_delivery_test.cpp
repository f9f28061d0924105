// Watches against the real aviso-local-server: every published notification is delivered once,
// in order, through live delivery, replay ends, injected faults and the callback facade.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "aviso/client.hpp"
#include "aviso/watch.hpp"
#include "support/local_server.hpp"
#include "support/mars_notifications.hpp"

namespace aviso {
namespace {

TEST(WatchDelivery, HistoryThenLiveArriveOnceInOrder) {
  test::LocalServer server;
  Client client = ClientBuilder(server.url()).build();
  for (int i = 0; i < 5; ++i) test::publish_mars(client, i);
  NotificationStream stream = client.watch(test::mars_from_start());
  EXPECT_EQ(test::take(stream, 5), test::sequence_range(1, 5));
  for (int i = 5; i < 10; ++i) test::publish_mars(client, i);
  EXPECT_EQ(test::take(stream, 5), test::sequence_range(6, 10));
  stream.close();
  EXPECT_TRUE(stream.ended());
}

TEST(WatchDelivery, ReplayRangeEndsAfterItsLastSequence) {
  test::LocalServer server;
  Client client = ClientBuilder(server.url()).build();
  for (int i = 0; i < 8; ++i) test::publish_mars(client, i);
  NotificationStream stream =
      client.watch(WatchRequest::replay_range("mars", ResumeStart::after_sequence(2),
                                              ReplayEnd::through_sequence(6))
                       .filter(test::kOdFilter));
  std::vector<std::uint64_t> seen;
  for (const Notification& n : stream) seen.push_back(n.sequence());
  EXPECT_EQ(seen, test::sequence_range(3, 6));
  EXPECT_TRUE(stream.ended());
}

TEST(WatchDelivery, DroppedConnectionsResumeWithoutLossOrRepeat) {
  test::LocalServer server;
  Client client = ClientBuilder(server.url()).build();
  test::publish_mars(client, 0);
  NotificationStream stream = client.watch(test::mars_from_start());
  EXPECT_EQ(test::take(stream, 1), test::sequence_range(1, 1));
  ASSERT_EQ(server.hook("drop-streams").status, 200);
  for (int i = 1; i < 6; ++i) test::publish_mars(client, i);
  EXPECT_EQ(test::take(stream, 5), test::sequence_range(2, 6));
}

TEST(WatchDelivery, RetryAfter503IsHonouredThenDeliveryContinues) {
  test::LocalServer server;
  Client client = ClientBuilder(server.url()).build();
  for (int i = 0; i < 3; ++i) test::publish_mars(client, i);
  ASSERT_EQ(
      server.hook("fail", R"({"route":"/api/v1/watch","status":503,"count":1,"retry_after":"1"})")
          .status,
      200);
  NotificationStream stream = client.watch(test::mars_from_start());
  EXPECT_EQ(test::take(stream, 3), test::sequence_range(1, 3));
  EXPECT_EQ(server.request_count("/api/v1/watch"), 2);
}

TEST(WatchDelivery, AnInjectedErrorEventEndsWithStreamProtocol) {
  test::LocalServer server;
  Client client = ClientBuilder(server.url()).build();
  test::publish_mars(client, 0);
  NotificationStream stream = client.watch(test::mars_from_start());
  EXPECT_EQ(test::take(stream, 1), test::sequence_range(1, 1));
  ASSERT_EQ(server.hook("inject-error", R"({"error":"stream_processing_failed","message":"boom"})")
                .status,
            200);
  try {
    while (stream.next(std::chrono::seconds(20))) {
    }
    ADD_FAILURE() << "the watch ended without an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), AvisoErrorKind_StreamProtocol) << error.what();
  }
}

struct Collecting : NotificationHandler {
  std::vector<std::uint64_t> seen;
  std::atomic<int> ends{0};
  std::optional<ErrorInfo> end_error;
  std::size_t stop_after = 0;
  bool throw_instead = false;

  bool on_notification(const Notification& n) override {
    seen.push_back(n.sequence());
    if (seen.size() == stop_after && throw_instead) throw std::runtime_error("nope");
    return seen.size() < stop_after;
  }
  void on_end(const std::optional<ErrorInfo>& error) override {
    end_error = error;
    ++ends;
  }
};

TEST(WatchFacade, ReturningFalseStopsAndOnEndRunsOnce) {
  test::LocalServer server;
  Client client = ClientBuilder(server.url()).build();
  for (int i = 0; i < 5; ++i) test::publish_mars(client, i);
  Collecting handler;
  handler.stop_after = 3;
  WatchRequest request = test::mars_from_start();
  Watch watch = client.watch(request, handler);
  watch.wait();
  EXPECT_EQ(handler.seen, test::sequence_range(1, 3));
  EXPECT_EQ(handler.ends, 1);
  EXPECT_FALSE(handler.end_error);
}

TEST(WatchFacade, AThrowingHandlerEndsWithInternal) {
  test::LocalServer server;
  Client client = ClientBuilder(server.url()).build();
  test::publish_mars(client, 0);
  Collecting handler;
  handler.stop_after = 1;
  handler.throw_instead = true;
  WatchRequest request = test::mars_from_start();
  Watch watch = client.watch(request, handler);
  watch.wait();
  ASSERT_TRUE(handler.end_error);
  EXPECT_EQ(handler.end_error->kind, AvisoErrorKind_Internal);
  EXPECT_EQ(handler.end_error->message.find("the handler's on_notification threw: nope") !=
                std::string::npos,
            true)
      << handler.end_error->message;
}

TEST(WatchFacade, DestroyingALiveWatchStopsIt) {
  test::LocalServer server;
  Client client = ClientBuilder(server.url()).build();
  Collecting handler;
  handler.stop_after = 100;
  {
    WatchRequest request = WatchRequest::watch("mars").filter(test::kOdFilter);
    Watch watch = client.watch(request, handler);
  }
  EXPECT_EQ(handler.ends, 1);
  EXPECT_FALSE(handler.end_error);
}

}  // namespace
}  // namespace aviso
