#include "position_value.hpp"

#include <array>
#include <charconv>
#include <cstdio>
#include <limits>
#include <optional>

#include "calendar.hpp"
#include "command_error.hpp"

namespace aviso::cli {
namespace {

constexpr std::string_view kAcceptedForms =
    "accepted forms: pure-digit sequence id (e.g. 42); YYYY-MM-DD; \"YYYY-MM-DD HH:MM\" (quotes "
    "required); \"YYYY-MM-DD HH:MM:SS\" (quotes required); YYYY-MM-DDTHH:MM:SS; "
    "YYYY-MM-DDTHH:MM:SSZ; YYYY-MM-DDTHH:MM:SS.ffffffZ";

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Reads exactly `width` digits at `pos`.
std::optional<int> digits_at(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

struct DateTimeShape {
  CivilDateTime value;
  int micros = 0;
};

// Matches the date forms 2..7 by shape only (fixed widths, separators); the values are checked
// afterwards so a wrong day gets its own message.
std::optional<DateTimeShape> match_date_form(std::string_view text) {
  DateTimeShape shape;
  auto year = digits_at(text, 0, 4);
  auto month = digits_at(text, 5, 2);
  auto day = digits_at(text, 8, 2);
  if (!year || !month || !day || text.size() < 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  shape.value.year = *year;
  shape.value.month = *month;
  shape.value.day = *day;
  if (text.size() == 10) return shape;

  const char separator = text[10];
  if (separator != ' ' && separator != 'T') return std::nullopt;
  auto hour = digits_at(text, 11, 2);
  auto minute = digits_at(text, 14, 2);
  if (!hour || !minute || text.size() < 16 || text[13] != ':') return std::nullopt;
  shape.value.hour = *hour;
  shape.value.minute = *minute;
  if (text.size() == 16) {
    // "YYYY-MM-DD HH:MM" exists only with the space separator.
    return separator == ' ' ? std::optional(shape) : std::nullopt;
  }
  auto second = digits_at(text, 17, 2);
  if (!second || text[16] != ':') return std::nullopt;
  shape.value.second = *second;
  std::string_view rest = text.substr(19);
  if (rest.empty()) return shape;  // forms 4 and 5
  if (separator != 'T') return std::nullopt;
  if (rest == "Z") return shape;  // form 6
  // Form 7: '.', one or more digits, 'Z'. Digits past the sixth are truncated.
  if (rest.size() < 3 || rest.front() != '.' || rest.back() != 'Z') return std::nullopt;
  std::string_view fraction = rest.substr(1, rest.size() - 2);
  if (!all_digits(fraction)) return std::nullopt;
  int micros = 0;
  for (std::size_t i = 0; i < 6; ++i) {
    micros = micros * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
  }
  shape.micros = micros;
  return shape;
}

std::string quoted(std::string_view flag, std::string_view value) {
  return std::string(flag) + " value `" + std::string(value) + "`";
}

}  // namespace

std::string_view accepted_position_forms() { return kAcceptedForms; }

Position parse_position(std::string_view value, std::string_view flag) {
  if (all_digits(value)) {
    std::uint64_t sequence = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), sequence);
    if (error == std::errc() && end == value.data() + value.size()) {
      return Position::of_sequence(sequence);
    }
    throw CommandError::usage(
        quoted(flag, value) +
        " is digits only but does not fit in a 64-bit unsigned integer (max " +
        std::to_string(std::numeric_limits<std::uint64_t>::max()) +
        "). Pass a smaller sequence id, or use one of the date forms. " +
        std::string(kAcceptedForms));
  }
  auto shape = match_date_form(value);
  if (!shape) {
    throw CommandError::usage(quoted(flag, value) + " did not match any accepted form. " +
                              std::string(kAcceptedForms));
  }
  if (auto problem = civil_date_time_problem(shape->value)) {
    throw CommandError::usage(quoted(flag, value) + " is not a valid UTC date and time: " +
                              *problem + ". " + std::string(kAcceptedForms));
  }
  CivilDateTime when = shape->value;
  int micros = shape->micros;
  if (when.second == 60) {
    // A leap second has no six-digit wire spelling; the last representable instant of the
    // minute stands in for it, as in the reference.
    when.second = 59;
    micros = 999999;
  }
  std::array<char, 40> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", when.year,
                when.month, when.day, when.hour, when.minute, when.second, micros);
  return Position::of_date(buffer.data());
}

}  // namespace aviso::cli
