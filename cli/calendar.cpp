#include "calendar.hpp"

#include <array>
#include <cstdio>

namespace aviso::cli {

bool is_leap_year(int year) noexcept {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) noexcept {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[static_cast<std::size_t>(month - 1)];
}

std::optional<std::string> civil_date_time_problem(const CivilDateTime& value) {
  auto two = [](int n) {
    std::array<char, 16> text{};
    std::snprintf(text.data(), text.size(), "%02d", n);
    return std::string(text.data());
  };
  if (value.month < 1 || value.month > 12) {
    return "month " + two(value.month) + " is not 01..12";
  }
  if (value.day < 1 || value.day > days_in_month(value.year, value.month)) {
    std::array<char, 32> year_month{};
    std::snprintf(year_month.data(), year_month.size(), "%04d-%02d", value.year, value.month);
    return "day " + two(value.day) + " does not exist in " + year_month.data();
  }
  if (value.hour > 23) return "hour " + two(value.hour) + " is not 00..23";
  if (value.minute > 59) return "minute " + two(value.minute) + " is not 00..59";
  if (value.second > 60) return "second " + two(value.second) + " is not 00..60";
  return std::nullopt;
}

}  // namespace aviso::cli
