// Sleep before retrying a failed trigger: exponential growth with full jitter.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace aviso::trigger {

// Delay before retry number `retry` (0 = the first retry).
using Backoff = std::function<std::chrono::nanoseconds(std::uint32_t retry)>;

inline constexpr std::chrono::milliseconds kTriggerBackoffBase{250};
inline constexpr std::chrono::seconds kTriggerBackoffCap{30};

// The upper bound of the jittered delay: base * 2^retry, capped.
std::chrono::nanoseconds backoff_ceiling(std::uint32_t retry,
                                         std::chrono::nanoseconds base = kTriggerBackoffBase,
                                         std::chrono::nanoseconds cap = kTriggerBackoffCap);

// Uniform in [0, ceiling] (so a delay may be 0): retries of many watches spread out instead of
// hitting a recovering endpoint together.
Backoff full_jitter_backoff(std::chrono::nanoseconds base = kTriggerBackoffBase,
                            std::chrono::nanoseconds cap = kTriggerBackoffCap);

}  // namespace aviso::trigger
