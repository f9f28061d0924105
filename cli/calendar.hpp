// Strict validation of civil (proleptic Gregorian) dates and times, shared by the --from/--until
// parser and the listener YAML from_date check.
#pragma once

#include <optional>
#include <string>

namespace aviso::cli {

struct CivilDateTime {
  int year = 0;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;  // 60 is a leap second and accepted
};

bool is_leap_year(int year) noexcept;
int days_in_month(int year, int month) noexcept;  // 0 when month is not 1..12

// What is wrong with `value` ("month 13 is not 01..12", "day 30 does not exist in 2024-02"),
// or nothing when it is a real date and time.
std::optional<std::string> civil_date_time_problem(const CivilDateTime& value);

}  // namespace aviso::cli
