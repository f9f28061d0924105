// Reconnect delays (spec watch-and-state.md 2.5). Pure: randomness is passed in.
#pragma once

#include <chrono>
#include <cstdint>

#include "watch/watch_reducer.hpp"

namespace aviso::watch {

// A small, seedable, non-cryptographic generator for jitter (splitmix64). Seed it from a real
// entropy source in production so that many clients do not retry in lockstep; seed it with a
// constant in tests.
class JitterSource {
 public:
  explicit JitterSource(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() noexcept;

 private:
  std::uint64_t state_;
};

inline constexpr std::chrono::milliseconds kShortBackoff{5000};
inline constexpr std::chrono::milliseconds kExponentialBase{250};
inline constexpr std::chrono::milliseconds kExponentialCap{30000};

// The exclusive upper bound of the exponential delay: min(250 ms * 2^min(attempt, 20), 30 s).
std::chrono::milliseconds exponential_ceiling(std::uint32_t attempt) noexcept;

// Immediate -> 0; ShortBackoff -> exactly 5 s; ExponentialBackoff -> "full jitter", uniform in
// [0, exponential_ceiling(attempt)) with millisecond resolution. `attempt` counts from 0.
std::chrono::milliseconds compute_backoff(std::uint32_t attempt, ReconnectPolicy policy,
                                          JitterSource& jitter) noexcept;

}  // namespace aviso::watch
