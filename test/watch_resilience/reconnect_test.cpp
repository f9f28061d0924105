// A live watch against the real aviso-local-server survives every routine and faulty end of its
// connection: max-duration rotation while notifications flow, heartbeat silence, a server
// stopped (SIGTERM or SIGKILL) and restarted on the same port, refused connections, 503 with
// Retry-After, 5xx without it, and a 401 answered by a credential refresh. In each case the
// delivered sequences are compared with the published ones: nothing lost, nothing twice.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "aviso/auth.hpp"
#include "aviso/client.hpp"
#include "aviso/watch.hpp"
#include "resilience_support.hpp"
#include "supervisor/watch_supervisor.hpp"
#include "support/local_server.hpp"

namespace aviso::resilience {
namespace {

using std::chrono::milliseconds;

WatchRequest from_start() {
  return WatchRequest::watch_from("mars", ResumeStart::after_sequence(0)).filter(kOd);
}

TEST(Rotation, MaxDurationClosesMidStreamLoseAndRepeatNothing) {
  // Each connection lives 1.1 s; publishing 60 notifications 40 ms apart spans at least two
  // rotations whatever the machine's speed, so some arrive while a connection is closing.
  test::LocalServer server({"--max-duration", "1.1", "--heartbeat-interval", "0.2"});
  Client client = ClientBuilder(server.url()).build();
  NotificationStream stream = client.watch(from_start());
  constexpr int kCount = 60;
  std::thread publisher([&] {
    Client producer = ClientBuilder(server.url()).build();
    for (int i = 0; i < kCount; ++i) {
      publish(producer, i);
      std::this_thread::sleep_for(milliseconds(40));
    }
  });
  std::vector<std::uint64_t> seen = take(stream, kCount);
  publisher.join();
  EXPECT_EQ(seen, range(1, kCount));
  EXPECT_GE(server.request_count("/api/v1/watch"), 3) << "the connection was never rotated";
}

// A watch from the start whose connections are called dead after `budget` of silence, instead
// of the heartbeat budget's 30 s or more.
NotificationStream watch_with_silence_budget(Client& client, milliseconds budget) {
  supervisor::SupervisorOptions options;
  options.read_timeout_override = budget;
  return supervisor::watch_with_options(client, from_start(), options);
}

TEST(HeartbeatSilence, ASilentConnectionIsReplacedAndDeliveryGoesOn) {
  test::LocalServer server({"--heartbeat-interval", "0.1"});
  Client client = ClientBuilder(server.url()).build();
  NotificationStream stream = watch_with_silence_budget(client, milliseconds(500));
  publish(client, 0);
  ASSERT_EQ(take(stream, 1), range(1, 1));
  ASSERT_EQ(server.request_count("/api/v1/watch"), 1);

  // The server keeps the socket open but sends nothing: only the watchdog can notice.
  ASSERT_EQ(server.hook("pause-heartbeats", R"({"seconds":30})").status, 200);
  ASSERT_TRUE(eventually([&] { return server.request_count("/api/v1/watch") >= 2; }))
      << "a silent connection was never replaced";
  // The new connection is silent too, but the watch resumed after 1 on it: 2 arrives once.
  publish(client, 1);
  EXPECT_EQ(take(stream, 1), range(2, 2));
}

TEST(HeartbeatSilence, AConnectionThatKeepsSpeakingIsKeptPastManyBudgets) {
  // Heartbeats every 100 ms against a 400 ms budget: the watchdog must count from the last data,
  // not from when it was armed, for the connection to outlive four budgets.
  test::LocalServer server({"--heartbeat-interval", "0.1"});
  Client client = ClientBuilder(server.url()).build();
  NotificationStream stream = watch_with_silence_budget(client, milliseconds(400));
  publish(client, 0);
  ASSERT_EQ(take(stream, 1), range(1, 1));
  std::this_thread::sleep_for(milliseconds(1600));
  EXPECT_EQ(server.request_count("/api/v1/watch"), 1) << "a speaking connection was replaced";
  publish(client, 1);
  EXPECT_EQ(take(stream, 1), range(2, 2));
}

// docs/watching.md, "A restarted server is replayed from its beginning": after a restart the
// counter is back at 1 while the watch's cursor is higher. A first sequence of 1 is delivered at
// once; a higher one makes the watch replay the new epoch from 1.
TEST(ServerRestart, SigtermThenRestartDeliversTheNewEpochFromOne) {
  test::LocalServer server({"--heartbeat-interval", "0.2"});
  Client client = ClientBuilder(server.url()).build();
  NotificationStream stream = client.watch(from_start());
  for (int i = 0; i < 3; ++i) publish(client, i);
  ASSERT_EQ(take(stream, 3), range(1, 3));

  // SIGTERM: the server says server_shutdown, the watch waits its fixed 5 s before retrying.
  EXPECT_EQ(server.terminate(), 0);
  server.restart();
  // Two notifications stored before the watch is back: sequences 1 and 2 of the new epoch.
  publish(client, 10);
  publish(client, 11);
  ASSERT_TRUE(eventually([&] { return server.request_count("/api/v1/watch") >= 1; }));
  // The watch asked for from_id 4 and got nothing; sequence 3 arrives live, below 4, which only a
  // new epoch can explain: the watch replays the epoch from 1 and delivers 1, 2, 3 once each.
  publish(client, 12);
  EXPECT_EQ(take(stream, 3), range(1, 3));
  publish(client, 13);
  EXPECT_EQ(take(stream, 1), range(4, 4));
}

TEST(ServerRestart, KilledServerRefusesForAWhileThenSequenceOneIsDeliveredAtOnce) {
  test::LocalServer server({"--heartbeat-interval", "0.2"});
  Client client = ClientBuilder(server.url()).build();
  NotificationStream stream = client.watch(from_start());
  for (int i = 0; i < 4; ++i) publish(client, i);
  ASSERT_EQ(take(stream, 4), range(1, 4));

  // SIGKILL: no goodbye; every reconnect is refused (transport error, exponential backoff) until
  // the server is back.
  server.kill();
  EXPECT_EQ(stream.next(milliseconds(1500)), std::nullopt);
  EXPECT_FALSE(stream.ended()) << "refused connections must be retried, not fatal";
  server.restart();
  ASSERT_TRUE(eventually([&] { return server.request_count("/api/v1/watch") >= 1; }));
  // The reconnected watch replays from 5: nothing yet. Sequence 1 of the new epoch arrives live;
  // nothing can precede it, so it is delivered on the same connection.
  publish(client, 20);
  EXPECT_EQ(take(stream, 1), range(1, 1));
  publish(client, 21);
  EXPECT_EQ(take(stream, 1), range(2, 2));
  EXPECT_EQ(server.request_count("/api/v1/watch"), 1) << "sequence 1 needs no extra replay";
}

TEST(Overload, A503WithRetryAfterIsWaitedOutThenTheWatchResumes) {
  test::LocalServer server({"--heartbeat-interval", "0.2"});
  Client client = ClientBuilder(server.url()).build();
  NotificationStream stream = client.watch(from_start());
  for (int i = 0; i < 2; ++i) publish(client, i);
  ASSERT_EQ(take(stream, 2), range(1, 2));

  ASSERT_EQ(
      server.hook("fail", R"({"route":"/api/v1/watch","status":503,"count":2,"retry_after":"1"})")
          .status,
      200);
  ASSERT_EQ(server.hook("drop-streams").status, 200);
  for (int i = 2; i < 5; ++i) publish(client, i);
  EXPECT_EQ(take(stream, 3), range(3, 5));
  // First connection, two refused attempts, the one that worked.
  EXPECT_EQ(server.request_count("/api/v1/watch"), 4);
}

TEST(Overload, ServerErrorsWithoutRetryAfterAreRetriedWithBackoff) {
  test::LocalServer server({"--heartbeat-interval", "0.2"});
  Client client = ClientBuilder(server.url()).build();
  NotificationStream stream = client.watch(from_start());
  publish(client, 0);
  ASSERT_EQ(take(stream, 1), range(1, 1));

  ASSERT_EQ(server.hook("fail", R"({"route":"/api/v1/watch","status":500,"count":2})").status, 200);
  ASSERT_EQ(server.hook("drop-streams").status, 200);
  ASSERT_TRUE(eventually([&] { return server.request_count("/api/v1/watch") >= 4; }));
  ASSERT_EQ(server.hook("fail", R"({"route":"/api/v1/watch","status":502,"count":1})").status, 200);
  ASSERT_EQ(server.hook("drop-streams").status, 200);
  for (int i = 1; i < 4; ++i) publish(client, i);
  EXPECT_EQ(take(stream, 3), range(2, 4));
  EXPECT_EQ(server.request_count("/api/v1/watch"), 6);
}

// A credential that the server no longer accepts until it is refreshed.
class RefreshableToken : public AuthProvider {
 public:
  RefreshableToken(std::string first, std::string after_refresh)
      : current_(std::move(first)), after_refresh_(std::move(after_refresh)) {}
  std::string authorization_header() override {
    std::lock_guard<std::mutex> lock(mutex_);
    return "Bearer " + current_;
  }
  void refresh() override {
    std::lock_guard<std::mutex> lock(mutex_);
    current_ = after_refresh_;
    ++refreshes;
  }
  std::string kind() const override { return "refreshable-test-token"; }
  std::atomic<int> refreshes{0};

