#include "trigger/backoff.hpp"

#include <algorithm>
#include <memory>
#include <mutex>
#include <random>

namespace aviso::trigger {

std::chrono::nanoseconds backoff_ceiling(std::uint32_t retry, std::chrono::nanoseconds base,
                                         std::chrono::nanoseconds cap) {
  std::chrono::nanoseconds ceiling = base;
  for (std::uint32_t i = 0; i < retry && ceiling < cap; ++i) ceiling *= 2;
  return std::min(ceiling, cap);
}

Backoff full_jitter_backoff(std::chrono::nanoseconds base, std::chrono::nanoseconds cap) {
  struct Random {
    std::mutex mutex;
    std::mt19937_64 engine{std::random_device{}()};
  };
  auto random = std::make_shared<Random>();
  return [random, base, cap](std::uint32_t retry) {
    const std::chrono::nanoseconds ceiling = backoff_ceiling(retry, base, cap);
    std::uniform_int_distribution<std::chrono::nanoseconds::rep> pick(0, ceiling.count());
    std::lock_guard<std::mutex> lock(random->mutex);
    return std::chrono::nanoseconds(pick(random->engine));
  };
}

}  // namespace aviso::trigger
