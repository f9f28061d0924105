#include "state/ecmascript_number.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <limits>

namespace aviso::state {
namespace {

double from_bits(std::uint64_t bits) {
  double value = 0;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

std::string format(double value) {
  std::string out;
  append_ecmascript_number(out, value);
  return out;
}

// RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text.
TEST(EcmascriptNumber, MatchesRfc8785AppendixB) {
  const struct {
    std::uint64_t bits;
    const char* text;
  } samples[] = {
      {0x0000000000000000, "0"},
      {0x8000000000000000, "0"},
      {0x0000000000000001, "5e-324"},
      {0x8000000000000001, "-5e-324"},
      {0x7fefffffffffffff, "1.7976931348623157e+308"},
      {0xffefffffffffffff, "-1.7976931348623157e+308"},
      {0x4340000000000000, "9007199254740992"},
      {0xc340000000000000, "-9007199254740992"},
      {0x4430000000000000, "295147905179352830000"},
      {0x44b52d02c7e14af5, "9.999999999999997e+22"},
      {0x44b52d02c7e14af6, "1e+23"},
      {0x44b52d02c7e14af7, "1.0000000000000001e+23"},
      {0x444b1ae4d6e2ef4e, "999999999999999700000"},
      {0x444b1ae4d6e2ef4f, "999999999999999900000"},
      {0x444b1ae4d6e2ef50, "1e+21"},
      {0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
      {0x3eb0c6f7a0b5ed8d, "0.000001"},
      {0x41b3de4355555553, "333333333.3333332"},
      {0x41b3de4355555554, "333333333.33333325"},
      {0x41b3de4355555555, "333333333.3333333"},
      {0x41b3de4355555556, "333333333.3333334"},
      {0x41b3de4355555557, "333333333.33333343"},
      {0xbecbf647612f3696, "-0.0000033333333333333333"},
      {0x43143ff3c1cb0959, "1424953923781206.2"},
  };
  for (const auto& sample : samples) {
    EXPECT_EQ(format(from_bits(sample.bits)), sample.text) << std::hex << sample.bits;
  }
}

TEST(EcmascriptNumber, SwitchesToExponentFormAtTheEcmascriptBoundaries) {
  EXPECT_EQ(format(1e-6), "0.000001");
  EXPECT_EQ(format(1e-7), "1e-7");
  EXPECT_EQ(format(1.5e-7), "1.5e-7");
  EXPECT_EQ(format(1e20), "100000000000000000000");
  EXPECT_EQ(format(1e21), "1e+21");
  EXPECT_EQ(format(1.5e21), "1.5e+21");
}

TEST(EcmascriptNumber, WritesIntegralDoublesWithoutFractionAndFractionsMinimally) {
  EXPECT_EQ(format(1.0), "1");
  EXPECT_EQ(format(-42.0), "-42");
  EXPECT_EQ(format(4.50), "4.5");
  EXPECT_EQ(format(0.002), "0.002");
  EXPECT_EQ(format(0.1), "0.1");
  EXPECT_EQ(format(123.456), "123.456");
  EXPECT_EQ(format(std::numeric_limits<double>::denorm_min()), "5e-324");
}

}  // namespace
}  // namespace aviso::state