 private:
  std::mutex mutex_;
  std::string current_;
  std::string after_refresh_;
};

std::string write_auth_file() {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("aviso-resilience-auth-" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(path) << "mode: direct\n"
                         "admin_roles: {localrealm: [admin]}\n"
                         "bearer_tokens:\n"
                         "  fresh-token: {username: reader, realm: localrealm, roles: [reader]}\n";
  return path.string();
}

TEST(AuthRefresh, A401IsAnsweredByOneRefreshThenTheWatchGoesOn) {
  const std::string auth_file = write_auth_file();
  test::LocalServer server({"--heartbeat-interval", "0.2", "--auth-file", auth_file});
  auto token = std::make_shared<RefreshableToken>("stale-token", "fresh-token");
  Client client = ClientBuilder(server.url()).auth(token).build();
  NotificationStream stream = client.watch(from_start());
  publish(client, 0);  // mars is a public stream: notify needs no role once the token is fresh
  ASSERT_EQ(take(stream, 1), range(1, 1));
  EXPECT_EQ(token->refreshes, 1);
  EXPECT_EQ(server.request_count("/api/v1/watch"), 2);  // the 401, then the accepted one

  // Mid-stream the server rejects the next connection once: one more refresh, then on.
  ASSERT_EQ(server.hook("fail", R"({"route":"/api/v1/watch","status":401,"count":1})").status, 200);
  ASSERT_EQ(server.hook("drop-streams").status, 200);
  publish(client, 1);
  EXPECT_EQ(take(stream, 1), range(2, 2));
  EXPECT_EQ(token->refreshes, 2);
  std::filesystem::remove(auth_file);
}

TEST(AuthRefresh, A401AfterARefreshEndsTheWatchWithAuth) {
  const std::string auth_file = write_auth_file();
  test::LocalServer server({"--heartbeat-interval", "0.2", "--auth-file", auth_file});
  auto token = std::make_shared<RefreshableToken>("stale-token", "still-stale-token");
  Client client = ClientBuilder(server.url()).auth(token).build();
  NotificationStream stream = client.watch(from_start());
  std::optional<Error> error = end_error(stream);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind(), AvisoErrorKind_Auth) << error->what();
  EXPECT_EQ(token->refreshes, 1);
  EXPECT_EQ(server.request_count("/api/v1/watch"), 2);
  std::filesystem::remove(auth_file);
}

}  // namespace
}  // namespace aviso::resilience
