// The LocalServer helper and the server's process lifecycle: URL line, health, a live watch,
// SIGTERM shutdown, restart on the same port, and the request-count and forced-status hooks.
#include "support/local_server.hpp"

#include <gtest/gtest.h>

#include "server/sse_client.hpp"
#include "server/uuid_check.hpp"

namespace {

using aviso::server_test::is_uuid_v4;
using aviso::server_test::SseClient;
using aviso::test::LocalServer;
using nlohmann::json;

constexpr const char* kMarsNotification =
    R"({"event_type":"mars","identifier":{"class":"od","expver":"1","domain":"G","date":"2025-07-06",)"
    R"("time":"12:00","stream":"enfo","step":"006"},"payload":{"path":"/data/x.grib","size":1048576}})";

TEST(LocalServer, PrintsItsUrlAndAnswersHealth) {
  LocalServer server;
  EXPECT_EQ(server.url(), "http://127.0.0.1:" + std::to_string(server.port()));
  EXPECT_GT(server.pid(), 0);
  const auto reply = server.get("/health");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(json::parse(reply.body), json({{"status", "ok"}}));
  EXPECT_TRUE(is_uuid_v4(reply.header("X-Request-ID"))) << reply.header("X-Request-ID");
}

TEST(LocalServer, LiveWatchReceivesAMatchingNotification) {
  LocalServer server({"--heartbeat-interval", "30"});
  SseClient watch(server.port(), "POST", "/api/v1/watch",
                  R"({"event_type":"mars","identifier":{"class":"od"}})");
  ASSERT_EQ(watch.status(), 200);
  const auto established = watch.next();
  ASSERT_TRUE(established);
  EXPECT_EQ(established->json()["type"], "connection_established");

  ASSERT_EQ(server.post("/api/v1/notification", kMarsNotification).status, 200);
  const auto notification = watch.next_non_heartbeat();
  ASSERT_TRUE(notification);
  EXPECT_EQ(notification->name, "live-notification");
  EXPECT_EQ(notification->json()["id"], "mars@1");
  EXPECT_EQ(notification->json()["data"]["identifier"]["step"], "6");
}

TEST(LocalServer, TerminateClosesStreamsWithServerShutdownAndExitsZero) {
  LocalServer server;
  SseClient watch(server.port(), "POST", "/api/v1/watch",
                  R"({"event_type":"mars","identifier":{"class":"od"}})");
  ASSERT_TRUE(watch.next());  // connection_established: the stream is registered
  EXPECT_EQ(server.terminate(), 0);
  EXPECT_FALSE(server.running());
  const auto closing = watch.next_non_heartbeat();
  ASSERT_TRUE(closing);
  EXPECT_EQ(closing->name, "connection-closing");
  EXPECT_EQ(closing->json()["reason"], "server_shutdown");
  EXPECT_EQ(closing->json()["message"], "Server is shutting down gracefully");
  EXPECT_FALSE(watch.next(std::chrono::seconds(5)));
  EXPECT_TRUE(watch.ended_gracefully());
}

TEST(LocalServer, RestartKeepsThePortAndForgetsHistory) {
  LocalServer server;
  const int port = server.port();
  ASSERT_EQ(server.post("/api/v1/notification", kMarsNotification).status, 200);
  server.restart();
  EXPECT_EQ(server.port(), port);
  EXPECT_EQ(server.get("/health").status, 200);
  // A restarted in-memory server starts numbering at 1 again and has no history.
  ASSERT_EQ(server.post("/api/v1/notification", kMarsNotification).status, 200);
  SseClient replay(server.port(), "POST", "/api/v1/replay",
                   R"({"event_type":"mars","identifier":{"class":"od"},"from_id":"0"})");
  ASSERT_TRUE(replay.next());  // replay_started
  const auto first = replay.next();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->json()["id"], "mars@1");
}

TEST(LocalServer, KillEndsTheProcessWithoutAGoodbye) {
  LocalServer server;
  SseClient watch(server.port(), "POST", "/api/v1/watch",
                  R"({"event_type":"mars","identifier":{"class":"od"}})");
  ASSERT_TRUE(watch.next());
  server.kill();
  EXPECT_FALSE(server.running());
  EXPECT_FALSE(watch.next_non_heartbeat(std::chrono::seconds(5)));
  EXPECT_FALSE(watch.ended_gracefully());
}

TEST(LocalServer, CountsRequestsPerPathAndForcesStatuses) {
  LocalServer server;
  EXPECT_EQ(server.request_count("/api/v1/notification"), 0);
  const auto armed = server.hook(
      "fail", R"({"route":"/api/v1/notification","status":503,"count":2,"retry_after":"7"})");
  ASSERT_EQ(armed.status, 200) << armed.body;

  for (int i = 0; i < 2; ++i) {
    const auto refused = server.post("/api/v1/notification", kMarsNotification);
    EXPECT_EQ(refused.status, 503);
    EXPECT_EQ(refused.header("Retry-After"), "7");
    EXPECT_TRUE(is_uuid_v4(refused.header("X-Request-ID")));
  }
  EXPECT_EQ(server.post("/api/v1/notification", kMarsNotification).status, 200);
  EXPECT_EQ(server.request_count("/api/v1/notification"), 3);
  EXPECT_EQ(server.request_count("/api/v1/watch"), 0);

  ASSERT_EQ(server.hook("reset").status, 200);
  EXPECT_EQ(server.request_count("/api/v1/notification"), 0);
}

TEST(LocalServer, ThrowsWhenTheServerCannotStart) {
  EXPECT_THROW(LocalServer({"--config", "/nonexistent/config.yaml"}), std::runtime_error);
}

}  // namespace
