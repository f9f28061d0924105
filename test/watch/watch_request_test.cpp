#include "aviso/watch_request.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "aviso/error.hpp"

namespace {

using aviso::ReplayEnd;
using aviso::ResumeStart;
using aviso::WatchMode;
using aviso::WatchRequest;

aviso::Error check_error(const WatchRequest& request) {
  try {
    aviso::check_watch_request(request);
  } catch (const aviso::Error& error) {
    return error;
  }
  ADD_FAILURE() << "check_watch_request accepted the request";
  return aviso::Error::internal("accepted");
}

TEST(WatchRequest, ConstructorsSetModeStartAndEnd) {
  const auto live = WatchRequest::watch("mars");
  EXPECT_EQ(live.mode(), WatchMode::Watch);
  EXPECT_FALSE(live.from());
  EXPECT_FALSE(live.until());
  EXPECT_TRUE(live.filter().is_object() && live.filter().empty());

  const auto from = WatchRequest::watch_from("mars", ResumeStart::after_sequence(41));
  EXPECT_EQ(from.mode(), WatchMode::Watch);
  EXPECT_EQ(from.from(), ResumeStart::after_sequence(41));

  const auto replay = WatchRequest::replay_only("mars", ResumeStart::at_date("2026-01-01"));
  EXPECT_EQ(replay.mode(), WatchMode::ReplayOnly);
  EXPECT_EQ(replay.from()->date(), "2026-01-01");

  const auto range = WatchRequest::replay_range("mars", ResumeStart::after_sequence(0),
                                                ReplayEnd::through_sequence(9));
  EXPECT_EQ(range.mode(), WatchMode::ReplayOnly);
  EXPECT_EQ(range.until(), ReplayEnd::through_sequence(9));
}

TEST(WatchRequest, FacadeConstructorIsALiveWatch) {
  const WatchRequest request(std::string("mars"));
  EXPECT_EQ(request.event_type(), "mars");
  EXPECT_EQ(request.mode(), WatchMode::Watch);
  EXPECT_FALSE(request.from());
}

TEST(WatchRequest, FacadeFromSequenceIsExclusiveAndLastSetterWins) {
  WatchRequest request("mars");
  request.watch_from_sequence(41);
  EXPECT_EQ(request.mode(), WatchMode::Watch);
  EXPECT_EQ(request.from(), ResumeStart::after_sequence(41));
  request.replay_from_date("2026-02-25T18:58:23Z");
  EXPECT_EQ(request.mode(), WatchMode::ReplayOnly);
  EXPECT_EQ(request.from(), ResumeStart::at_date("2026-02-25T18:58:23Z"));
  request.replay_from_sequence(3).until_sequence(9);
  EXPECT_EQ(request.from(), ResumeStart::after_sequence(3));
  EXPECT_EQ(request.until(), ReplayEnd::through_sequence(9));
  request.watch_from_date("2026-01-01");
  EXPECT_EQ(request.mode(), WatchMode::Watch);
}

TEST(WatchRequest, SettingTheFilterReplacesIt) {
  auto request = WatchRequest::watch("mars");
  request.filter({{"country", "UK"}, {"class", "od"}});
  request.filter({{"stream", {{"in", {"enfo", "oper"}}}}});
  EXPECT_EQ(request.filter(), (nlohmann::json{{"stream", {{"in", {"enfo", "oper"}}}}}));
  request.filter_json(R"({"step": 6})");
  EXPECT_EQ(request.filter(), (nlohmann::json{{"step", 6}}));
}

TEST(WatchRequest, FilterMustBeAnObject) {
  auto request = WatchRequest::watch("mars");
  try {
    request.filter(nlohmann::json::array({1, 2}));
    FAIL();
  } catch (const aviso::Error& error) {
    EXPECT_EQ(error.kind(), AvisoErrorKind_InvalidInput);
    EXPECT_NE(std::string(error.what()).find("not array"), std::string::npos) << error.what();
  }
  try {
    request.filter_json("{\"country\": ");
    FAIL();
  } catch (const aviso::Error& error) {
    EXPECT_EQ(error.kind(), AvisoErrorKind_InvalidInput);
    EXPECT_NE(std::string(error.what()).find("filter_json is not valid JSON"), std::string::npos);
  }
  try {
    request.filter_json("\"UK\"");
    FAIL();
  } catch (const aviso::Error& error) {
    EXPECT_NE(std::string(error.what()).find("filter_json must be a JSON object, not string"),
              std::string::npos)
        << error.what();
  }
  EXPECT_TRUE(request.filter().empty());  // a rejected filter leaves the old one
}

TEST(WatchRequest, ZeroStartupTimeoutMeansNone) {
  auto request = WatchRequest::watch("mars");
  EXPECT_FALSE(request.startup_timeout());
  request.startup_timeout(std::chrono::seconds(2));
  EXPECT_EQ(request.startup_timeout(), std::chrono::milliseconds(2000));
  request.startup_timeout(std::chrono::milliseconds(0));
  EXPECT_FALSE(request.startup_timeout());
}

TEST(WatchRequest, StrictGapDetectionIsOptIn) {
  auto request = WatchRequest::watch("mars");
  EXPECT_FALSE(request.strict_gap_detection());
  EXPECT_TRUE(request.strict_gap_detection(true).strict_gap_detection());
}

TEST(WatchRequest, TriggersAppendAndReplace) {
  auto request = WatchRequest::watch("mars");
  request.add_trigger(aviso::Trigger::echo()).add_trigger(aviso::Trigger::log("/tmp/x.log"));
  ASSERT_EQ(request.triggers().size(), 2u);
  EXPECT_EQ(request.triggers()[1].kind(), aviso::TriggerKind::Log);
  request.triggers({aviso::Trigger::command("true")});
  ASSERT_EQ(request.triggers().size(), 1u);
  EXPECT_EQ(request.triggers()[0].kind(), aviso::TriggerKind::Command);
}

TEST(CheckWatchRequest, AcceptsValidRequests) {
  aviso::check_watch_request(WatchRequest::watch("mars").filter({{"class", "od"}}));
  aviso::check_watch_request(WatchRequest::replay_range("mars", ResumeStart::after_sequence(4),
                                                        ReplayEnd::through_sequence(5)));
  aviso::check_watch_request(WatchRequest::replay_range("mars", ResumeStart::at_date("d"),
                                                        ReplayEnd::through_sequence(1)));
}

TEST(CheckWatchRequest, EmptyEventTypeIsAConfigError) {
  const auto error = check_error(WatchRequest::watch(""));
  EXPECT_EQ(error.kind(), AvisoErrorKind_Config);
  EXPECT_NE(std::string(error.what()).find("empty event_type"), std::string::npos);
}

TEST(CheckWatchRequest, AfterTheLargestSequenceIsFromIdOverflow) {
  const auto error = check_error(WatchRequest::watch_from(
      "mars", ResumeStart::after_sequence(std::numeric_limits<std::uint64_t>::max())));
  EXPECT_EQ(error.kind(), AvisoErrorKind_Config);
  EXPECT_EQ(std::string(error.what()).rfind("config: from_id overflow", 0), 0u) << error.what();
}

TEST(CheckWatchRequest, NonFiniteFilterNumbersAreNamedByPath) {
  auto request = WatchRequest::watch("mars");
  request.filter({{"area", {{"lat", {1.0, std::nan("")}}}}});
  const auto error = check_error(request);
  EXPECT_EQ(error.kind(), AvisoErrorKind_Config);
  EXPECT_NE(std::string(error.what()).find("filter[\"area\"][\"lat\"][1]"), std::string::npos)
      << error.what();
  request.filter({{"x", std::numeric_limits<double>::infinity()}});
  EXPECT_EQ(check_error(request).kind(), AvisoErrorKind_Config);
}

TEST(CheckWatchRequest, EndNeedsAReplayOnlyRequest) {
  WatchRequest request("mars");
  request.watch_from_sequence(1).until_sequence(5);
  const auto error = check_error(request);
  EXPECT_EQ(error.kind(), AvisoErrorKind_InvalidInput);
  EXPECT_NE(std::string(error.what()).find("needs a replay-only request"), std::string::npos);
  request.replay_from_sequence(1);  // setters in any order
  aviso::check_watch_request(request);
}

TEST(CheckWatchRequest, EndNotAfterTheStartIsAConfigError) {
  const auto error = check_error(WatchRequest::replay_range("mars", ResumeStart::after_sequence(5),
                                                            ReplayEnd::through_sequence(5)));
  EXPECT_EQ(error.kind(), AvisoErrorKind_Config);
  EXPECT_NE(std::string(error.what()).find("could deliver nothing"), std::string::npos);
}

}  // namespace
