#include "time_text.hpp"

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <limits>

namespace aviso::server {

namespace {

using std::chrono::days;
using std::chrono::nanoseconds;
using std::chrono::seconds;

struct CivilTime {
  int year;
  unsigned month;
  unsigned day;
  long long hours;
  long long minutes;
  long long secs;
  long long nanos;
};

CivilTime split(Instant instant) {
  const auto day_start = std::chrono::floor<days>(instant);
  const std::chrono::year_month_day date{std::chrono::sys_days{day_start.time_since_epoch()}};
  const auto in_day = instant - day_start;
  const long long total_nanos = in_day.count();
  const long long total_seconds = total_nanos / 1'000'000'000;
  return CivilTime{static_cast<int>(date.year()),     static_cast<unsigned>(date.month()),
                   static_cast<unsigned>(date.day()), total_seconds / 3600,
                   (total_seconds / 60) % 60,         total_seconds % 60,
                   total_nanos % 1'000'000'000};
}

std::string format_without_zone(const CivilTime& t) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02lld:%02lld:%02lld", t.year, t.month,
                t.day, t.hours, t.minutes, t.secs);
  return buffer;
}

// Instants are nanoseconds in 64 bits (years 1678..2262); later or earlier dates are clamped, which
// keeps their meaning for cursors ("after everything", "before everything").
Instant clamped_instant(long long seconds_since_epoch, long long nanos) {
  constexpr long long kMaxSeconds = std::numeric_limits<long long>::max() / 1'000'000'000 - 1;
  if (seconds_since_epoch > kMaxSeconds) return Instant::max();
  if (seconds_since_epoch < -kMaxSeconds) return Instant::min();
  return Instant{seconds{seconds_since_epoch}} + nanoseconds{nanos};
}

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Reads exactly `width` digits at `pos`, advancing it.
bool read_fixed(std::string_view text, std::size_t& pos, std::size_t width, long long& out) {
  if (pos + width > text.size() || !all_digits(text.substr(pos, width))) return false;
  out = 0;
  for (std::size_t i = 0; i < width; ++i) out = out * 10 + (text[pos + i] - '0');
  pos += width;
  return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

std::optional<Instant> parse_epoch(std::string_view digits) {
  // Leading zeros do not count: "0001740509903" is still Unix seconds.
  const auto first_significant = digits.find_first_not_of('0');
  const std::string_view significant = first_significant == std::string_view::npos
                                           ? std::string_view{}
                                           : digits.substr(first_significant);
  std::uint64_t value = 0;
  if (!significant.empty()) {
    const auto [end, error] =
        std::from_chars(significant.data(), significant.data() + significant.size(), value);
    if (error != std::errc{} || end != significant.data() + significant.size()) return std::nullopt;
  }
  constexpr std::uint64_t kMaxMillis = 253402300799999ULL;  // 9999-12-31T23:59:59.999Z
  if (significant.size() <= 11) {
    if (value > kMaxMillis / 1000) return std::nullopt;
    return clamped_instant(static_cast<long long>(value), 0);
  }
  if (value > kMaxMillis) return std::nullopt;
  return clamped_instant(static_cast<long long>(value / 1000),
                         static_cast<long long>(value % 1000) * 1'000'000);
}

std::optional<Instant> parse_calendar(std::string_view text) {
  std::size_t pos = 0;
  long long year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!read_fixed(text, pos, 4, year) || !expect(text, pos, '-') ||
      !read_fixed(text, pos, 2, month) || !expect(text, pos, '-') ||
      !read_fixed(text, pos, 2, day)) {
    return std::nullopt;
  }
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ')) {
    return std::nullopt;
  }
  ++pos;
  if (!read_fixed(text, pos, 2, hour) || !expect(text, pos, ':') ||
      !read_fixed(text, pos, 2, minute) || !expect(text, pos, ':') ||
      !read_fixed(text, pos, 2, second)) {
    return std::nullopt;
  }
  long long fraction_nanos = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const std::size_t start = pos;
    long long scale = 100'000'000;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      fraction_nanos += (text[pos] - '0') * scale;  // digits past nanoseconds are truncated
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  long long offset_minutes = 0;
  if (pos < text.size()) {
    const char zone = text[pos];
    if (zone == 'Z' || zone == 'z') {
      ++pos;
    } else if (zone == '+' || zone == '-') {
      ++pos;
      long long offset_hours = 0, offset_mins = 0;
      if (!read_fixed(text, pos, 2, offset_hours) || !expect(text, pos, ':') ||
          !read_fixed(text, pos, 2, offset_mins) || offset_hours > 23 || offset_mins > 59) {
        return std::nullopt;
      }
      offset_minutes = (offset_hours * 60 + offset_mins) * (zone == '-' ? -1 : 1);
    } else {
      return std::nullopt;
    }
  }
  if (pos != text.size()) return std::nullopt;
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;

  const std::chrono::year_month_day date{std::chrono::year{static_cast<int>(year)},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return std::nullopt;
  const long long day_seconds = std::chrono::sys_days{date}.time_since_epoch().count() * 86400LL;
  return clamped_instant(day_seconds + hour * 3600 + (minute - offset_minutes) * 60 + second,
                         fraction_nanos);
}

}  // namespace

Instant now() { return std::chrono::time_point_cast<nanoseconds>(Clock::now()); }

std::string format_seconds(Instant instant) { return format_without_zone(split(instant)) + "Z"; }

std::string format_auto_fraction(Instant instant) {
  const CivilTime parts = split(instant);
  std::string text = format_without_zone(parts);
  if (parts.nanos != 0) {
    char fraction[32];
    if (parts.nanos % 1'000'000 == 0) {
      std::snprintf(fraction, sizeof fraction, ".%03lld", parts.nanos / 1'000'000);
    } else if (parts.nanos % 1000 == 0) {
      std::snprintf(fraction, sizeof fraction, ".%06lld", parts.nanos / 1000);
    } else {
      std::snprintf(fraction, sizeof fraction, ".%09lld", parts.nanos);
    }
    text += fraction;
  }
  return text + "Z";
}

std::optional<Instant> parse_date_time(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return std::nullopt;
  const auto last = text.find_last_not_of(" \t\r\n");
  text = text.substr(first, last - first + 1);

  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  if (all_digits(digits)) return parse_epoch(digits);
  return parse_calendar(text);
}

}  // namespace aviso::server
