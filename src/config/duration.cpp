// humantime-compatible durations: a sequence of <number> <unit> pairs, spaces optional between
// and inside them. Units are those of the reference's parser (ns, us, ms, s, m, h, d, w, M, y and
// their long forms).
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
  if (unit == "nanos" || unit == "nsec" || unit == "ns") return ns;
  if (unit == "usec" || unit == "us" || unit == "\xC2\xB5s") return us;
  if (unit == "millis" || unit == "msec" || unit == "ms") return ms;
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
  // humantime's grammar: a number is digits with any whitespace between and around them
  // ("1 0s" is 10 s, as in the reference), its unit is the run of letters that follows, ended by
  // whitespace or the next number's first digit; so "2 seconds", "1h 30m" and "1h30m" all parse.
  const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  const auto is_digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  // ASCII letters, plus the two bytes of U+00B5 MICRO SIGN for "µs".
  const auto is_unit_byte = [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '\xC2' || c == '\xB5';
  };
  std::size_t i = 0;
  std::uint64_t total = 0;
  bool any = false;
  while (true) {
    while (i < text.size() && is_space(text[i])) ++i;
    if (i == text.size()) break;
    if (!is_digit(text[i])) {
      throw std::invalid_argument("expected a number at '" + text.substr(i) + "'");
    }
    std::uint64_t number = 0;
    while (i < text.size() && (is_digit(text[i]) || is_space(text[i]))) {
      if (is_digit(text[i])) {
        const auto digit = static_cast<std::uint64_t>(text[i] - '0');
        if (number > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) {
          throw std::invalid_argument("number is too large");
        }
        number = number * 10 + digit;
      }
      ++i;
    }
    const std::size_t unit_start = i;
    while (i < text.size() && is_unit_byte(text[i])) ++i;
    if (i < text.size() && !is_digit(text[i]) && !is_space(text[i])) {
      throw std::invalid_argument("invalid character '" + text.substr(i, 1) + "' at offset " +
                                  std::to_string(i));
    }
    const std::string unit = text.substr(unit_start, i - unit_start);
    if (unit.empty()) {
      throw std::invalid_argument("time unit needed after " + std::to_string(number) +
                                  ", for example " + std::to_string(number) + "sec or " +
                                  std::to_string(number) + "ms");
    }
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
  }
  if (!any) throw std::invalid_argument("empty duration");
  return std::chrono::milliseconds(static_cast<std::int64_t>(total / 1000000));
}

}  // namespace aviso
