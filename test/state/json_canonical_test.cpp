#include "state/json_canonical.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace aviso::state {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

// RFC 8785 section 3.2.2: the sample input and its canonical form.
TEST(JsonCanonical, MatchesRfc8785Section322Example) {
  const json input = json::parse(R"({
    "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
    "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
    "literals": [null, true, false]
  })");
  EXPECT_EQ(canonicalize_json(input),
            "{\"literals\":[null,true,false],"
            "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
            "\"string\":\"\xE2\x82\xAC$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
}

// RFC 8785 section 3.2.3: member names sorted by UTF-16 code units, so U+1F600 (a surrogate pair
// starting 0xD83D) sorts before U+FB33, unlike in UTF-8 byte order.
TEST(JsonCanonical, SortsMemberNamesByUtf16CodeUnits) {
  const json input = json::parse(R"({
    "\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh",
    "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control",
    "\u00f6": "Latin Small Letter O With Diaeresis"
  })");
  EXPECT_EQ(canonicalize_json(input),
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xC2\x80\":\"Control\","
            "\"\xC3\xB6\":\"Latin Small Letter O With Diaeresis\",\"\xE2\x82\xAC\":\"Euro Sign\","
            "\"\xF0\x9F\x98\x80\":\"Emoji: Grinning Face\","
            "\"\xEF\xAC\xB3\":\"Hebrew Letter Dalet With Dagesh\"}");
}

TEST(JsonCanonical, SortsNestedObjectsAndKeepsArrayOrder) {
  const json a = json::parse(R"({"b":"2","a":{"y":[3,1,{"q":1,"p":2}],"x":null}})");
  const json b = json::parse(R"({"a":{"x":null,"y":[3,1,{"p":2,"q":1}]},"b":"2"})");
  EXPECT_EQ(canonicalize_json(a), R"({"a":{"x":null,"y":[3,1,{"p":2,"q":1}]},"b":"2"})");
  EXPECT_EQ(canonicalize_json(a), canonicalize_json(b));
}

TEST(JsonCanonical, WritesEmptyContainersAndScalars) {
  EXPECT_EQ(canonicalize_json(json::object()), "{}");
  EXPECT_EQ(canonicalize_json(json::array()), "[]");
  EXPECT_EQ(canonicalize_json(json("od")), "\"od\"");
  EXPECT_EQ(canonicalize_json(json(nullptr)), "null");
}

TEST(JsonCanonical, WritesIntegersExactlyAndFloatsTheEcmascriptWay) {
  EXPECT_EQ(canonicalize_json(json::parse("[0, -0, 1.0, -1, 18446744073709551615, "
                                          "-9223372036854775808, 1e21, -0.0, 1e-7]")),
            "[0,0,1,-1,18446744073709551615,-9223372036854775808,1e+21,0,1e-7]");
}

TEST(JsonCanonical, EscapesOnlyWhatRfc8785Requires) {
  const std::string raw =
      std::string("a\"b\\c/d\b\f\n\r\t") + '\x01' + '\x1f' + '\x7f' + "\xE2\x80\xA8" + "\xC3\xA9";
  EXPECT_EQ(canonicalize_json(json(raw)), std::string("\"a\\\"b\\\\c/d\\b\\f\\n\\r\\t\\u0001"
                                                      "\\u001f\x7f\xE2\x80\xA8\xC3\xA9\""));
}

TEST(JsonCanonical, RejectsNonFiniteNumbersNamingWhere) {
  json filter = {{"step", {1, std::numeric_limits<double>::quiet_NaN()}}};
  try {
    canonicalize_json(filter);
    FAIL() << "NaN was canonicalised";
  } catch (const CanonicalizationError& error) {
    EXPECT_THAT(error.what(), HasSubstr("non-finite number at /step/1"));
  }
  EXPECT_THROW(canonicalize_json(json(std::numeric_limits<double>::infinity())),
               CanonicalizationError);
  EXPECT_THROW(canonicalize_json(json(-std::numeric_limits<double>::infinity())),
               CanonicalizationError);
}

TEST(JsonCanonical, RejectsInvalidUtf8InValuesAndNames) {
  EXPECT_THROW(canonicalize_json(json{{"k", std::string("\xC3\x28")}}), CanonicalizationError);
  EXPECT_THROW(canonicalize_json(json{{std::string("\xFF"), 1}}), CanonicalizationError);
  EXPECT_THROW(canonicalize_json(json(std::string("\xED\xA0\x80"))), CanonicalizationError);
  EXPECT_THROW(canonicalize_json(json(std::string("\xC0\xAF"))), CanonicalizationError);
}

}  // namespace
}  // namespace aviso::state
