// Replay ends, filters and sequence numbering against the real aviso-local-server: `until` by
// sequence (inclusive) and by date (at or before), date starts (at or after), constraint and
// spatial filters, and the gap guard under both server sequence modes (docs/watching.md: jumps
// are normal by default; strict detection is opt-in and sound only on a per-stream counter).
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "aviso/client.hpp"
#include "aviso/watch.hpp"
#include "resilience_support.hpp"
#include "support/local_server.hpp"

namespace aviso::resilience {
namespace {

const std::vector<std::string> kQuickReplay = {"--replay-batch-delay-ms", "0",
                                               "--heartbeat-interval", "0.2"};

// Every notification until the watch ends; a failure is reported as a test failure.
std::vector<Notification> drain(NotificationStream& stream) {
  std::vector<Notification> out;
  try {
    while (std::optional<Notification> next = stream.next(std::chrono::seconds(30))) {
      out.push_back(std::move(*next));
    }
  } catch (const Error& error) {
    ADD_FAILURE() << "the watch failed: " << error.what();
  }
  EXPECT_TRUE(stream.ended()) << "the replay did not end";
  return out;
}

std::vector<std::uint64_t> sequences_of(const std::vector<Notification>& notifications) {
  std::vector<std::uint64_t> out;
  for (const Notification& n : notifications) out.push_back(n.sequence());
  return out;
}

std::vector<std::uint64_t> replay(Client& client, const WatchRequest& request) {
  NotificationStream stream = client.watch(request);
  return sequences_of(drain(stream));
}

TEST(ReplayEnd, UntilSequenceIsInclusiveAndTheStartIsExclusive) {
  test::LocalServer server(kQuickReplay);
  Client client = ClientBuilder(server.url()).build();
  for (int i = 0; i < 10; ++i) publish(client, i);
  EXPECT_EQ(replay(client, WatchRequest::replay_range("mars", ResumeStart::after_sequence(3),
                                                      ReplayEnd::through_sequence(7))
                               .filter(kOd)),
            range(4, 7));
  // An end on the very next sequence delivers exactly one notification.
  EXPECT_EQ(replay(client, WatchRequest::replay_range("mars", ResumeStart::after_sequence(9),
                                                      ReplayEnd::through_sequence(10))
                               .filter(kOd)),
            range(10, 10));
}

TEST(ReplayEnd, AnEndSequenceTheFilterSkipsStillEndsTheReplay) {
  test::LocalServer server(kQuickReplay);
  Client client = ClientBuilder(server.url()).build();
  for (int i = 0; i < 10; ++i) publish(client, i);  // sequence = step + 1
  // Steps 2..4 only; the end (sequence 9, step 8) is never delivered, yet the replay ends.
  EXPECT_EQ(replay(client, WatchRequest::replay_range("mars", ResumeStart::after_sequence(0),
                                                      ReplayEnd::through_sequence(9))
                               .filter({{"class", "od"}, {"step", {{"between", {2, 4}}}}})),
            range(3, 5));
}

TEST(ReplayEnd, UntilDateTakesWhatWasStoredAtOrBeforeIt) {
  test::LocalServer server(kQuickReplay);
  Client client = ClientBuilder(server.url()).build();
  for (int i = 0; i < 6; ++i) publish(client, i);
  std::vector<Notification> all = [&] {
    NotificationStream stream =
        client.watch(WatchRequest::replay_only("mars", ResumeStart::after_sequence(0)).filter(kOd));
    return drain(stream);
  }();
  ASSERT_EQ(sequences_of(all), range(1, 6));
  const std::string time_of_3 = all[2].cloudevent()->at("time").get<std::string>();
  const std::string time_of_4 = all[3].cloudevent()->at("time").get<std::string>();
  ASSERT_NE(time_of_3, time_of_4) << "the test needs distinct storage times";

  // The storage time of 3 as the end: 3 is included, 4 (stored later) is not.
  EXPECT_EQ(replay(client, WatchRequest::replay_range("mars", ResumeStart::after_sequence(0),
                                                      ReplayEnd::through_date(time_of_3))
                               .filter(kOd)),
            range(1, 3));
  // A date start is inclusive: the storage time of 4 starts at 4.
  EXPECT_EQ(replay(client, WatchRequest::replay_range("mars", ResumeStart::at_date(time_of_4),
                                                      ReplayEnd::through_date(time_of_4))
                               .filter(kOd)),
            range(4, 4));
  // The end resolved for a date is kept when notifications arrive later.
  publish(client, 6);
  EXPECT_EQ(replay(client, WatchRequest::replay_range("mars", ResumeStart::at_date(time_of_4),
                                                      ReplayEnd::through_date(time_of_4))
                               .filter(kOd)),
            range(4, 4));
}

TEST(ReplayEnd, AReplayDroppedMidwayResumesUpToTheSameEnd) {
  // Batches of one with a pause between them leave time to drop the stream mid-replay.
  test::LocalServer server({"--replay-batch-size", "1", "--replay-batch-delay-ms", "50"});
  Client client = ClientBuilder(server.url()).build();
  for (int i = 0; i < 12; ++i) publish(client, i);
  NotificationStream stream =
      client.watch(WatchRequest::replay_range("mars", ResumeStart::after_sequence(0),
                                              ReplayEnd::through_sequence(10))
                       .filter(kOd));
  std::vector<std::uint64_t> seen = take(stream, 3);
  ASSERT_EQ(server.hook("drop-streams").status, 200);
  for (const Notification& n : drain(stream)) seen.push_back(n.sequence());
  EXPECT_EQ(seen, range(1, 10));
  EXPECT_GE(server.request_count("/api/v1/replay"), 2);
}

TEST(Filters, ConstraintObjectsSelectOnTheServer) {
  test::LocalServer server(kQuickReplay);
  Client client = ClientBuilder(server.url()).build();
  for (int i = 0; i < 10; ++i) publish(client, i);  // sequence = step + 1
  auto with_step = [](nlohmann::json constraint) {
    return WatchRequest::replay_only("mars", ResumeStart::after_sequence(0))
        .filter({{"class", "od"}, {"step", std::move(constraint)}});
  };
  EXPECT_EQ(replay(client, with_step({{"gte", 6}})), range(7, 10));
  EXPECT_EQ(replay(client, with_step({{"in", {1, 5}}})), (std::vector<std::uint64_t>{2, 6}));
  EXPECT_EQ(replay(client, with_step({{"between", {2, 4}}})), range(3, 5));
  EXPECT_EQ(replay(client, with_step({{"lt", 2}})), range(1, 2));
}

TEST(Filters, AConstraintFiltersLiveNotificationsToo) {
  test::LocalServer server(kQuickReplay);
  Client client = ClientBuilder(server.url()).build();
  NotificationStream stream =
      client.watch(WatchRequest::watch_from("mars", ResumeStart::after_sequence(0))
                       .filter({{"class", "od"}, {"step", {{"gte", 6}}}}));
  for (int i = 0; i < 10; ++i) publish(client, i);
  EXPECT_EQ(take(stream, 4), range(7, 10));
  // Nothing else matches, so the watch has nothing more to say.
  EXPECT_EQ(stream.next(std::chrono::milliseconds(200)), std::nullopt);
}

void publish_area(Client& client, const std::string& time, const std::string& polygon) {
  NotificationRequest request("test_polygon");
  request.with_identifier({{"date", "20260601"}, {"time", time}, {"polygon", polygon}})
      .with_payload({{"area", polygon}});
  client.notify(request);
}

TEST(Filters, PolygonsIntersectAndPointsFallInside) {
  test::LocalServer server(kQuickReplay);
  Client client = ClientBuilder(server.url()).build();
  publish_area(client, "0000", "(10,10,10,20,20,20,20,10,10,10)");  // 1: lat/lon 10..20
  publish_area(client, "0100", "(50,50,50,60,60,60,60,50,50,50)");  // 2: lat/lon 50..60
  publish_area(client, "0200", "(15,15,15,25,25,25,25,15,15,15)");  // 3: lat/lon 15..25
  auto area_replay = [](nlohmann::json spatial) {
    return WatchRequest::replay_only("test_polygon", ResumeStart::after_sequence(0))
        .filter(std::move(spatial));
  };
  EXPECT_EQ(replay(client, area_replay({{"polygon", "(18,18,18,22,22,22,22,18,18,18)"}})),
            (std::vector<std::uint64_t>{1, 3}));
  EXPECT_EQ(replay(client, area_replay({{"point", "55,55"}})), range(2, 2));
  EXPECT_EQ(replay(client, area_replay({{"point", "(12, 12)"}})), range(1, 1));
  EXPECT_EQ(replay(client, area_replay({{"point", "0,0"}})), std::vector<std::uint64_t>{});
}

// Two unfiltered event types, written to a config file for the server.
std::string write_two_stream_config() {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("aviso-resilience-schema-" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(path) << "notification_schema:\n"
                         "  flood:\n"
                         "    topic: {base: flood, key_order: [basin]}\n"
                         "    identifier:\n"
                         "      basin: {type: StringHandler, required: false}\n"
                         "    payload: {required: false}\n"
                         "  fire:\n"
                         "    topic: {base: fire, key_order: [region]}\n"
                         "    identifier:\n"
                         "      region: {type: StringHandler, required: false}\n"
                         "    payload: {required: false}\n";
  return path.string();
}

// flood and fire alternate: flood gets 1,3,5,7 on a global counter, 1,2,3,4 per stream.
void publish_interleaved(Client& client) {
  for (int i = 0; i < 4; ++i) {
    client.notify(
        NotificationRequest("flood").with_identifier({{"basin", "b" + std::to_string(i)}}));
    client.notify(
        NotificationRequest("fire").with_identifier({{"region", "r" + std::to_string(i)}}));
  }
}

class SequenceModes : public ::testing::Test {
 protected:
  void TearDown() override { std::filesystem::remove(config_); }
  std::vector<std::string> args(const std::string& mode) const {
    return {"--config",
            config_,
            "--sequence-mode",
            mode,
            "--heartbeat-interval",
            "0.2",
            "--replay-batch-delay-ms",
            "0"};
  }
  std::string config_ = write_two_stream_config();
};

WatchRequest unfiltered_flood(bool strict) {
  return WatchRequest::watch_from("flood", ResumeStart::after_sequence(0))
      .strict_gap_detection(strict);
}

TEST_F(SequenceModes, AGlobalCounterIsNoGapByDefaultInReplayAndLive) {
  test::LocalServer server(args("global"));
  Client client = ClientBuilder(server.url()).build();
  publish_interleaved(client);
  NotificationStream stream = client.watch(unfiltered_flood(false));
  EXPECT_EQ(take(stream, 4), (std::vector<std::uint64_t>{1, 3, 5, 7}));
  publish_interleaved(client);  // live now: flood 9, 11, 13, 15
  EXPECT_EQ(take(stream, 4), (std::vector<std::uint64_t>{9, 11, 13, 15}));
  EXPECT_FALSE(stream.ended());
}

TEST_F(SequenceModes, StrictDetectionOnAGlobalCounterReportsTheJump) {
  test::LocalServer server(args("global"));
  Client client = ClientBuilder(server.url()).build();
  publish_interleaved(client);
  NotificationStream stream = client.watch(unfiltered_flood(true));
  EXPECT_EQ(take(stream, 1), range(1, 1));
  std::optional<Error> error = end_error(stream);
  ASSERT_TRUE(error) << "strict detection missed the jump from 1 to 3";
  EXPECT_EQ(error->kind(), AvisoErrorKind_HistoryGap);
  EXPECT_NE(std::string(error->what()).find("expected 2, observed 3"), std::string::npos)
      << error->what();
}

TEST_F(SequenceModes, StrictDetectionOnAPerStreamCounterStaysQuiet) {
  test::LocalServer server(args("per-stream"));
  Client client = ClientBuilder(server.url()).build();
  publish_interleaved(client);
  NotificationStream stream = client.watch(unfiltered_flood(true));
  EXPECT_EQ(take(stream, 4), range(1, 4));
  ASSERT_EQ(server.hook("drop-streams").status, 200);  // a new connection, a new guard
  publish_interleaved(client);
  EXPECT_EQ(take(stream, 4), range(5, 8));
  EXPECT_FALSE(stream.ended());
}

TEST_F(SequenceModes, AFilteredStreamOnAPerStreamCounterIsNoGap) {
  test::LocalServer server(args("per-stream"));
  Client client = ClientBuilder(server.url()).build();
  publish_interleaved(client);
  NotificationStream stream = client.watch(
      WatchRequest::watch_from("flood", ResumeStart::after_sequence(0)).filter({{"basin", "b2"}}));
  EXPECT_EQ(take(stream, 1), range(3, 3));
  client.notify(NotificationRequest("flood").with_identifier({{"basin", "b9"}}));
  client.notify(NotificationRequest("flood").with_identifier({{"basin", "b2"}}));
  EXPECT_EQ(take(stream, 1), range(6, 6));
  EXPECT_FALSE(stream.ended());
}

}  // namespace
}  // namespace aviso::resilience
