// SSE streams against the real binary: headers and framing (protocol 2.1-2.2), event order of
// 2.5, the 7.3 streaming exchanges (E7-E9), the to_id/to_date extension, sequence modes and
// retention flags, and the stream test hooks.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <fstream>
#include <memory>

#include "server/sse_client.hpp"
#include "support/local_server.hpp"

namespace {

using aviso::server_test::SseClient;
using aviso::server_test::SseEvent;
using aviso::test::LocalServer;
using nlohmann::json;
using std::chrono::milliseconds;

std::string mars(const std::string& step, const std::string& cls = "od") {
  return json{{"event_type", "mars"},
              {"identifier",
               {{"class", cls},
                {"expver", "1"},
                {"domain", "G"},
                {"date", "2025-07-06"},
                {"time", "12:00"},
                {"stream", "enfo"},
                {"step", step}}},
              {"payload", {{"step", step}}}}
      .dump();
}

void publish(const LocalServer& server, const std::string& body) {
  const auto reply = server.post("/api/v1/notification", body);
  ASSERT_EQ(reply.status, 200) << reply.body;
}

// Reads events up to and including the first one named `last` (heartbeats skipped).
std::vector<SseEvent> until(SseClient& client, const std::string& last) {
  std::vector<SseEvent> events;
  while (auto event = client.next_non_heartbeat()) {
    events.push_back(*event);
    if (event->name == last) break;
  }
  return events;
}

const char* kWatchOd = R"({"event_type":"mars","identifier":{"class":"od"}})";

TEST(SseStream, HeadersAndFramingAreExact) {
  LocalServer server;
  SseClient watch(server.port(), "POST", "/api/v1/watch", kWatchOd);
  EXPECT_EQ(watch.status(), 200);
  EXPECT_EQ(watch.header("content-type"), "text/event-stream");
  EXPECT_EQ(watch.header("cache-control"), "no-cache");
  EXPECT_EQ(watch.header("connection"), "keep-alive");
  EXPECT_EQ(watch.header("access-control-allow-origin"), "*");
  EXPECT_EQ(watch.header("x-accel-buffering"), "no");
  EXPECT_EQ(watch.header("transfer-encoding"), "chunked");
  EXPECT_TRUE(watch.header("content-length").empty());
  const auto established = watch.next();
  ASSERT_TRUE(established);
  EXPECT_EQ(established->name, "live-notification");
  const json data = established->json();
  EXPECT_EQ(data["request_id"], watch.header("x-request-id"));
  EXPECT_EQ(data["connection_will_close_in_seconds"], 3600);
  EXPECT_EQ(data["topic"], "mars.od.*.*.*.*.*.*");
  // Compact single-line JSON with sorted keys, exactly as the server serialises it.
  EXPECT_EQ(established->data, data.dump());
  const auto heartbeat = watch.next();
  ASSERT_TRUE(heartbeat);
  EXPECT_EQ(heartbeat->name, "heartbeat");
  EXPECT_EQ(heartbeat->json().size(), 2U);
}

TEST(SseStream, E7LiveWatchWithAConstraintHeartbeatsAndMaxDuration) {
  LocalServer server({"--heartbeat-interval", "0.2", "--max-duration", "1.5"});
  SseClient watch(server.port(), "POST", "/api/v1/watch",
                  R"({"event_type":"mars","identifier":{"class":"od","step":{"gte":6}}})");
  ASSERT_EQ(watch.next()->json()["type"], "connection_established");
  publish(server, mars("3"));
  publish(server, mars("6"));
  std::vector<SseEvent> events;
  while (auto event = watch.next()) events.push_back(*event);
  EXPECT_TRUE(watch.ended_gracefully());
  ASSERT_GE(events.size(), 3U);
  EXPECT_EQ(events.front().name, "heartbeat");  // right after connection_established
  int heartbeats = 0, notifications = 0;
  for (const auto& event : events) {
    heartbeats += event.name == "heartbeat";
    if (event.name == "live-notification") {
      ++notifications;
      EXPECT_EQ(event.json()["id"], "mars@2");  // step 3 (mars@1) is filtered out
      EXPECT_EQ(event.json()["type"], "int.ecmwf.aviso.mars");
      EXPECT_EQ(event.json()["data"]["identifier"]["domain"], "g");
    }
  }
  EXPECT_EQ(notifications, 1);
  EXPECT_GE(heartbeats, 2);
  EXPECT_EQ(events.back().name, "connection-closing");
  EXPECT_EQ(events.back().json()["reason"], "max_duration_reached");
  EXPECT_EQ(events.back().json()["message"], "Connection reached maximum duration");
}

TEST(SseStream, E8WatchFromIdReplaysThenGoesLive) {
  LocalServer server({"--max-history-per-topic", "10"});
  for (const char* step : {"1", "2", "3"}) publish(server, mars(step));
  publish(server, mars("4", "rd"));  // mars@4: another filter
  SseClient watch(server.port(), "POST", "/api/v1/watch",
                  R"({"event_type":"mars","identifier":{"class":"od"},"from_id":"2"})");
  const auto started = watch.next();
  ASSERT_TRUE(started);
  EXPECT_EQ(started->name, "replay-control");
  EXPECT_EQ(started->json()["type"], "replay_started");
  EXPECT_EQ(started->json()["from_sequence"], 2);
  EXPECT_EQ(started->json()["from_date"], nullptr);
  EXPECT_EQ(started->json()["batch_size"], 100);
  EXPECT_FALSE(started->json().contains("end_sequence"));
  EXPECT_EQ(watch.next()->name, "heartbeat");
  const auto replayed = until(watch, "replay-control");
  ASSERT_EQ(replayed.size(), 3U);
  EXPECT_EQ(replayed[0].name, "replay");
  EXPECT_EQ(replayed[0].json()["id"], "mars@2");
  EXPECT_EQ(replayed[1].json()["id"], "mars@3");
  EXPECT_EQ(replayed[2].json()["type"], "replay_completed");
  publish(server, mars("5"));
  const auto live = watch.next_non_heartbeat();
  ASSERT_TRUE(live);
  EXPECT_EQ(live->name, "live-notification");
  EXPECT_EQ(live->json()["id"], "mars@5");
}

TEST(SseStream, ReplayComesInBatchesAndLiveEventsWaitForReplayCompleted) {
  LocalServer server({"--max-history-per-topic", "100", "--replay-batch-size", "2",
                      "--replay-batch-delay-ms", "150"});
  for (int step = 0; step < 7; ++step) publish(server, mars(std::to_string(step)));
  SseClient watch(server.port(), "POST", "/api/v1/watch",
                  R"({"event_type":"mars","identifier":{"class":"od"},"from_id":"0"})");
  EXPECT_EQ(watch.next()->json()["batch_size"], 2);
  publish(server, mars("99"));  // stored while the replay runs: held back until it completes
  const auto events = until(watch, "live-notification");
  std::vector<std::string> ids;
  bool completed = false;
  for (const auto& event : events) {
    if (event.name == "replay-control") completed = event.json()["type"] == "replay_completed";
    if (event.name == "live-notification") {
      EXPECT_TRUE(completed) << "live event before replay_completed";
    }
    if (event.name == "replay" || event.name == "live-notification")
      ids.push_back(event.json()["id"]);
  }
  ASSERT_GE(ids.size(), 8U);
  for (std::size_t i = 0; i < 7; ++i) EXPECT_EQ(ids[i], "mars@" + std::to_string(i + 1));
  EXPECT_EQ(ids.back(), "mars@8");
}

TEST(SseStream, ReplayEndpointHasNoHeartbeatsAndEndsWithEndOfStream) {
  LocalServer server({"--heartbeat-interval", "0.05", "--max-history-per-topic", "5"});
  publish(server, mars("1"));
  SseClient replay(server.port(), "POST", "/api/v1/replay",
                   R"({"event_type":"mars","identifier":{"class":"od"},"from_id":"1"})");
  std::vector<SseEvent> events;
  while (auto event = replay.next()) events.push_back(*event);
  EXPECT_TRUE(replay.ended_gracefully());
  ASSERT_EQ(events.size(), 4U);
  EXPECT_EQ(events[0].json()["type"], "replay_started");
  EXPECT_EQ(events[1].name, "replay");
  EXPECT_EQ(events[2].json()["type"], "replay_completed");
  EXPECT_EQ(events[3].name, "connection-closing");
  EXPECT_EQ(events[3].json()["reason"], "end_of_stream");
  EXPECT_EQ(events[3].json()["message"], "Stream completed");
  EXPECT_EQ(events[3].json()["request_id"], replay.header("x-request-id"));
}

TEST(SseStream, E9ReplayByDateWithAPointFilter) {
  LocalServer server({"--max-history-per-topic", "5"});
  const std::string inside = "(50.0,10.0,52.0,10.0,52.0,12.0,50.0,12.0,50.0,10.0)";
  const std::string elsewhere = "(0,0,1,0,1,1,0,1,0,0)";
  for (const auto& polygon : {inside, elsewhere}) {
    publish(server,
            json{{"event_type", "test_polygon"},
                 {"identifier", {{"date", "20250706"}, {"time", "1200"}, {"polygon", polygon}}},
                 {"payload", {{"note", polygon == inside ? "inside" : "outside"}}}}
                .dump());
  }
  SseClient replay(
      server.port(), "POST", "/api/v1/replay",
      R"({"event_type":"test_polygon","identifier":{"time":"1200","point":"51.0,11.0"},"from_date":"1781082000000"})");
  std::vector<SseEvent> events;
  while (auto event = replay.next()) events.push_back(*event);
  ASSERT_EQ(events.size(), 4U);
  EXPECT_EQ(events[0].json()["from_date"], "2026-06-10T09:00:00Z");
  EXPECT_EQ(events[0].json()["from_sequence"], nullptr);
  EXPECT_EQ(events[0].json()["topic"], "polygon.*.1200");
  const json cloud_event = events[1].json();
  EXPECT_EQ(cloud_event["data"],
            json({{"identifier", {{"date", "20250706"}, {"polygon", inside}, {"time", "1200"}}},
                  {"payload", {{"note", "inside"}}}}));
  EXPECT_EQ(cloud_event["dataschema"], "http://localhost/schema/test_polygon");
  EXPECT_EQ(cloud_event["source"], "http://localhost");
  EXPECT_EQ(cloud_event["specversion"], "1.0");
  EXPECT_EQ(cloud_event["datacontenttype"], "application/json");
  EXPECT_EQ(events[3].json()["reason"], "end_of_stream");
}

TEST(SseStream, ToIdEndsTheReplayAndReportsTheEndSequence) {
  LocalServer server({"--max-history-per-topic", "10"});
  for (const char* step : {"1", "2", "3", "4"}) publish(server, mars(step));
  for (const char* path : {"/api/v1/replay", "/api/v1/watch"}) {
    SseClient client(
        server.port(), "POST", path,
        R"({"event_type":"mars","identifier":{"class":"od"},"from_id":"2","to_id":"3"})");
    const auto started = client.next();
    ASSERT_TRUE(started);
    EXPECT_EQ(started->json()["end_sequence"], 3);
    const auto events = until(client, "connection-closing");
    std::vector<std::string> ids;
    for (const auto& event : events) {
      if (event.name == "replay") ids.push_back(event.json()["id"]);
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"mars@2", "mars@3"})) << path;
    EXPECT_EQ(events.back().json()["reason"], "end_of_stream") << path;
  }
}

