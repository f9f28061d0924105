// Topic encoding and matching, constraints, spatial filters and watch identifier processing
// (protocol 3.4-3.8).
#include <gtest/gtest.h>

#include "constraint.hpp"
#include "notification_request.hpp"
#include "schema_loader.hpp"
#include "spatial.hpp"
#include "topic.hpp"
#include "validation_error.hpp"
#include "watch_filter.hpp"

namespace aviso::server {
namespace {

using nlohmann::json;

TEST(Topic, EncodesOnlyTheFourSpecialCharacters) {
  EXPECT_EQ(encode_token("42.5"), "42%2E5");
  EXPECT_EQ(encode_token("a*b>c%d"), "a%2Ab%3Ec%25d");
  EXPECT_EQ(encode_token("x y/@é"), "x y/@é");
  EXPECT_EQ(encode_topic({"extreme_event", "north", "1200", "4", "42.5"}),
            "extreme_event.north.1200.4.42%2E5");
}

TEST(Topic, DecodesStrictly) {
  EXPECT_EQ(decode_token("42%2e5"), "42.5");
  EXPECT_EQ(decode_token("%2A"), "*");
  EXPECT_FALSE(decode_token("%2"));
  EXPECT_FALSE(decode_token("%zz"));
  EXPECT_FALSE(decode_token("%FF"));  // not UTF-8
  for (const std::string token : {"a.b", "*", ">", "%", "plain"})
    EXPECT_EQ(decode_token(encode_token(token)), token);
}

TEST(Topic, PatternsMatchSameLengthAndWildcards) {
  const TopicPattern pattern{{"mars", "od", "*"}};
  EXPECT_TRUE(pattern.matches({"mars", "od", "x"}));
  EXPECT_FALSE(pattern.matches({"mars", "rd", "x"}));
  EXPECT_FALSE(pattern.matches({"mars", "od"}));
  EXPECT_FALSE(pattern.matches({"mars", "od", "x", "y"}));
  EXPECT_EQ(pattern.display(), "mars.od.*");
}

class WatchFilterTest : public ::testing::Test {
 protected:
  SchemaSet schemas = default_schemas();
  const EventSchema& mars = *schemas.find("mars");
  const EventSchema& extreme = *schemas.find("extreme_event");
  const EventSchema& polygons = *schemas.find("test_polygon");

