// compute_backoff, Retry-After and the heartbeat budget (behaviours 1-9).
#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "watch/backoff.hpp"
#include "watch/heartbeat.hpp"
#include "watch/retry_after.hpp"

namespace {

using namespace aviso::watch;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

TEST(Backoff, ImmediateIsZeroAndShortIsExactlyFiveSeconds) {
  JitterSource jitter(1);
  for (std::uint32_t attempt : {0u, 7u, 99u}) {
    EXPECT_EQ(compute_backoff(attempt, ReconnectPolicy::Immediate, jitter), 0ms);
    EXPECT_EQ(compute_backoff(attempt, ReconnectPolicy::ShortBackoff, jitter), 5s);
  }
}

TEST(Backoff, ExponentialStaysBelowItsCeiling) {
  JitterSource jitter(7);
  for (int i = 0; i < 100; ++i) {
    EXPECT_LT(compute_backoff(0, ReconnectPolicy::ExponentialBackoff, jitter), 250ms);
    EXPECT_LT(compute_backoff(1, ReconnectPolicy::ExponentialBackoff, jitter), 500ms);
    EXPECT_LT(compute_backoff(2, ReconnectPolicy::ExponentialBackoff, jitter), 1s);
    EXPECT_LT(compute_backoff(100, ReconnectPolicy::ExponentialBackoff, jitter), 30s);
    EXPECT_LT(compute_backoff(4294967295u, ReconnectPolicy::ExponentialBackoff, jitter), 30s);
  }
}

TEST(Backoff, CeilingDoublesThenCapsAtThirtySeconds) {
  EXPECT_EQ(exponential_ceiling(0), 250ms);
  EXPECT_EQ(exponential_ceiling(1), 500ms);
  EXPECT_EQ(exponential_ceiling(6), 16s);
  EXPECT_EQ(exponential_ceiling(7), 30s);
  EXPECT_EQ(exponential_ceiling(20), 30s);
  EXPECT_EQ(exponential_ceiling(4294967295u), 30s);
}

TEST(Backoff, JitterSpreadsValues) {
  JitterSource jitter(12345);
  std::set<milliseconds::rep> distinct;
  milliseconds largest{0};
  for (int i = 0; i < 1000; ++i) {
    const auto d = compute_backoff(10, ReconnectPolicy::ExponentialBackoff, jitter);
    distinct.insert(d.count());
    largest = std::max(largest, d);
  }
  EXPECT_GE(distinct.size(), 100u);
  EXPECT_GT(largest, 15s);  // uses the whole range, not just its bottom
}

TEST(Backoff, SameSeedSameDelays) {
  JitterSource a(99);
  JitterSource b(99);
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(compute_backoff(5, ReconnectPolicy::ExponentialBackoff, a),
              compute_backoff(5, ReconnectPolicy::ExponentialBackoff, b));
  }
}

// A fixed "now": Tue, 10 Jun 2026 09:00:00 GMT, plus 400 ms to exercise rounding.
const auto kNow = std::chrono::sys_days{std::chrono::year{2026} / 6 / 10} + 9h + 400ms;

std::optional<milliseconds> retry_after(std::string_view value) {
  return parse_retry_after(value, kNow);
}

TEST(RetryAfter, DeltaSecondsAreCappedAtFiveMinutes) {
  EXPECT_EQ(retry_after("30"), milliseconds(30s));
  EXPECT_EQ(retry_after("0"), 0ms);
  EXPECT_EQ(retry_after("300"), milliseconds(300s));
  EXPECT_EQ(retry_after("86400"), milliseconds(300s));
  EXPECT_EQ(retry_after(" \t7 "), milliseconds(7s));
  EXPECT_EQ(retry_after("99999999999999999999999999"), milliseconds(300s));
}

TEST(RetryAfter, MalformedOrAbsentIsNone) {
  EXPECT_EQ(parse_retry_after(std::nullopt, kNow), std::nullopt);
  for (const char* bad : {"", "  ", "not a number and not a date", "-5", "+5", "1.5", "30s",
                          "3\xC2\xA0", "Tue, 10 Jun 2026 09:01:00 UTC",
                          "Tue, 31 Jun 2026 09:01:00 GMT", "Tue, 10 Jun 2026 24:01:00 GMT"}) {
    EXPECT_EQ(retry_after(bad), std::nullopt) << bad;
  }
}

TEST(RetryAfter, HttpDatesInTheFuture) {
  // 60 s after 09:00:00 is 59.6 s after kNow; rounded up to whole milliseconds.
  EXPECT_EQ(retry_after("Wed, 10 Jun 2026 09:01:00 GMT"), 59600ms);
  EXPECT_EQ(retry_after("Wednesday, 10-Jun-26 09:01:00 GMT"), 59600ms);
  EXPECT_EQ(retry_after("Wed Jun 10 09:01:00 2026"), 59600ms);
  EXPECT_EQ(retry_after("Wed Jun  9 09:01:00 2027"), milliseconds(300s));  // capped
}

TEST(RetryAfter, PastDatesAreNone) {
  EXPECT_EQ(retry_after("Wed, 10 Jun 2026 08:59:00 GMT"), std::nullopt);
  EXPECT_EQ(retry_after("Wed, 10 Jun 2026 09:00:00 GMT"), std::nullopt);  // 400 ms ago
}

TEST(RetryAfter, AsctimeAcceptsTwoDigitDays) {
  EXPECT_EQ(parse_http_date("Sun Nov 16 08:49:37 1994", kNow),
            std::chrono::sys_days{std::chrono::year{1994} / 11 / 16} + 8h + 49min + 37s);
}

TEST(RetryAfter, Rfc850TwoDigitYearsMoreThanFiftyYearsAheadAreLastCentury) {
  using std::chrono::sys_days;
  using std::chrono::year;
  EXPECT_EQ(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT", kNow),
            sys_days{year{1994} / 11 / 6} + 8h + 49min + 37s);
  EXPECT_EQ(parse_http_date("Sunday, 06-Nov-76 08:49:37 GMT", kNow),
            sys_days{year{2076} / 11 / 6} + 8h + 49min + 37s);
  EXPECT_EQ(parse_http_date("Sunday, 06-Nov-77 08:49:37 GMT", kNow),
            sys_days{year{1977} / 11 / 6} + 8h + 49min + 37s);
}

TEST(HeartbeatBudget, ThreeIntervalsButAtLeastThirtySecondsOfSlack) {
  EXPECT_EQ(heartbeat_budget(30s), milliseconds(90s));
  EXPECT_EQ(heartbeat_budget(10s), milliseconds(40s));
  EXPECT_EQ(heartbeat_budget(1s), milliseconds(31s));
  EXPECT_EQ(heartbeat_budget(0s), milliseconds(30s));
  static_assert(heartbeat_budget(std::chrono::seconds(30)) == std::chrono::seconds(90));
}

TEST(HeartbeatBudget, SaturatesWithoutOverflow) {
  const milliseconds cap = std::chrono::seconds(4294967295LL);
  EXPECT_EQ(heartbeat_budget(std::chrono::seconds(4294967295LL)), cap);
  EXPECT_EQ(heartbeat_budget(milliseconds::max()), cap);
  EXPECT_EQ(heartbeat_budget(std::chrono::seconds(2000000000LL)), cap);
}

}  // namespace
