#include "handlers.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>

#include "number_text.hpp"
#include "spatial.hpp"
#include "validation_error.hpp"

namespace aviso::server {

namespace {

std::string quoted_field(const FieldRule& rule) { return "Field '" + rule.name + "'"; }

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

unsigned digits_value(std::string_view text) {
  unsigned value = 0;
  for (char c : text) value = value * 10 + static_cast<unsigned>(c - '0');
  return value;
}

std::string canonical_string(const FieldRule& rule, std::string_view value) {
  if (value.empty()) throw ValidationError(quoted_field(rule) + " cannot be empty");
  if (rule.max_length && value.size() > *rule.max_length) {
    throw ValidationError(quoted_field(rule) + " value '" + std::string(value) +
                          "' is longer than " + std::to_string(*rule.max_length) +
                          " bytes (max_length)");
  }
  return std::string(value);
}

std::optional<std::chrono::year_month_day> parse_date(std::string_view value) {
  using namespace std::chrono;
  const auto make = [](std::string_view y, std::string_view m,
                       std::string_view d) -> std::optional<year_month_day> {
    if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return std::nullopt;
    const year_month_day date{year{static_cast<int>(digits_value(y))}, month{digits_value(m)},
                              day{digits_value(d)}};
    if (!date.ok()) return std::nullopt;
    return date;
  };
  if (value.size() == 10 && value[4] == '-' && value[7] == '-') {
    return make(value.substr(0, 4), value.substr(5, 2), value.substr(8, 2));
  }
  if (value.size() == 8) return make(value.substr(0, 4), value.substr(4, 2), value.substr(6, 2));
  return std::nullopt;
}

std::optional<std::chrono::year_month_day> parse_day_of_year(std::string_view value) {
  using namespace std::chrono;
  if (value.size() != 8 || value[4] != '-') return std::nullopt;
  const std::string_view y = value.substr(0, 4);
  const std::string_view d = value.substr(5, 3);
  if (!all_digits(y) || !all_digits(d)) return std::nullopt;
  const year the_year{static_cast<int>(digits_value(y))};
  const unsigned ordinal = digits_value(d);
  const unsigned days_in_year = the_year.is_leap() ? 366 : 365;
  if (ordinal < 1 || ordinal > days_in_year) return std::nullopt;
  const sys_days first{the_year / January / 1};
  return year_month_day{first + days{ordinal - 1}};
}

std::string canonical_date(const FieldRule& rule, std::string_view value) {
  auto date = parse_date(value);
  if (!date) date = parse_day_of_year(value);
  if (!date) {
    throw ValidationError("Failed to parse date value for field '" + rule.name + "'",
                          quoted_field(rule) + " contains invalid date '" + std::string(value) +
                              "'. Expected: YYYY-MM-DD, YYYYMMDD, or YYYY-DDD");
  }
  char buffer[16];
  const char* format = rule.canonical_format == "%Y-%m-%d" ? "%04d-%02u-%02u" : "%04d%02u%02u";
  std::snprintf(buffer, sizeof buffer, format, static_cast<int>(date->year()),
                static_cast<unsigned>(date->month()), static_cast<unsigned>(date->day()));
  return buffer;
}

std::string canonical_time(const FieldRule& rule, std::string_view value) {
  const auto hhmm = [&](unsigned hours, unsigned minutes) {
    if (hours > 23) {
      throw ValidationError(quoted_field(rule) + " has invalid hours: " + std::to_string(hours) +
                            ". Hours must be 0-23 in 24-hour format");
    }
    if (minutes > 59) {
      throw ValidationError(quoted_field(rule) + " has invalid minutes: " +
                            std::to_string(minutes) + ". Minutes must be 0-59");
    }
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%02u%02u", hours, minutes);
    return std::string(buffer);
  };
  if (!value.empty() && value.size() <= 2 && all_digits(value)) return hhmm(digits_value(value), 0);
  if (value.find(':') != std::string_view::npos) {
    const auto colon = value.find(':');
    const std::string_view hours = value.substr(0, colon);
    const std::string_view minutes = value.substr(colon + 1);
    if (hours.empty() || hours.size() > 2 || !all_digits(hours) || minutes.size() != 2 ||
        !all_digits(minutes)) {
      throw ValidationError(quoted_field(rule) + " has invalid HH:MM format '" +
                            std::string(value) + "'. Expected format: HH:MM (e.g., 14:30, 9:05)");
    }
    return hhmm(digits_value(hours), digits_value(minutes));
  }
  if (value.size() == 4) {
    if (!all_digits(value)) {
      throw ValidationError(quoted_field(rule) + " has invalid HHMM format '" + std::string(value) +
                            "'. Expected format: HHMM with exactly 4 digits (e.g., 1430, 0905)");
    }
    return hhmm(digits_value(value.substr(0, 2)), digits_value(value.substr(2, 2)));
  }
  throw ValidationError(quoted_field(rule) + " has invalid time format '" + std::string(value) +
                        "'. Expected: H, HH, HH:MM, or HHMM");
}

std::string canonical_enum(const FieldRule& rule, std::string_view value) {
  const std::string lower = to_lower_ascii(value);
  for (const auto& allowed : rule.values) {
    if (to_lower_ascii(allowed) == lower) return lower;
  }
  std::string list;
  for (std::size_t i = 0; i < rule.values.size(); ++i) {
    if (i != 0) list += ", ";
    list += rule.values[i];
  }
  throw ValidationError(quoted_field(rule) + " has invalid value '" + std::string(value) +
                        "'. Allowed: [" + list + "]");
}

std::string canonical_expver(const FieldRule& rule, std::string_view value) {
  if (value.empty()) {
    if (!rule.default_value || rule.default_value->empty()) {
      throw ValidationError(quoted_field(rule) + " cannot be empty (no default configured)");
    }
    value = *rule.default_value;
  }
  if (all_digits(value)) {
    const auto number = parse_u64(value);
    if (number && *number <= std::numeric_limits<std::uint32_t>::max()) {
      char buffer[16];
      std::snprintf(buffer, sizeof buffer, "%04u", static_cast<unsigned>(*number));
      return buffer;
    }
  }
  return to_lower_ascii(value);
}

std::string canonical_int(const FieldRule& rule, std::string_view value) {
  const auto number = parse_i64(value);
  if (!number) {
    throw ValidationError(quoted_field(rule) + " must be a valid integer, got: '" +
                          std::string(value) + "'");
  }
  if (rule.int_range && (*number < rule.int_range->first || *number > rule.int_range->second)) {
    throw ValidationError(quoted_field(rule) + " value " + std::to_string(*number) +
                          " is outside allowed range [" + std::to_string(rule.int_range->first) +
                          ", " + std::to_string(rule.int_range->second) + "]");
  }
  return std::to_string(*number);
}

std::string canonical_float(const FieldRule& rule, std::string_view value) {
  const auto number = parse_f64(value);
  if (!number) {
    throw ValidationError(
        quoted_field(rule) + " must be a valid number, got: '" + std::string(value) + "'",
        "invalid float literal");
  }
  if (!std::isfinite(*number)) {
    throw ValidationError(quoted_field(rule) + " must be a finite number, got: '" +
                          std::string(value) + "'");
  }
  if (rule.float_range &&
      (*number < rule.float_range->first || *number > rule.float_range->second)) {
    throw ValidationError(quoted_field(rule) + " value " + format_plain_decimal(*number) +
                          " is outside allowed range [" +
                          format_plain_decimal(rule.float_range->first) + ", " +
                          format_plain_decimal(rule.float_range->second) + "]");
  }
  return format_plain_decimal(*number);
}

}  // namespace

std::string canonicalize(const FieldRule& rule, std::string_view value) {
  switch (rule.type) {
    case HandlerType::String:
      return canonical_string(rule, value);
    case HandlerType::Date:
      return canonical_date(rule, value);
    case HandlerType::Enum:
      return canonical_enum(rule, value);
    case HandlerType::Expver:
      return canonical_expver(rule, value);
    case HandlerType::Int:
      return canonical_int(rule, value);
    case HandlerType::Float:
      return canonical_float(rule, value);
    case HandlerType::Time:
      return canonical_time(rule, value);
    case HandlerType::Polygon:
      Polygon::parse(value, rule.name);  // validation only: the polygon is kept verbatim
      return std::string(value);
  }
  throw ValidationError(quoted_field(rule) + " has an unknown handler");
}

}  // namespace aviso::server
