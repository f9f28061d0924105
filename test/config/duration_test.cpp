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

TEST(Duration, RejectsWhatIsNotADuration) {
  for (const char* text :
       {"", "30", "s", "30 seconds later", "1.5s", "-1s", "10parsecs", "99999999999999999999s"}) {
    EXPECT_THROW(parse_duration(text), std::invalid_argument) << text;
  }
}

}  // namespace
}  // namespace aviso