TEST(SseStream, PerStreamSequencesAndEventBaseUrl) {
  LocalServer server(
      {"--sequence-mode", "per-stream", "--base-url-for-events", "https://aviso.example"});
  SseClient watch(server.port(), "POST", "/api/v1/watch", kWatchOd);
  ASSERT_TRUE(watch.next());
  publish(server, json{{"event_type", "dissemination"},
                       {"identifier",
                        {{"destination", "X"},
                         {"target", "t"},
                         {"class", "od"},
                         {"expver", "1"},
                         {"domain", "g"},
                         {"date", "20250706"},
                         {"time", "1200"},
                         {"stream", "enfo"},
                         {"step", 6}}},
                       {"payload", "p"}}
                      .dump());
  publish(server, mars("6"));
  const auto event = watch.next_non_heartbeat();
  ASSERT_TRUE(event);
  EXPECT_EQ(event->json()["id"], "mars@1");  // diss counted on its own
  EXPECT_EQ(event->json()["source"], "https://aviso.example");
  EXPECT_EQ(event->json()["dataschema"], "https://aviso.example/schema/mars");
}

TEST(SseStream, DeleteAndWipeNeverDisconnectWatchers) {
  LocalServer server;
  SseClient watch(server.port(), "POST", "/api/v1/watch", kWatchOd);
  ASSERT_TRUE(watch.next());
  publish(server, mars("1"));
  EXPECT_EQ(server.del("/api/v1/admin/notification/mars@1").status, 200);
  EXPECT_EQ(server.del("/api/v1/admin/wipe/all").status, 200);
  publish(server, mars("2"));
  std::vector<std::string> ids;
  while (ids.size() < 2) {
    const auto event = watch.next_non_heartbeat();
    ASSERT_TRUE(event);
    ids.push_back(event->json()["id"]);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"mars@1", "mars@2"}));
}

