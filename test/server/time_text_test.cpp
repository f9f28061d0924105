// RFC 3339 formatting and the from_date formats of protocol section 2.8.
#include "time_text.hpp"

#include <gtest/gtest.h>

#include "number_text.hpp"

namespace aviso::server {
namespace {

using std::chrono::milliseconds;
using std::chrono::nanoseconds;
using std::chrono::seconds;

std::string parsed(const std::string& text) {
  const auto instant = parse_date_time(text);
  return instant ? format_auto_fraction(*instant) : "rejected";
}

TEST(TimeText, FormatsSecondsAndAutoFractions) {
  const Instant at{seconds{1781082005}};
  EXPECT_EQ(format_seconds(at + milliseconds{999}), "2026-06-10T09:00:05Z");
  EXPECT_EQ(format_auto_fraction(at), "2026-06-10T09:00:05Z");
  EXPECT_EQ(format_auto_fraction(at + milliseconds{500}), "2026-06-10T09:00:05.500Z");
  EXPECT_EQ(format_auto_fraction(at + nanoseconds{123456000}), "2026-06-10T09:00:05.123456Z");
  EXPECT_EQ(format_auto_fraction(at + nanoseconds{123456789}), "2026-06-10T09:00:05.123456789Z");
}

TEST(TimeText, ParsesEveryFromDateForm) {
  EXPECT_EQ(parsed("1740509903"), "2025-02-25T18:58:23Z");
  EXPECT_EQ(parsed("+1740509903"), "2025-02-25T18:58:23Z");
  EXPECT_EQ(parsed("0001740509903"), "2025-02-25T18:58:23Z");  // leading zeros do not count
  EXPECT_EQ(parsed("1740509903710"), "2025-02-25T18:58:23.710Z");
  EXPECT_EQ(parsed("1781082000000"), "2026-06-10T09:00:00Z");
  EXPECT_EQ(parsed(" 2025-01-15T10:00:00Z "), "2025-01-15T10:00:00Z");
  EXPECT_EQ(parsed("2025-01-15T10:00:00.5+02:00"), "2025-01-15T08:00:00.500Z");
  EXPECT_EQ(parsed("2025-01-15 10:00:00-01:30"), "2025-01-15T11:30:00Z");
  EXPECT_EQ(parsed("2025-01-15T10:00:00"), "2025-01-15T10:00:00Z");
  EXPECT_EQ(parsed("2025-01-15 10:00:00.25"), "2025-01-15T10:00:00.250Z");
}

TEST(TimeText, RejectsEverythingElse) {
  for (const char* bad :
       {"2025-01-15", "-1740509903", "", "   ", "yesterday", "2025-02-30T00:00:00Z",
        "2025-01-15T25:00:00Z", "2025-01-15T10:00Z", "+", "2025-01-15T10:00:00+0200"}) {
    EXPECT_EQ(parsed(bad), "rejected") << bad;
  }
}

TEST(NumberText, ParsesAndFormats) {
  EXPECT_EQ(parse_u64("+18446744073709551615"), 18446744073709551615ULL);
  EXPECT_FALSE(parse_u64("18446744073709551616"));
  EXPECT_FALSE(parse_u64("-1"));
  EXPECT_FALSE(parse_u64(" 1"));
  EXPECT_EQ(format_plain_decimal(-0.0), "-0");
  EXPECT_EQ(format_plain_decimal(123456.789), "123456.789");
  EXPECT_EQ(format_plain_decimal(5e-324), "0." + std::string(323, '0') + "5");
}

}  // namespace
}  // namespace aviso::server

namespace aviso::server {
namespace {

TEST(TimeText, ClampsDatesBeyondTheNanosecondRange) {
  EXPECT_EQ(parse_date_time("2999-01-01T00:00:00Z"), Instant::max());
  EXPECT_EQ(parse_date_time("253402300799999"), Instant::max());
  EXPECT_EQ(parse_date_time("1000-01-01T00:00:00Z"), Instant::min());
}

}  // namespace
}  // namespace aviso::server
