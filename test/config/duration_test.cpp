#include <gtest/gtest.h>

#include <stdexcept>

#include "aviso/settings.hpp"

namespace aviso {
namespace {

using std::chrono::milliseconds;

TEST(Duration, ReadsHumantimeForms) {
  EXPECT_EQ(parse_duration("30s"), milliseconds(30000));
  EXPECT_EQ(parse_duration("500ms"), milliseconds(500));
  EXPECT_EQ(parse_duration("2m"), milliseconds(120000));
  EXPECT_EQ(parse_duration("1h30m"), milliseconds(5400000));
  EXPECT_EQ(parse_duration("1m30s"), milliseconds(90000));
  EXPECT_EQ(parse_duration("1m 30s"), milliseconds(90000));
  EXPECT_EQ(parse_duration("2days"), milliseconds(2LL * 24 * 3600 * 1000));
  EXPECT_EQ(parse_duration("1sec"), milliseconds(1000));
}

// humantime lets whitespace sit between a number and its unit and between the parts.
TEST(Duration, AcceptsUnitWordsAfterSpacesAsHumantimeDoes) {
  EXPECT_EQ(parse_duration("2 seconds"), milliseconds(2000));
  EXPECT_EQ(parse_duration("1h 30m"), milliseconds(5400000));
  EXPECT_EQ(parse_duration("1 hour 30 minutes"), milliseconds(5400000));
  EXPECT_EQ(parse_duration("1min"), milliseconds(60000));
  EXPECT_EQ(parse_duration("  45 sec  "), milliseconds(45000));
  EXPECT_EQ(parse_duration("1d2h3m4s5ms"), milliseconds(93784005));
  EXPECT_EQ(parse_duration("250 millis"), milliseconds(250));
  EXPECT_EQ(parse_duration("1500000 nanos"), milliseconds(1));
  EXPECT_EQ(parse_duration("3000\xC2\xB5s"), milliseconds(3));
  EXPECT_EQ(parse_duration("1 week"), milliseconds(7LL * 24 * 3600 * 1000));
  EXPECT_EQ(parse_duration("1M"), milliseconds(2630016000LL));
  EXPECT_EQ(parse_duration("1y"), milliseconds(31557600000LL));
  // Digits split by spaces are one number, as in humantime.
  EXPECT_EQ(parse_duration("1 0s"), milliseconds(10000));
}

TEST(Duration, NamesWhatIsWrong) {
  const auto message = [](const char* text) {
    try {
      parse_duration(text);
    } catch (const std::invalid_argument& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("30"), "time unit needed after 30, for example 30sec or 30ms");
  EXPECT_EQ(message("2 fortnights"), "unknown unit 'fortnights'");
  EXPECT_EQ(message("1.5s"), "invalid character '.' at offset 1");
  EXPECT_EQ(message("soon"), "expected a number at 'soon'");
  EXPECT_EQ(message("   "), "empty duration");
}

TEST(Duration, RejectsWhatIsNotADuration) {
  for (const char* text : {"", "30", "s", "30 seconds later", "1.5s", "-1s", "10parsecs",
                           "99999999999999999999s", "5 s_", "1h,30m", "2 seconds 3"}) {
    EXPECT_THROW(parse_duration(text), std::invalid_argument) << text;
  }
}

}  // namespace
}  // namespace aviso
