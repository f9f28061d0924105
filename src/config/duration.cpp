// humantime-compatible durations: a sequence of <number><unit> pairs, optionally separated by
// spaces. Units follow the reference's parser (ns, us, ms, s, m, h, d, w, M, y and their long
// forms).
#include <cctype>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include "aviso/settings.hpp"

namespace aviso {
namespace {

// Nanoseconds per unit, or 0 when the unit is unknown.
std::uint64_t unit_nanoseconds(const std::string& unit) {
  constexpr std::uint64_t ns = 1, us = 1000 * ns, ms = 1000 * us, s = 1000 * ms, m = 60 * s,
                          h = 60 * m, d = 24 * h;
  if (unit == "nsec" || unit == "ns") return ns;
  if (unit == "usec" || unit == "us" || unit == "\xC2\xB5s") return us;
  if (unit == "msec" || unit == "ms") return ms;
  if (unit == "seconds" || unit == "second" || unit == "secs" || unit == "sec" || unit == "s") {
    return s;
  }
  if (unit == "minutes" || unit == "minute" || unit == "min" || unit == "mins" || unit == "m") {
    return m;
  }
  if (unit == "hours" || unit == "hour" || unit == "hr" || unit == "hrs" || unit == "h") return h;
  if (unit == "days" || unit == "day" || unit == "d") return d;
  if (unit == "weeks" || unit == "week" || unit == "w") return 7 * d;
  if (unit == "months" || unit == "month" || unit == "M") return 2630016 * s;  // 30.44 days
  if (unit == "years" || unit == "year" || unit == "y") return 31557600 * s;   // 365.25 days
  return 0;
}

}  // namespace

std::chrono::milliseconds parse_duration(const std::string& text) {
  std::size_t i = 0;
  std::uint64_t total = 0;
  bool any = false;
  const auto skip_spaces = [&] {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  };
  skip_spaces();
  if (i == text.size()) throw std::invalid_argument("empty duration");
  while (i < text.size()) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
      throw std::invalid_argument("expected a number at '" + text.substr(i) + "'");
    }
    std::uint64_t number = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      const auto digit = static_cast<std::uint64_t>(text[i] - '0');
      if (number > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) {
        throw std::invalid_argument("number is too large");
      }
      number = number * 10 + digit;
      ++i;
    }
    const std::size_t unit_start = i;
    while (i < text.size() && !std::isdigit(static_cast<unsigned char>(text[i])) &&
           !std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
    }
    const std::string unit = text.substr(unit_start, i - unit_start);
    if (unit.empty()) throw std::invalid_argument("missing unit after " + std::to_string(number));
    const std::uint64_t scale = unit_nanoseconds(unit);
    if (scale == 0) throw std::invalid_argument("unknown unit '" + unit + "'");
    if (number != 0 && scale > std::numeric_limits<std::uint64_t>::max() / number) {
      throw std::invalid_argument("duration is too large");
    }
    const std::uint64_t part = number * scale;
    if (total > std::numeric_limits<std::uint64_t>::max() - part) {
      throw std::invalid_argument("duration is too large");
    }
    total += part;
    any = true;
    skip_spaces();
  }
  if (!any) throw std::invalid_argument("empty duration");
  return std::chrono::milliseconds(static_cast<std::int64_t>(total / 1000000));
}

}  // namespace aviso
