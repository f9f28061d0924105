#include "duration_text.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>

namespace aviso::cli {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

TEST(DurationText, ParsesHumantimeItems) {
  EXPECT_EQ(parse_duration("30s"), 30s);
  EXPECT_EQ(parse_duration("500ms"), 500ms);
  EXPECT_EQ(parse_duration("1m30s"), 90s);
  EXPECT_EQ(parse_duration("1h30m"), 90min);
  EXPECT_EQ(parse_duration("1h 30m"), 90min);
  EXPECT_EQ(parse_duration("2m"), 2min);
  EXPECT_EQ(parse_duration("1day"), 24h);
  EXPECT_EQ(parse_duration("250us"), 250us);
  EXPECT_EQ(parse_duration("7ns"), 7ns);
  EXPECT_EQ(parse_duration("0s"), 0s);
  EXPECT_EQ(parse_duration("2 seconds"), 2s);
}

TEST(DurationText, RejectsWhatHumantimeRejects) {
  auto message_of = [](const char* text) {
    try {
      parse_duration(text);
    } catch (const std::invalid_argument& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  EXPECT_THAT(message_of(""), HasSubstr("empty"));
  EXPECT_THAT(message_of("30"), HasSubstr("needs a unit"));
  EXPECT_THAT(message_of("5mins"), HasSubstr("unknown time unit `mins`"));
  EXPECT_THAT(message_of("1.5s"), HasSubstr("unexpected character `.` at offset 1"));
  EXPECT_THAT(message_of("-1s"), HasSubstr("expected a number"));
  EXPECT_THAT(message_of("99999999999999999999h"), HasSubstr("too large"));
}

TEST(DurationText, FormatsExactly) {
  EXPECT_EQ(format_duration(30s), "30s");
  EXPECT_EQ(format_duration(90s), "1m 30s");
  EXPECT_EQ(format_duration(1500ms), "1s 500ms");
  EXPECT_EQ(format_duration(250us), "250us");
  EXPECT_EQ(format_duration(0s), "0s");
  EXPECT_EQ(parse_duration(format_duration(3723004005ns)), 3723004005ns);
}

}  // namespace
}  // namespace aviso::cli
