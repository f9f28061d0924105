// How long a watch waits for the next body chunk before it calls the connection dead
// (spec watch-and-state.md 2.7).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace aviso::watch {

inline constexpr std::chrono::seconds kDefaultHeartbeatInterval{30};

// max(3 * interval, interval + 30 s), saturating at 2^32 - 1 seconds. Three missed heartbeats,
// but never less than 30 s of slack, so a short interval does not make a slow proxy fatal.
constexpr std::chrono::milliseconds heartbeat_budget(std::chrono::milliseconds interval) {
  constexpr std::int64_t kCapMs = std::int64_t{0xFFFFFFFF} * 1000;
  const std::int64_t ms = std::clamp<std::int64_t>(interval.count(), 0, kCapMs);
  // ms <= kCapMs < 2^42, so 3 * ms cannot overflow 64 bits.
  const std::int64_t budget = std::max(3 * ms, ms + 30000);
  return std::chrono::milliseconds(std::min(budget, kCapMs));
}

}  // namespace aviso::watch
