#include "listener_request.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "command_error.hpp"
#include "listener_banner.hpp"

namespace aviso::cli {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;

ListenerSpec mars_od() {
  ListenerSpec spec;
  spec.name = "mars-od";
  spec.event = "mars";
  spec.identifiers = {{"class", "od"}, {"step", {{"in", {6, 12}}}}};
  spec.triggers.emplace_back(EchoTriggerConfig{});
  spec.triggers.emplace_back(CommandTriggerConfig{{}, "true", {}, {}});
  return spec;
}

TEST(ListenRequest, WithoutAStartWatchesLiveWithTheFilterAndTriggers) {
  const auto request = listen_request(mars_od(), 0ms);
  EXPECT_EQ(request.event_type(), "mars");
  EXPECT_EQ(request.mode(), aviso::WatchMode::Watch);
  EXPECT_FALSE(request.from().has_value());
  EXPECT_EQ(request.filter(), mars_od().identifiers);
  ASSERT_EQ(request.triggers().size(), 2u);
  EXPECT_FALSE(request.startup_timeout().has_value());
}

TEST(ListenRequest, FromIdStartsAfterThatSequenceAndFromDateAtThatDate) {
  ListenerSpec spec = mars_od();
  spec.from_id = 41;
  EXPECT_EQ(listen_request(spec, 0ms).from(), aviso::ResumeStart::after_sequence(41));
  spec.from_id.reset();
  spec.from_date = "2026-05-01T00:00:00Z";
  EXPECT_EQ(listen_request(spec, 0ms).from(), aviso::ResumeStart::at_date("2026-05-01T00:00:00Z"));
}

TEST(ListenRequest, StartupTimeoutIsSetOnlyWhenNotZero) {
  EXPECT_EQ(listen_request(mars_od(), 30s).startup_timeout(), std::chrono::milliseconds(30000));
}

TEST(ReplayRequest, SequenceBoundsBecomeAReplayRange) {
  ListenerSpec spec = mars_od();
  spec.from_id = 100;  // ignored: --from decides
  const auto request = replay_request(spec, Position::of_sequence(1), Position::of_sequence(2));
  EXPECT_EQ(request.mode(), aviso::WatchMode::ReplayOnly);
  EXPECT_EQ(request.from(), aviso::ResumeStart::after_sequence(1));
  EXPECT_EQ(request.until(), aviso::ReplayEnd::through_sequence(2));
  EXPECT_EQ(request.filter(), spec.identifiers);
}

TEST(ReplayRequest, DatesPassThroughInWireForm) {
  const auto request = replay_request(mars_od(), Position::of_date("2026-05-01T00:00:00.000000Z"),
                                      Position::of_date("2026-05-02T00:00:00.000000Z"));
  EXPECT_EQ(request.from(), aviso::ResumeStart::at_date("2026-05-01T00:00:00.000000Z"));
  EXPECT_EQ(request.until(), aviso::ReplayEnd::through_date("2026-05-02T00:00:00.000000Z"));
}

TEST(ReplayRequest, WithoutUntilItEndsWithTheHistory) {
  const auto request = replay_request(mars_od(), Position::of_sequence(0), std::nullopt);
  EXPECT_EQ(request.mode(), aviso::WatchMode::ReplayOnly);
  EXPECT_FALSE(request.until().has_value());
}

TEST(ReplayRequest, AnUntilNotAfterFromIsAUsageError) {
  for (const std::uint64_t until : {0, 4, 5}) {
    try {
      replay_request(mars_od(), Position::of_sequence(5), Position::of_sequence(until));
      ADD_FAILURE() << "accepted --until " << until;
    } catch (const CommandError& error) {
      EXPECT_EQ(error.kind(), CommandError::Kind::Usage);
      EXPECT_THAT(error.summary(), HasSubstr("is not after --from 5"));
    }
  }
  EXPECT_NO_THROW(replay_request(mars_od(), Position::of_sequence(5), Position::of_sequence(6)));
}

TEST(ListenerBanner, NamesListenerEventFilterTriggersAndStart) {
  const ListenerSpec spec = mars_od();
  const auto record =
      listener_banner(spec, listen_request(spec, 0ms), CursorStore{"state file /s/state.json", 12});
  EXPECT_EQ(record.event_name, "cli.listener.started");
  EXPECT_EQ(record.level, LogLevel::Info);
  EXPECT_EQ(record.body,
            "listener `mars-od`: event mars, filter {\"class\":\"od\",\"step\":{\"in\":[6,12]}}, "
            "triggers echo, command; resumes after stored sequence 12 (state file "
            "/s/state.json)");
}

TEST(ListenerBanner, SaysWhereEachKindOfStartBegins) {
  ListenerSpec spec = mars_od();
  const CursorStore empty{"state file /s", std::nullopt};
  EXPECT_EQ(describe_start(listen_request(spec, 0ms), empty),
            "starts live: no stored position (state file /s)");
  spec.from_id = 41;
  EXPECT_EQ(describe_start(listen_request(spec, 0ms), CursorStore{"state file /s", 50}),
            "starts after sequence 41; the stored sequence 50 is kept until passed (state file "
            "/s)");
  EXPECT_EQ(describe_start(replay_request(spec, Position::of_sequence(1), std::nullopt), {}),
            "replays after sequence 1 through the end of the history retained now");
  EXPECT_EQ(describe_start(replay_request(spec, Position::of_date("2026-05-01T00:00:00.000000Z"),
                                          Position::of_sequence(9)),
                           {}),
            "replays at 2026-05-01T00:00:00.000000Z through sequence 9");
}

}  // namespace
}  // namespace aviso::cli
