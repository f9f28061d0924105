#include "duration_format.hpp"

#include <gtest/gtest.h>

#include "aviso/settings.hpp"

namespace aviso::cli {
namespace {

using namespace std::chrono_literals;

TEST(DurationFormat, SpellsDurationsExactly) {
  EXPECT_EQ(format_duration(30s), "30s");
  EXPECT_EQ(format_duration(90s), "1m 30s");
  EXPECT_EQ(format_duration(1500ms), "1s 500ms");
  EXPECT_EQ(format_duration(250us), "250us");
  EXPECT_EQ(format_duration(0s), "0s");
  EXPECT_EQ(format_duration(26h), "1d 2h");
}

TEST(DurationFormat, RoundTripsThroughTheLibraryParser) {
  for (std::chrono::milliseconds value : {1ms, 1500ms, 90000ms, 3723004ms}) {
    EXPECT_EQ(aviso::parse_duration(format_duration(value)), value);
  }
}

}  // namespace
}  // namespace aviso::cli