TEST(TestHooks, DropInjectCloseAndPause) {
  LocalServer server({"--heartbeat-interval", "0.05"});
  {
    SseClient watch(server.port(), "POST", "/api/v1/watch", kWatchOd);
    ASSERT_TRUE(watch.next());
    EXPECT_EQ(
        json::parse(
            server.hook("inject-error", R"({"error":"stream_processing_failed","message":"boom"})")
                .body)["streams"],
        1);
    const auto error = watch.next_non_heartbeat();
    ASSERT_TRUE(error);
    EXPECT_EQ(error->name, "error");
    EXPECT_EQ(error->json(), json({{"error", "stream_processing_failed"},
                                   {"message", "boom"},
                                   {"request_id", watch.header("x-request-id")},
                                   {"topic", "mars.od.*.*.*.*.*.*"}}));
    EXPECT_EQ(json::parse(server.hook("drop-streams").body)["dropped"], 1);
    EXPECT_FALSE(watch.next_non_heartbeat());
    EXPECT_FALSE(watch.ended_gracefully());
    EXPECT_TRUE(watch.connection_closed());
  }
  {
    SseClient watch(server.port(), "POST", "/api/v1/watch", kWatchOd);
    ASSERT_TRUE(watch.next());
    ASSERT_EQ(
        server.hook("close-streams", R"({"reason":"brand_new_reason","message":"bye"})").status,
        200);
    const auto closing = watch.next_non_heartbeat();
    ASSERT_TRUE(closing);
    EXPECT_EQ(closing->json()["reason"], "brand_new_reason");
    EXPECT_EQ(closing->json()["message"], "bye");
    EXPECT_FALSE(watch.next());
    EXPECT_TRUE(watch.ended_gracefully());
  }
  {
    SseClient watch(server.port(), "POST", "/api/v1/watch", kWatchOd);
    ASSERT_TRUE(watch.next());
    EXPECT_EQ(json::parse(server.hook("pause-heartbeats", R"({"seconds":60})").body)["streams"], 1);
    // Whatever was already queued may still arrive; after that the stream stays silent.
    while (auto event = watch.next(milliseconds(200))) EXPECT_EQ(event->name, "heartbeat");
    EXPECT_FALSE(watch.next(milliseconds(500)));
    publish(server, mars("1"));
    const auto event = watch.next();
    ASSERT_TRUE(event);
    EXPECT_EQ(event->name, "live-notification");
  }
  EXPECT_EQ(server.hook("no-such-hook").status, 404);
  EXPECT_EQ(server.hook("close-streams", "{}").status, 400);
}

