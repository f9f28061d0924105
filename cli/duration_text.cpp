#include "duration_text.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <utility>

namespace aviso::cli {
namespace {

using Nanos = std::uint64_t;

constexpr Nanos kSecond = 1'000'000'000ULL;

struct Unit {
  std::string_view name;
  Nanos nanos;
};

constexpr std::array<Unit, 28> kUnits{{
    {"nsec", 1},
    {"ns", 1},
    {"usec", 1'000},
    {"us", 1'000},
    {"\xC2\xB5s", 1'000},  // µs
    {"msec", 1'000'000},
    {"ms", 1'000'000},
    {"seconds", kSecond},
    {"second", kSecond},
    {"sec", kSecond},
    {"s", kSecond},
    {"minutes", 60 * kSecond},
    {"minute", 60 * kSecond},
    {"min", 60 * kSecond},
    {"m", 60 * kSecond},
    {"hours", 3600 * kSecond},
    {"hour", 3600 * kSecond},
    {"hr", 3600 * kSecond},
    {"h", 3600 * kSecond},
    {"days", 86400 * kSecond},
    {"day", 86400 * kSecond},
    {"d", 86400 * kSecond},
    {"weeks", 604800 * kSecond},
    {"week", 604800 * kSecond},
    {"w", 604800 * kSecond},
    {"months", 2'630'016 * kSecond},
    {"month", 2'630'016 * kSecond},
    {"M", 2'630'016 * kSecond},
}};
constexpr std::array<Unit, 3> kYearUnits{{
    {"years", 31'557'600 * kSecond},
    {"year", 31'557'600 * kSecond},
    {"y", 31'557'600 * kSecond},
}};

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_unit_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
}

std::optional<Nanos> unit_nanos(std::string_view name) {
  for (const auto& unit : kUnits) {
    if (unit.name == name) return unit.nanos;
  }
  for (const auto& unit : kYearUnits) {
    if (unit.name == name) return unit.nanos;
  }
  return std::nullopt;
}

[[noreturn]] void reject(std::string_view text, const std::string& why) {
  throw std::invalid_argument("invalid duration `" + std::string(text) + "`: " + why +
                              " (examples: 30s, 500ms, 1m30s, 1h 30m)");
}

}  // namespace

std::chrono::nanoseconds parse_duration(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && is_blank(text[i])) ++i;
  if (i == text.size()) reject(text, "it is empty");
  Nanos total = 0;
  constexpr Nanos kMax = static_cast<Nanos>(std::numeric_limits<std::int64_t>::max());
  while (i < text.size()) {
    if (!is_digit(text[i])) {
      reject(text, "expected a number at offset " + std::to_string(i));
    }
    Nanos number = 0;
    while (i < text.size() && is_digit(text[i])) {
      const Nanos digit = static_cast<Nanos>(text[i] - '0');
      if (number > (kMax - digit) / 10) reject(text, "it is too large");
      number = number * 10 + digit;
      ++i;
    }
    while (i < text.size() && is_blank(text[i])) ++i;  // "2 seconds" is fine
    if (i < text.size() && !is_unit_char(text[i])) {
      reject(text, "unexpected character `" + std::string(1, text[i]) + "` at offset " +
                       std::to_string(i));
    }
    const std::size_t unit_start = i;
    while (i < text.size() && is_unit_char(text[i])) ++i;
    const std::string_view unit_name = text.substr(unit_start, i - unit_start);
    if (unit_name.empty()) reject(text, "the number " + std::to_string(number) + " needs a unit");
    const auto unit = unit_nanos(unit_name);
    if (!unit) reject(text, "unknown time unit `" + std::string(unit_name) + "`");
    if (number != 0 && *unit > kMax / number) reject(text, "it is too large");
    const Nanos item = number * *unit;
    if (total > kMax - item) reject(text, "it is too large");
    total += item;
    while (i < text.size() && is_blank(text[i])) ++i;
  }
  return std::chrono::nanoseconds(static_cast<std::int64_t>(total));
}

std::string format_duration(std::chrono::nanoseconds value) {
  if (value.count() <= 0) return "0s";
  auto rest = static_cast<Nanos>(value.count());
  static constexpr std::array<std::pair<std::string_view, Nanos>, 7> kParts{{
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
