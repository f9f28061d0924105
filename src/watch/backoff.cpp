#include "watch/backoff.hpp"

#include <algorithm>

namespace aviso::watch {

std::uint64_t JitterSource::next() noexcept {
  state_ += 0x9E3779B97F4A7C15ULL;
  std::uint64_t z = state_;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::chrono::milliseconds exponential_ceiling(std::uint32_t attempt) noexcept {
  // 250 ms * 2^20 fits easily in 64 bits; the cap applies from attempt 7 on.
  const std::uint32_t exponent = std::min<std::uint32_t>(attempt, 20);
  const auto uncapped = kExponentialBase * (std::int64_t{1} << exponent);
  return std::min(uncapped, kExponentialCap);
}

std::chrono::milliseconds compute_backoff(std::uint32_t attempt, ReconnectPolicy policy,
                                          JitterSource& jitter) noexcept {
  switch (policy) {
    case ReconnectPolicy::Immediate:
      return std::chrono::milliseconds::zero();
    case ReconnectPolicy::ShortBackoff:
      return kShortBackoff;
    case ReconnectPolicy::ExponentialBackoff:
      break;
  }
  const auto ceiling = static_cast<std::uint64_t>(exponential_ceiling(attempt).count());
  return std::chrono::milliseconds(static_cast<std::int64_t>(jitter.next() % ceiling));
}

}  // namespace aviso::watch
