// The eight identifier handlers: accepted inputs, canonical forms and rejections (protocol 3.2).
#include "handlers.hpp"

#include <gtest/gtest.h>

#include "validation_error.hpp"

namespace aviso::server {
namespace {

FieldRule rule(HandlerType type) {
  FieldRule r;
  r.name = "f";
  r.type = type;
  return r;
}

std::string rejection(const FieldRule& r, const std::string& value) {
  try {
    canonicalize(r, value);
  } catch (const ValidationError& error) {
    return error.what();
  }
  return "accepted";
}

TEST(StringHandler, KeepsValuesAndCountsBytes) {
  auto r = rule(HandlerType::String);
  r.max_length = 2;
  EXPECT_EQ(canonicalize(r, "Od"), "Od");
  EXPECT_EQ(rejection(r, ""), "Field 'f' cannot be empty");
  EXPECT_NE(rejection(r, "odd"), "accepted");
  EXPECT_NE(rejection(r, "\xC3\xA9\xC3\xA9"), "accepted");  // two characters, four bytes
  EXPECT_EQ(canonicalize(rule(HandlerType::String), " spaced "), " spaced ");
}

TEST(DateHandler, AcceptsThreeFormsAndWritesTheCanonicalOne) {
  auto r = rule(HandlerType::Date);
  r.canonical_format = "%Y%m%d";
  EXPECT_EQ(canonicalize(r, "2025-07-06"), "20250706");
  EXPECT_EQ(canonicalize(r, "20250706"), "20250706");
  EXPECT_EQ(canonicalize(r, "2025-359"), "20251225");
  EXPECT_EQ(canonicalize(r, "2024-366"), "20241231");
  r.canonical_format = "%Y-%m-%d";
  EXPECT_EQ(canonicalize(r, "20250706"), "2025-07-06");
  for (const char* bad :
       {"2025-02-30", "2025-13-01", "2025-366", "2025-000", "2025/07/06", "2025", "", "abc"}) {
    EXPECT_NE(rejection(r, bad), "accepted") << bad;
  }
  try {
    canonicalize(r, "2025-02-30");
  } catch (const ValidationError& error) {
    EXPECT_STREQ(error.what(), "Failed to parse date value for field 'f'");
    EXPECT_EQ(error.details(),
              "Field 'f' contains invalid date '2025-02-30'. Expected: YYYY-MM-DD, YYYYMMDD, or "
              "YYYY-DDD");
  }
}

TEST(TimeHandler, CanonicalisesToFourDigits) {
  const auto r = rule(HandlerType::Time);
  EXPECT_EQ(canonicalize(r, "9"), "0900");
  EXPECT_EQ(canonicalize(r, "14"), "1400");
  EXPECT_EQ(canonicalize(r, "9:05"), "0905");
  EXPECT_EQ(canonicalize(r, "14:30"), "1430");
  EXPECT_EQ(canonicalize(r, "1430"), "1430");
  for (const char* bad : {"24", "930", "12:3", "25:00", "12:60", "2400", "ab", "", "12:30:00"}) {
    EXPECT_NE(rejection(r, bad), "accepted") << bad;
  }
}

TEST(EnumHandler, MatchesIgnoringCaseAndLowerCases) {
  auto r = rule(HandlerType::Enum);
  r.values = {"a", "b", "G"};
  EXPECT_EQ(canonicalize(r, "G"), "g");
  EXPECT_EQ(canonicalize(r, "a"), "a");
  EXPECT_EQ(rejection(r, "zz"), "Field 'f' has invalid value 'zz'. Allowed: [a, b, G]");
}

TEST(ExpverHandler, PadsNumbersAndLowerCasesText) {
  auto r = rule(HandlerType::Expver);
  EXPECT_EQ(canonicalize(r, "1"), "0001");
  EXPECT_EQ(canonicalize(r, "12345"), "12345");
  EXPECT_EQ(canonicalize(r, "TEST"), "test");
  EXPECT_EQ(canonicalize(r, "4294967296"), "4294967296");  // does not fit u32: kept as text
  EXPECT_NE(rejection(r, ""), "accepted");
  r.default_value = "0001";
  EXPECT_EQ(canonicalize(r, ""), "0001");
}

TEST(IntHandler, NormalisesAndChecksTheRange) {
  auto r = rule(HandlerType::Int);
  EXPECT_EQ(canonicalize(r, "007"), "7");
  EXPECT_EQ(canonicalize(r, "+5"), "5");
  EXPECT_EQ(canonicalize(r, "-0"), "0");
  EXPECT_EQ(canonicalize(r, "-9223372036854775808"), "-9223372036854775808");
  for (const char* bad : {"1.0", "4.0", "", "1e2", "9223372036854775808", " 5", "five"}) {
    EXPECT_NE(rejection(r, bad), "accepted") << bad;
  }
  r.name = "step";
  r.int_range = {{0, 100000}};
  EXPECT_EQ(rejection(r, "200000"),
            "Field 'step' value 200000 is outside allowed range [0, 100000]");
}

TEST(FloatHandler, WritesTheShortestPlainDecimal) {
  auto r = rule(HandlerType::Float);
  EXPECT_EQ(canonicalize(r, "42.50"), "42.5");
  EXPECT_EQ(canonicalize(r, "1e2"), "100");
  EXPECT_EQ(canonicalize(r, "3"), "3");
  EXPECT_EQ(canonicalize(r, "1e-7"), "0.0000001");
  EXPECT_EQ(canonicalize(r, ".5"), "0.5");
  EXPECT_EQ(canonicalize(r, "-2"), "-2");
  EXPECT_EQ(canonicalize(r, "0.1"), "0.1");
  EXPECT_EQ(canonicalize(r, "1e21"), "1000000000000000000000");
  for (const char* bad : {"NaN", "inf", "-infinity", "1e400", "abc", "", "1.2.3", "0x10"}) {
    EXPECT_NE(rejection(r, bad), "accepted") << bad;
  }
  r.float_range = {{0.0, 100.0}};
  EXPECT_EQ(rejection(r, "150.5"), "Field 'f' value 150.5 is outside allowed range [0, 100]");
}

TEST(PolygonHandler, KeepsTheInputVerbatim) {
  auto r = rule(HandlerType::Polygon);
  r.name = "polygon";
  const std::string polygon = "( 50.0, 10.0,52.0,10.0 ,52.0,12.0,50.0,12.0,50.0,10.0)";
  EXPECT_EQ(canonicalize(r, polygon), polygon);
  EXPECT_EQ(canonicalize(r, "0,0,1,0,1,1,0,0"), "0,0,1,0,1,1,0,0");
  for (const char* bad :
       {"0,0,1,0,1,1,0", "0,0,1,0,0,0", "0,0,1,0,1,1,0,1", "((0,0,1,0,1,1,0,0))",
        "(0,0,1,0,1,1,0,0", "91,0,1,0,1,1,91,0", "0,181,1,0,1,1,0,181", "a,b,c,d,e,f,g,h"}) {
    const std::string message = rejection(r, bad);
    EXPECT_EQ(message.rfind("field 'polygon' must be a valid polygon: ", 0), 0U)
        << bad << " -> " << message;
  }
}

}  // namespace
}  // namespace aviso::server
