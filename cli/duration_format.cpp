#include "duration_format.hpp"

#include <array>
#include <cstdint>
#include <string_view>
#include <utility>

namespace aviso::cli {

std::string format_duration(std::chrono::nanoseconds value) {
  if (value.count() <= 0) return "0s";
  auto rest = static_cast<std::uint64_t>(value.count());
  constexpr std::uint64_t kSecond = 1'000'000'000ULL;
  static constexpr std::array<std::pair<std::string_view, std::uint64_t>, 7> kParts{{
      {"d", 86400 * kSecond},
      {"h", 3600 * kSecond},
      {"m", 60 * kSecond},
      {"s", kSecond},
      {"ms", 1'000'000},
      {"us", 1'000},
      {"ns", 1},
  }};
  std::string out;
  for (const auto& [name, nanos] : kParts) {
    if (rest < nanos) continue;
    if (!out.empty()) out += ' ';
    out += std::to_string(rest / nanos);
    out += name;
    rest %= nanos;
  }
  return out;
}

}  // namespace aviso::cli
