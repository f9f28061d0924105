#include "watch/retry_after.hpp"

#include <array>
#include <cstdint>
#include <string_view>

namespace aviso::watch {
namespace {

using std::chrono::system_clock;

constexpr std::array<std::string_view, 7> kShortDays = {"Mon", "Tue", "Wed", "Thu",
                                                        "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 7> kLongDays = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// A forward-only reader over the header text; every take_* fails by returning nothing.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  bool literal(std::string_view expected) {
    if (text_.substr(0, expected.size()) != expected) {
      return false;
    }
    text_.remove_prefix(expected.size());
    return true;
  }
  std::optional<int> digits(std::size_t count) {
    if (text_.size() < count) {
      return std::nullopt;
    }
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const char c = text_[i];
      if (c < '0' || c > '9') {
        return std::nullopt;
      }
      value = value * 10 + (c - '0');
    }
    text_.remove_prefix(count);
    return value;
  }
  template <std::size_t N>
  bool one_of(const std::array<std::string_view, N>& names) {
    for (const auto name : names) {
      if (literal(name)) {
        return true;
      }
    }
    return false;
  }
  std::optional<unsigned> month() {
    for (unsigned i = 0; i < kMonths.size(); ++i) {
      if (literal(kMonths[i])) {
        return i + 1;
      }
    }
    return std::nullopt;
  }
  bool done() const { return text_.empty(); }

 private:
  std::string_view text_;
};

struct Fields {
  int year = 0;
  unsigned month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
};

bool read_time(Reader& in, Fields& f) {
  const auto h = in.digits(2);
  if (!h || !in.literal(":")) return false;
  const auto m = in.digits(2);
  if (!m || !in.literal(":")) return false;
  const auto s = in.digits(2);
  if (!s) return false;
  f.hour = *h;
  f.minute = *m;
  f.second = *s;
  return true;
}

std::optional<system_clock::time_point> to_time_point(const Fields& f) {
  using namespace std::chrono;
  const year_month_day date{year{f.year}, month{f.month}, day{static_cast<unsigned>(f.day)}};
  if (!date.ok() || f.hour > 23 || f.minute > 59 || f.second > 60) {
    return std::nullopt;
  }
  return sys_days{date} + hours{f.hour} + minutes{f.minute} + seconds{f.second};
}

// IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
std::optional<Fields> imf_fixdate(std::string_view text) {
  Reader in(text);
  Fields f;
  if (!in.one_of(kShortDays) || !in.literal(", ")) return std::nullopt;
  const auto d = in.digits(2);
  if (!d || !in.literal(" ")) return std::nullopt;
  const auto m = in.month();
  if (!m || !in.literal(" ")) return std::nullopt;
  const auto y = in.digits(4);
  if (!y || !in.literal(" ") || !read_time(in, f) || !in.literal(" GMT") || !in.done()) {
    return std::nullopt;
  }
  f.day = *d;
  f.month = *m;
  f.year = *y;
  return f;
}

// RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"
std::optional<Fields> rfc850(std::string_view text, int current_year) {
  Reader in(text);
  Fields f;
  if (!in.one_of(kLongDays) || !in.literal(", ")) return std::nullopt;
  const auto d = in.digits(2);
  if (!d || !in.literal("-")) return std::nullopt;
  const auto m = in.month();
  if (!m || !in.literal("-")) return std::nullopt;
  const auto yy = in.digits(2);
  if (!yy || !in.literal(" ") || !read_time(in, f) || !in.literal(" GMT") || !in.done()) {
    return std::nullopt;
  }
  // RFC 9110 5.6.7: a two-digit year more than 50 years ahead means the previous century.
  int year = current_year - current_year % 100 + *yy;
  if (year > current_year + 50) {
    year -= 100;
  }
  f.day = *d;
  f.month = *m;
  f.year = year;
  return f;
}

// asctime: "Sun Nov  6 08:49:37 1994" (day padded with a space) or "Sun Nov 16 ..."
std::optional<Fields> asctime_date(std::string_view text) {
  Reader in(text);
  Fields f;
  if (!in.one_of(kShortDays) || !in.literal(" ")) return std::nullopt;
  const auto m = in.month();
  if (!m || !in.literal(" ")) return std::nullopt;
  std::optional<int> d;
  if (in.literal(" ")) {
    d = in.digits(1);
  } else {
    d = in.digits(2);
  }
  if (!d || !in.literal(" ") || !read_time(in, f) || !in.literal(" ")) return std::nullopt;
  const auto y = in.digits(4);
  if (!y || !in.done()) return std::nullopt;
  f.day = *d;
  f.month = *m;
  f.year = *y;
  return f;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<system_clock::time_point> parse_http_date(std::string_view text,
                                                        system_clock::time_point now) {
  using namespace std::chrono;
  const int current_year = static_cast<int>(year_month_day{floor<days>(now)}.year());
  std::optional<Fields> fields = imf_fixdate(text);
  if (!fields) fields = rfc850(text, current_year);
  if (!fields) fields = asctime_date(text);
  if (!fields) return std::nullopt;
  return to_time_point(*fields);
}

std::optional<std::chrono::milliseconds> parse_retry_after(std::optional<std::string_view> header,
                                                           system_clock::time_point now) {
  using namespace std::chrono;
  if (!header) {
    return std::nullopt;
  }
  const std::string_view text = trim(*header);
  if (text.empty()) {
    return std::nullopt;
  }
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      return std::nullopt;
    }
  }
  bool all_digits = true;
  std::uint64_t delta = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      all_digits = false;
      break;
    }
    // Saturate long before overflow: anything past the cap is the cap.
    delta = std::min<std::uint64_t>(delta * 10 + static_cast<std::uint64_t>(c - '0'), 1000000);
  }
  if (all_digits) {
    return duration_cast<milliseconds>(
        std::min(seconds(static_cast<std::int64_t>(delta)), kRetryAfterCap));
  }
  const auto date = parse_http_date(text, now);
  if (!date || *date <= now) {
    return std::nullopt;
  }
  const auto wait = ceil<milliseconds>(*date - now);
  return std::min<milliseconds>(wait, kRetryAfterCap);
}

}  // namespace aviso::watch
