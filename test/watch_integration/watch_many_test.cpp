// watch_many against the real local server: names per watch, the error policy chosen by
// on_error (false ends every watch, true drops only the failing one), invalid sets refused
// before anything opens, and the aggregate error when every watch fails.
#include <gtest/gtest.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "aviso/client.hpp"
#include "aviso/watch_set.hpp"
#include "support/local_server.hpp"
#include "support/mars_notifications.hpp"

namespace aviso {
namespace {

constexpr std::chrono::seconds kDeadline{30};

// The server refuses an event type its schema does not know: 400 UNKNOWN_EVENT_TYPE.
WatchRequest refused_by_server() {
  return WatchRequest::watch("no_such_event_type").filter(test::kOdFilter);
}

struct Recorder : MultiNotificationHandler {
  bool go_on_after_errors = false;
  std::mutex mutex;
  std::condition_variable changed;
  std::map<std::string, std::vector<std::uint64_t>> seen;
  std::vector<std::pair<std::string, ErrorInfo>> errors;
  int ends = 0;
  std::optional<ErrorInfo> end_error;

  bool on_notification(const std::string& name, const Notification& n) override {
    std::lock_guard<std::mutex> lock(mutex);
    seen[name].push_back(n.sequence());
    changed.notify_all();
    return true;
  }
  bool on_error(const std::string& name, const ErrorInfo& error) override {
    std::lock_guard<std::mutex> lock(mutex);
    errors.emplace_back(name, error);
    changed.notify_all();
    return go_on_after_errors;
  }
  void on_end(const std::optional<ErrorInfo>& error) override {
    std::lock_guard<std::mutex> lock(mutex);
    ++ends;
    end_error = error;
    changed.notify_all();
  }
  bool wait_for(const std::function<bool()>& condition) {
    std::unique_lock<std::mutex> lock(mutex);
    return changed.wait_for(lock, kDeadline, condition);
  }
};

TEST(WatchMany, EachNotificationArrivesOnceUnderItsWatchName) {
  test::LocalServer server;
  Client client = ClientBuilder(server.url()).build();
  for (int i = 0; i < 3; ++i) test::publish_mars(client, i);
  Recorder handler;
  WatchRequest first = test::mars_from_start();
  WatchRequest second = WatchRequest::replay_range("mars", ResumeStart::after_sequence(1),
                                                   ReplayEnd::through_sequence(2))
                            .filter(test::kOdFilter);
  WatchSet set;
  set.add("live", first).add("replay", second);
  Watch watch = watch_many(client, set, handler);
  ASSERT_TRUE(handler.wait_for(
      [&] { return handler.seen["live"].size() == 3 && handler.seen["replay"].size() == 1; }));
  test::publish_mars(client, 3);
  ASSERT_TRUE(handler.wait_for([&] { return handler.seen["live"].size() == 4; }));
  watch.stop();
  watch.wait();
  EXPECT_EQ(handler.seen["live"], (std::vector<std::uint64_t>{1, 2, 3, 4}));
  EXPECT_EQ(handler.seen["replay"], (std::vector<std::uint64_t>{2}));
  EXPECT_EQ(handler.ends, 1);
  EXPECT_FALSE(handler.end_error) << handler.end_error->message;
  EXPECT_THROW(watch_many(client, set, handler), Error) << "a set is consumed once";
}

TEST(WatchMany, StopPolicyOneFailingWatchEndsEveryWatchWithItsNamedError) {
  test::LocalServer server;
  Client client = ClientBuilder(server.url()).build();
  test::publish_mars(client, 0);
  Recorder handler;  // on_error returns false: the default policy
  WatchRequest good = test::mars_from_start();
  WatchRequest bad = refused_by_server();
  WatchSet set;
  set.add("good", good).add("bad", bad);
  Watch watch = watch_many(client, set, handler);
  watch.wait();  // ends by itself: the failure stops the good watch too
  std::lock_guard<std::mutex> lock(handler.mutex);
  ASSERT_EQ(handler.errors.size(), 1u);
  EXPECT_EQ(handler.errors[0].first, "bad");
  EXPECT_EQ(handler.errors[0].second.kind, AvisoErrorKind_Http);
  EXPECT_EQ(handler.errors[0].second.http_status, 400);
  EXPECT_EQ(handler.errors[0].second.message.rfind("watch 'bad': ", 0), 0u)
      << handler.errors[0].second.message;
  ASSERT_TRUE(handler.end_error);
  EXPECT_EQ(handler.end_error->message, handler.errors[0].second.message);
  EXPECT_EQ(handler.ends, 1);
}

TEST(WatchMany, ContinuePolicyDropsTheFailingWatchAndTheOthersGoOn) {
  test::LocalServer server;
  Client client = ClientBuilder(server.url()).build();
  test::publish_mars(client, 0);
  Recorder handler;
  handler.go_on_after_errors = true;
  WatchRequest good = test::mars_from_start();
  WatchRequest bad = refused_by_server();
  WatchSet set;
  set.add("good", good).add("bad", bad);
  Watch watch = client.watch_many(set, handler);  // the facade's member form
  ASSERT_TRUE(handler.wait_for([&] { return handler.errors.size() == 1; }));
  // After the failure the good watch still delivers, history and live.
  test::publish_mars(client, 1);
  ASSERT_TRUE(handler.wait_for([&] { return handler.seen["good"].size() == 2; }))
      << "the good watch stopped with the bad one";
  watch.stop();
  watch.wait();
  std::lock_guard<std::mutex> lock(handler.mutex);
  EXPECT_EQ(handler.seen["good"], (std::vector<std::uint64_t>{1, 2}));
  EXPECT_EQ(handler.errors[0].first, "bad");
  EXPECT_FALSE(handler.end_error) << "a stop after a tolerated failure is a clean end";
  EXPECT_EQ(handler.ends, 1);
}

TEST(WatchMany, WhenEveryWatchFailsOnEndListsEachFailure) {
  test::LocalServer server;
  Client client = ClientBuilder(server.url()).build();
  Recorder handler;
  handler.go_on_after_errors = true;
  WatchRequest one = refused_by_server();
  WatchRequest two = refused_by_server();
  WatchSet set;
  set.add("one", one).add("two", two);
  Watch watch = watch_many(client, set, handler);
  watch.wait();
  ASSERT_TRUE(handler.end_error);
  EXPECT_EQ(handler.end_error->kind, AvisoErrorKind_Http);
  EXPECT_EQ(handler.end_error->message.rfind("every watch failed: watch '", 0), 0u)
      << handler.end_error->message;
  EXPECT_NE(handler.end_error->message.find("watch 'one': "), std::string::npos);
  EXPECT_NE(handler.end_error->message.find("watch 'two': "), std::string::npos);
}

struct InvalidSet {
  const char* why;
  std::vector<std::string> names;
  const char* message;
};

TEST(WatchMany, AnInvalidSetOpensNothingAndEndsThroughOnEnd) {
  test::LocalServer server;
  Client client = ClientBuilder(server.url()).build();
  const std::vector<InvalidSet> cases = {
      {"no entry", {}, "watch_many needs at least one request"},
      {"empty name", {"a", ""}, "a watch name must not be empty"},
      {"repeated name", {"a", "b", "a"}, "the watch name 'a' is used twice"},
  };
  for (const InvalidSet& c : cases) {
    SCOPED_TRACE(c.why);
    Recorder handler;
    WatchSet set;
    for (const std::string& name : c.names) {
      WatchRequest request = test::mars_from_start();
      set.add(name, request);
    }
    Watch watch = watch_many(client, set, handler);
    watch.wait();
    ASSERT_TRUE(handler.end_error);
    EXPECT_EQ(handler.end_error->kind, AvisoErrorKind_InvalidInput);
    EXPECT_NE(handler.end_error->message.find(c.message), std::string::npos)
        << handler.end_error->message;
    EXPECT_EQ(handler.ends, 1);
  }
  // A request check_watch_request() refuses is named.
  Recorder handler;
  WatchRequest fine = test::mars_from_start();
  WatchRequest live_with_end =
      WatchRequest::watch("mars").filter(test::kOdFilter).until_sequence(3);
  WatchSet set;
  set.add("fine", fine).add("ends", live_with_end);
  Watch watch = watch_many(client, set, handler);
  watch.wait();
  ASSERT_TRUE(handler.end_error);
  EXPECT_EQ(handler.end_error->message.rfind("watch 'ends': ", 0), 0u)
      << handler.end_error->message;
  EXPECT_EQ(server.request_count("/api/v1/watch"), 0) << "an invalid set opened a watch";
}

}  // namespace
}  // namespace aviso
