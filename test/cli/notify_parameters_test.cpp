#include "notify_parameters.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "command_error.hpp"
#include "exit_code.hpp"

namespace aviso::cli {
namespace {

using ::testing::HasSubstr;
using json = nlohmann::json;

std::string rejection_of(const std::string& text, const std::vector<std::string>& extra = {}) {
  try {
    parse_notify_parameters(text, extra);
  } catch (const CommandError& error) {
    EXPECT_EQ(error.exit_code(), kExitUsageError);
    return error.summary();
  }
  ADD_FAILURE() << "accepted `" << text << "`";
  return {};
}

TEST(NotifyParameters, EventIdentifiersAndPayload) {
  const auto p = parse_notify_parameters(
      R"(event=mars,class=od,step=12,data={"location":"file:///data/f.grib"})");
  EXPECT_EQ(p.event_type, "mars");
  EXPECT_EQ(p.identifier, (json{{"class", "od"}, {"step", "12"}}));
  ASSERT_TRUE(p.payload.has_value());
  EXPECT_EQ(*p.payload, (json{{"location", "file:///data/f.grib"}}));
}

TEST(NotifyParameters, NoDataMeansNoPayload) {
  EXPECT_FALSE(parse_notify_parameters("event=mars").payload.has_value());
  EXPECT_EQ(*parse_notify_parameters("event=mars,data=null").payload, json(nullptr));
}

TEST(NotifyParameters, CommasInsideQuotesAndBracketsDoNotSplit) {
  const auto p = parse_notify_parameters(
      R"(event=test_polygon,polygon="46,8,46,9,47,9,47,8,46,8",data={"msg":"hello, world","a":[1,2]})");
  EXPECT_EQ(p.identifier, (json{{"polygon", "46,8,46,9,47,9,47,8,46,8"}}));
  EXPECT_EQ(*p.payload, json::parse(R"({"msg":"hello, world","a":[1,2]})"));
}

TEST(NotifyParameters, EscapedQuotesStayInsideTheString) {
  const auto p = parse_notify_parameters(R"(event=mars,data={"msg":"she said \"hi\", twice"})");
  EXPECT_EQ((*p.payload)["msg"], "she said \"hi\", twice");
}

TEST(NotifyParameters, DataKeepsItsJsonQuotes) {
  EXPECT_EQ(*parse_notify_parameters(R"(event=mars,data="hello")").payload, json("hello"));
}

TEST(NotifyParameters, TypedValuesUseColonEquals) {
  const auto p = parse_notify_parameters(R"(event=mars,count:=12,flag:=true,range:={"gte":5})");
  EXPECT_EQ(p.identifier, json::parse(R"({"count":12,"flag":true,"range":{"gte":5}})"));
}

TEST(NotifyParameters, EmptyEntriesAreSkipped) {
  EXPECT_EQ(parse_notify_parameters("event=mars,,class=od,").identifier, (json{{"class", "od"}}));
}

TEST(NotifyParameters, EveryMistakeIsAUsageErrorThatSaysWhat) {
  EXPECT_THAT(rejection_of("class=od"), HasSubstr("`event=<TYPE>` is required"));
  EXPECT_THAT(rejection_of("event="), HasSubstr("`event=` needs a value"));
  EXPECT_THAT(rejection_of("event=mars,event=other"), HasSubstr("`event=` given twice"));
  EXPECT_THAT(rejection_of("event=mars,data="), HasSubstr("`data=` is empty"));
  EXPECT_THAT(rejection_of(R"(event=mars,data={"a":1},data=2)"), HasSubstr("`data=` given twice"));
  EXPECT_THAT(rejection_of(R"(event=mars,data={"a":})"), HasSubstr("`data=` is not valid JSON"));
  EXPECT_THAT(rejection_of("event=mars,class=od,class=rd"), HasSubstr("`class` given twice"));
  EXPECT_THAT(rejection_of("event=mars,nokey"), HasSubstr("`nokey` has no '='"));
  EXPECT_THAT(rejection_of("event=mars,=x"), HasSubstr("empty key"));
  EXPECT_THAT(rejection_of("event=mars,data={bad"), HasSubstr("unclosed `{` or `[`"));
  EXPECT_THAT(rejection_of("event=mars,data=}"), HasSubstr("unmatched closing `}` at offset 16"));
  EXPECT_THAT(rejection_of("event=mars,data=\"oops"), HasSubstr("unclosed `\"`"));
  EXPECT_THAT(rejection_of("event=mars,n:=bad"), HasSubstr("`n:=` needs a JSON value"));
}

TEST(NotifyParameters, IdentifierFlagsAddExactStringsAndTypedValues) {
  const auto p = parse_notify_parameters(
      R"(event=mars,class=od,data={"fixed":true})",
      {"label= a,b\"'\\$HOME$(false)=x:=y ", "step:=12", "array:=[1,\"two\"]"});
  EXPECT_EQ(p.identifier, (json{{"class", "od"},
                                {"label", " a,b\"'\\$HOME$(false)=x:=y "},
                                {"step", 12},
                                {"array", json::array({1, "two"})}}));
}

TEST(NotifyParameters, IdentifierFlagConflictsAreUsageErrors) {
  EXPECT_THAT(rejection_of("event=mars", {"event=mars"}),
              HasSubstr("--identifier event is reserved"));
  EXPECT_THAT(rejection_of("event=mars", {"data:={}"}), HasSubstr("--identifier data is reserved"));
  EXPECT_THAT(rejection_of("event=mars,class=od", {"class:=1"}),
              HasSubstr("set in both PARAMETERS and --identifier"));
  EXPECT_THAT(rejection_of("class=od", {"step=1"}), HasSubstr("`event=<TYPE>` is required"));
  EXPECT_THAT(rejection_of("event=mars", {"missing"}), HasSubstr("no '='"));
  EXPECT_THAT(rejection_of("event=mars", {"=value"}), HasSubstr("empty key"));
  EXPECT_THAT(rejection_of("event=mars", {"x:=bad"}), HasSubstr("x:="));
  EXPECT_THAT(rejection_of("event=mars", {"x=1", "x:=2"}), HasSubstr("duplicate identifier key"));
}

}  // namespace
}  // namespace aviso::cli