TEST(BadInput, TheServerKeepsServingAfterEveryRejection) {
  LocalServer server;
  const std::vector<std::pair<std::string, std::string>> bad_bodies = {
      {"/api/v1/notification", "{not json"},
      {"/api/v1/notification", R"({"event_type":"mars","identifier":{"class":5.5}})"},
      {"/api/v1/watch", R"({"event_type":"mars","identifier":{"class":"od"},"from_id":"-1"})"},
      {"/api/v1/watch",
       R"({"event_type":"mars","identifier":{"class":"od"},"from_date":"someday"})"},
      {"/api/v1/watch", R"({"event_type":"test_polygon","identifier":{"polygon":"(1,2,3"}})"},
      {"/api/v1/replay", R"({"event_type":"mars","identifier":{"class":"od"},"extra":1})"},
  };
  for (const auto& [path, body] : bad_bodies) {
    const auto reply = server.post(path, body);
    EXPECT_EQ(reply.status, 400) << body;
    EXPECT_EQ(json::parse(reply.body)["request_id"], reply.header("X-Request-ID"));
  }
  SseClient too_big(server.port(), "POST", "/api/v1/notification", std::string(300 * 1024, 'x'));
  EXPECT_EQ(too_big.status(), 413);
  EXPECT_FALSE(too_big.header("x-request-id").empty());
  EXPECT_EQ(server.get("/api/v1/watch").status, 405);
  EXPECT_FALSE(server.get("/api/v1/watch").header("X-Request-ID").empty());
  EXPECT_EQ(server.get("/api/v2/nothing").status, 404);
  EXPECT_FALSE(server.get("/api/v2/nothing").header("X-Request-ID").empty());
  EXPECT_EQ(server.get("/health").status, 200);
  publish(server, mars("6"));
}

TEST(Configuration, ConfigFileReplacesTheBuiltInSchema) {
  const std::string path = ::testing::TempDir() + "/aviso_server_config.yaml";
  std::ofstream(path) << R"(
notification_schema:
  flood:
    topic: {base: flood, key_order: [basin]}
    identifier:
      basin: {type: StringHandler, required: true}
watch_endpoint:
  connection_max_duration_sec: 42
application:
  base_url: http://config.example
)";
  LocalServer server({"--config", path});
  EXPECT_EQ(json::parse(server.get("/api/v1/schema").body)["event_types"], json({"flood"}));
  SseClient watch(server.port(), "POST", "/api/v1/watch",
                  R"({"event_type":"flood","identifier":{"basin":"rhine"}})");
  EXPECT_EQ(watch.next()->json()["connection_will_close_in_seconds"], 42);
  EXPECT_EQ(server.post("/api/v1/notification", mars("1")).status, 400);  // mars is not configured
}