  StoredMessage stored(const EventSchema& schema, const json& identifier,
                       const json& payload = nullptr) {
    StoredMessage message;
    message.sequence = 1;
    message.content = build_notification(
        schema, identifier, payload.is_null() ? std::nullopt : std::optional<json>(payload));
    return message;
  }
  json mars_identifier(const std::string& step) {
    return {{"class", "od"},  {"expver", "1"},    {"domain", "g"}, {"date", "20250706"},
            {"time", "1200"}, {"stream", "enfo"}, {"step", step}};
  }
  std::string rejection(const EventSchema& schema, const json& identifier) {
    try {
      build_watch_filter(schema, identifier, "watch");
    } catch (const ValidationError& error) {
      return error.what();
    }
    return "accepted";
  }
};

TEST_F(WatchFilterTest, MissingOptionalFieldsBecomeWildcardsAndUndeclaredKeysAreIgnored) {
  const auto filter = build_watch_filter(mars, {{"class", "od"}, {"unknown", "x"}}, "watch");
  EXPECT_EQ(filter.pattern.display(), "mars.od.*.*.*.*.*.*");
  EXPECT_TRUE(filter.matches(stored(mars, mars_identifier("6"))));
}

TEST_F(WatchFilterTest, RequiredFieldsMustBeThere) {
  EXPECT_EQ(rejection(mars, {{"step", {{"gte", 1}}}}),
            "Required field 'class' missing for watch operation");
}

TEST_F(WatchFilterTest, ScalarsAreCanonicalisedBeforeMatching) {
  const auto filter =
      build_watch_filter(mars, {{"class", "od"}, {"step", "006"}, {"domain", "G"}}, "watch");
  EXPECT_TRUE(filter.matches(stored(mars, mars_identifier("6"))));
  EXPECT_FALSE(filter.matches(stored(mars, mars_identifier("7"))));
}

TEST_F(WatchFilterTest, IntConstraints) {
  const auto gte = build_watch_filter(mars, {{"class", "od"}, {"step", {{"gte", 6}}}}, "watch");
  EXPECT_TRUE(gte.matches(stored(mars, mars_identifier("6"))));
  EXPECT_FALSE(gte.matches(stored(mars, mars_identifier("3"))));
  const auto between =
      build_watch_filter(mars, {{"class", "od"}, {"step", {{"between", {0, 24}}}}}, "watch");
  EXPECT_TRUE(between.matches(stored(mars, mars_identifier("24"))));
  EXPECT_FALSE(between.matches(stored(mars, mars_identifier("25"))));
  const auto in =
      build_watch_filter(mars, {{"class", "od"}, {"step", {{"in", {0, 6, 12}}}}}, "watch");
  EXPECT_TRUE(in.matches(stored(mars, mars_identifier("12"))));
  EXPECT_FALSE(in.matches(stored(mars, mars_identifier("7"))));
}

TEST_F(WatchFilterTest, ConstraintRejections) {
  EXPECT_EQ(rejection(mars, {{"class", "od"}, {"step", {{"gte", 1}, {"lte", 5}}}}),
            "Field 'step' constraint must contain exactly one operator");
  EXPECT_EQ(rejection(mars, {{"class", "od"}, {"step", json::object()}}),
            "Field 'step' constraint must contain exactly one operator");
  EXPECT_EQ(rejection(mars, {{"class", "od"}, {"stream", {{"eq", "enfo"}}}}),
            "Field 'stream' does not support constraint filters; expected scalar value");
  for (const json& bad : {json{{"gte", "6"}}, json{{"gte", 5.0}}, json{{"in", json::array()}},
                          json{{"between", {5, 1}}}, json{{"between", {1}}}, json{{"gte", 200000}},
                          json{{"like", 1}}}) {
    EXPECT_NE(rejection(mars, {{"class", "od"}, {"step", bad}}), "accepted") << bad;
  }
  EXPECT_NE(rejection(mars, {{"class", "od"}, {"domain", {{"gt", "a"}}}}), "accepted");
  EXPECT_NE(rejection(mars, {{"class", "od"}, {"domain", {{"eq", "zz"}}}}), "accepted");
}

TEST_F(WatchFilterTest, FloatAndEnumConstraints) {
  const json event = {
      {"region", "north"}, {"run_time", "12"}, {"severity", 4}, {"anomaly", "42.5"}};
  const auto lt = build_watch_filter(
      extreme,
      {{"region", "north"}, {"run_time", "1200"}, {"severity", 4}, {"anomaly", {{"lt", 50.0}}}},
      "watch");
  EXPECT_TRUE(lt.matches(stored(extreme, event)));
  const auto eq = build_watch_filter(extreme,
                                     {{"region", {{"in", {"NORTH", "south"}}}},
                                      {"run_time", "1200"},
                                      {"severity", 4},
                                      {"anomaly", {{"eq", 42.5}}}},
                                     "watch");
  EXPECT_TRUE(eq.matches(stored(extreme, event)));
  const auto gt = build_watch_filter(
      extreme,
      {{"region", "north"}, {"run_time", "1200"}, {"severity", 4}, {"anomaly", {{"gt", 42.5}}}},
      "watch");
  EXPECT_FALSE(gt.matches(stored(extreme, event)));
}

TEST_F(WatchFilterTest, PolygonIntersectionCountsBoundaryContact) {
  const json inside = {{"date", "20250706"},
                       {"time", "1200"},
                       {"polygon", "(50.0,10.0,52.0,10.0,52.0,12.0,50.0,12.0,50.0,10.0)"}};
  const auto message = stored(polygons, inside, json{{"note", "x"}});
  const auto overlapping =
      build_watch_filter(polygons, {{"polygon", "51,11,53,11,53,13,51,13,51,11"}}, "watch");
  EXPECT_TRUE(overlapping.matches(message));
  const auto touching =
      build_watch_filter(polygons, {{"polygon", "52,12,53,12,53,13,52,13,52,12"}}, "watch");
  EXPECT_TRUE(touching.matches(message));
  const auto apart =
      build_watch_filter(polygons, {{"polygon", "60,20,61,20,61,21,60,21,60,20"}}, "watch");
  EXPECT_FALSE(apart.matches(message));
}

TEST_F(WatchFilterTest, PointMustBeStrictlyInside) {
  const json identifier = {{"date", "20250706"},
                           {"time", "1200"},
                           {"polygon", "(50.0,10.0,52.0,10.0,52.0,12.0,50.0,12.0,50.0,10.0)"}};
  const auto message = stored(polygons, identifier, json{{"note", "x"}});
  EXPECT_TRUE(build_watch_filter(polygons, {{"time", "1200"}, {"point", "51.0,11.0"}}, "watch")
                  .matches(message));
  EXPECT_TRUE(
      build_watch_filter(polygons, {{"point", "( 51.0 , 11.0 )"}}, "watch").matches(message));
  EXPECT_FALSE(build_watch_filter(polygons, {{"point", "50.0,11.0"}}, "watch")
                   .matches(message));  // on the edge
  EXPECT_FALSE(build_watch_filter(polygons, {{"point", "55.0,11.0"}}, "watch").matches(message));
  EXPECT_FALSE(build_watch_filter(polygons, {{"time", "0000"}, {"point", "51.0,11.0"}}, "watch")
                   .matches(message));
}

TEST_F(WatchFilterTest, SpatialRejections) {
  EXPECT_EQ(rejection(polygons, {{"polygon", "(0,0,1,0,1,1,0,0)"}, {"point", "0.5,0.2"}}),
            "Cannot specify both identifier.polygon and identifier.point. Provide only one spatial "
            "filter.");
  EXPECT_NE(rejection(polygons, {{"point", {{"lat", 1}}}}), "accepted");
  EXPECT_NE(rejection(polygons, {{"point", "91,0"}}), "accepted");
  EXPECT_NE(rejection(polygons, {{"point", "1,2,3"}}), "accepted");
  EXPECT_EQ(rejection(polygons, {{"time", "1200"}}),
            "Required field 'polygon' missing for watch operation");
}

TEST_F(WatchFilterTest, NotificationsWithoutPolygonNeverPassASpatialFilter) {
  const auto filter = build_watch_filter(mars, {{"class", "od"}, {"point", "1,1"}}, "watch");
  EXPECT_FALSE(filter.matches(stored(mars, mars_identifier("6"))));
}

TEST(NotificationRequest, BuildsTheTopicFromCanonicalValuesInKeyOrder) {
  const auto schemas = default_schemas();
  const auto draft = build_notification(*schemas.find("mars"),
                                        {{"class", "od"},
                                         {"expver", 1},
                                         {"domain", "G"},
                                         {"date", "2025-07-06"},
                                         {"time", "12:00"},
                                         {"stream", "enfo"},
                                         {"step", "006"}},
                                        std::nullopt);
  EXPECT_EQ(encode_topic(draft.topic_tokens), "mars.od.0001.g.20250706.1200.enfo.6");
  EXPECT_TRUE(draft.payload.is_null());
}

TEST(NotificationRequest, RejectsWhatTheReferenceRejects) {
  const auto schemas = default_schemas();
  const auto& mars = *schemas.find("mars");
  const json full = {{"class", "od"},  {"expver", "1"},    {"domain", "g"}, {"date", "20250706"},
                     {"time", "1200"}, {"stream", "enfo"}, {"step", 6}};
  json extra = full;
  extra["colour"] = "red";
  EXPECT_THROW(build_notification(mars, extra, std::nullopt), UndeclaredIdentifierKey);
  json missing = full;
  missing.erase("date");
  try {
    build_notification(mars, missing, std::nullopt);
    FAIL();
  } catch (const ValidationError& error) {
    EXPECT_STREQ(error.what(), "Required field 'date' missing for notify operation");
  }
  json constraint = full;
  constraint["step"] = {{"gte", 1}};
  EXPECT_THROW(build_notification(mars, constraint, std::nullopt), ValidationError);
  json null_value = full;
  null_value["step"] = nullptr;
  EXPECT_THROW(build_notification(mars, null_value, std::nullopt), ValidationError);
  json float_step = full;
  float_step["step"] = 4.0;
  EXPECT_THROW(build_notification(mars, float_step, std::nullopt), ValidationError);
  EXPECT_THROW(build_notification(*schemas.find("dissemination"),
                                  {{"destination", "X"},
                                   {"target", "t"},
                                   {"class", "od"},
                                   {"expver", "1"},
                                   {"domain", "g"},
                                   {"date", "20250706"},
                                   {"time", "1200"},
                                   {"stream", "enfo"},
                                   {"step", 6}},
                                  std::nullopt),
               ValidationError);  // payload required
}

}  // namespace
}  // namespace aviso::server
