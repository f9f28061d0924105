#include "interrupt_policy.hpp"

#include <gtest/gtest.h>

#include <csignal>

namespace aviso::cli {
namespace {

using Action = InterruptPolicy::Action;
using namespace std::chrono_literals;

const auto kStart = std::chrono::steady_clock::time_point{} + 1h;

TEST(InterruptPolicy, FirstCtrlCDrainsAndASecondWithinFiveSecondsExitsAtOnce) {
  InterruptPolicy policy;
  EXPECT_EQ(policy.on_signal(SIGINT, kStart), Action::Drain);
  EXPECT_TRUE(policy.draining());
  EXPECT_EQ(policy.on_signal(SIGINT, kStart + 4999ms), Action::HardExit);
}

TEST(InterruptPolicy, TheWindowIncludesExactlyFiveSeconds) {
  InterruptPolicy policy;
  policy.on_signal(SIGINT, kStart);
  EXPECT_EQ(policy.on_signal(SIGINT, kStart + 5s), Action::HardExit);
}

TEST(InterruptPolicy, ALateSecondCtrlCOpensANewWindowInsteadOfExiting) {
  InterruptPolicy policy;
  policy.on_signal(SIGINT, kStart);
  EXPECT_EQ(policy.on_signal(SIGINT, kStart + 5001ms), Action::Continue);
  EXPECT_EQ(policy.on_signal(SIGINT, kStart + 7s), Action::HardExit);
}

TEST(InterruptPolicy, SigtermDrainsAndNeverForcesAnExit) {
  InterruptPolicy policy;
  EXPECT_EQ(policy.on_signal(SIGTERM, kStart), Action::Drain);
  EXPECT_EQ(policy.on_signal(SIGTERM, kStart + 1ms), Action::Continue);
  // A Ctrl+C after a SIGTERM is the first Ctrl+C: it only opens the window.
  EXPECT_EQ(policy.on_signal(SIGINT, kStart + 2ms), Action::Continue);
  EXPECT_EQ(policy.on_signal(SIGINT, kStart + 3ms), Action::HardExit);
}

TEST(InterruptPolicy, ACtrlCAfterASigtermDrainDoesNotStartASecondDrain) {
  InterruptPolicy policy;
  policy.on_signal(SIGTERM, kStart);
  EXPECT_NE(policy.on_signal(SIGINT, kStart + 1s), Action::Drain);
}

}  // namespace
}  // namespace aviso::cli