TEST(Configuration, BadConfigurationStopsStartup) {
  const std::string path = ::testing::TempDir() + "/aviso_server_bad_config.yaml";
  std::ofstream(path) << "notification_schema:\n  x:\n    topic: {base: x, key_order: [a]}\n"
                         "    identifier:\n      a: {type: DateHandler}\n";
  EXPECT_THROW(LocalServer({"--config", path}), std::runtime_error);
  EXPECT_THROW(LocalServer({"--sequence-mode", "sometimes"}), std::runtime_error);
}

TEST(Scale, AThousandWatchersEachReceiveTheNotification) {
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur < 4096 && limit.rlim_max >= 4096) {
    limit.rlim_cur = 4096;
    setrlimit(RLIMIT_NOFILE, &limit);  // the server inherits the raised limit
  }
  ASSERT_GE(limit.rlim_cur, 2100U) << "cannot open enough descriptors";
  LocalServer server({"--heartbeat-interval", "600"});
  constexpr int kWatchers = 1000;
  std::vector<std::unique_ptr<SseClient>> watchers;
  for (int i = 0; i < kWatchers; ++i) {
    watchers.push_back(
        std::make_unique<SseClient>(server.port(), "POST", "/api/v1/watch", kWatchOd));
    ASSERT_EQ(watchers.back()->status(), 200);
  }
  for (auto& watcher : watchers) ASSERT_TRUE(watcher->next());  // connection_established
  publish(server, mars("6"));
  int delivered = 0;
  for (auto& watcher : watchers) {
    const auto event = watcher->next_non_heartbeat();
    delivered += event && event->json()["id"] == "mars@1";
  }
  EXPECT_EQ(delivered, kWatchers);
  EXPECT_EQ(json::parse(server.get("/_test/requests").body)["open_streams"], kWatchers);
}

}  // namespace
