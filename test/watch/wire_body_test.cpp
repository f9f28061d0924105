#include "watch/wire_body.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "aviso/error.hpp"

namespace {

using aviso::ReplayEnd;
using aviso::ResumeStart;
using aviso::watch::build_wire_body;

const nlohmann::json kNoFilter = nlohmann::json::object();

// Vector 17
TEST(WireBody, AfterSequenceSendsTheNextSequenceAsAString) {
  const auto body = build_wire_body("mars", kNoFilter, ResumeStart::after_sequence(41), {});
  EXPECT_EQ(body.at("from_id"), "42");
  EXPECT_FALSE(body.contains("from_date"));
}

// Vector 18
TEST(WireBody, ExactTextWithFilterAndNoPayload) {
  const auto body =
      build_wire_body("mars", {{"country", "UK"}}, ResumeStart::after_sequence(0), {});
  EXPECT_EQ(body.dump(), R"({"event_type":"mars","identifier":{"country":"UK"},"from_id":"1"})");
  EXPECT_FALSE(body.contains("payload"));
}

TEST(WireBody, IdentifierIsAlwaysPresent) {
  EXPECT_EQ(build_wire_body("mars", kNoFilter, {}, {}).dump(),
            R"({"event_type":"mars","identifier":{}})");
}

TEST(WireBody, DatesAreVerbatimAndEndsAreInclusiveStrings) {
  const auto body = build_wire_body("mars", kNoFilter, ResumeStart::at_date("2026-01-01 00:00"),
                                    ReplayEnd::through_date("2026-01-02T00:00:00Z"));
  EXPECT_EQ(body.dump(), R"({"event_type":"mars","identifier":{},"from_date":"2026-01-01 00:00",)"
                         R"("to_date":"2026-01-02T00:00:00Z"})");
  const auto by_id = build_wire_body("mars", kNoFilter, ResumeStart::after_sequence(1),
                                     ReplayEnd::through_sequence(3));
  EXPECT_EQ(by_id.at("to_id"), "3");
  EXPECT_FALSE(by_id.contains("to_date"));
}

TEST(WireBody, StructuredFilterValuesPassThrough) {
  const nlohmann::json filter = {{"class", {{"in", {"od", "rd"}}}}, {"step", 6}};
  EXPECT_EQ(build_wire_body("mars", filter, {}, {}).at("identifier").dump(),
            R"({"class":{"in":["od","rd"]},"step":6})");
}

TEST(WireBody, FromIdOverflowIsAConfigError) {
  try {
    build_wire_body("mars", kNoFilter,
                    ResumeStart::after_sequence(std::numeric_limits<std::uint64_t>::max()), {});
    FAIL();
  } catch (const aviso::Error& error) {
    EXPECT_EQ(error.kind(), AvisoErrorKind_Config);
    EXPECT_EQ(std::string(error.what()).rfind("config: from_id overflow", 0), 0u);
  }
}

// Vector 20
TEST(WireBody, EndpointFollowsTheMode) {
  EXPECT_EQ(aviso::watch::endpoint_path(aviso::WatchMode::Watch), "api/v1/watch");
  EXPECT_EQ(aviso::watch::endpoint_path(aviso::WatchMode::ReplayOnly), "api/v1/replay");
}

}  // namespace
