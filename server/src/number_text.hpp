#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aviso::server {

// Signed 64-bit decimal integer with an optional '+' or '-' and leading zeros ("007", "+5", "-0").
std::optional<std::int64_t> parse_i64(std::string_view text);

// Unsigned 64-bit decimal integer with an optional leading '+', no spaces.
std::optional<std::uint64_t> parse_u64(std::string_view text);

// Decimal or exponent float text ("3.14", "1e2", ".5", "-2", "+4."). Infinity and NaN spellings
// are parsed too (as the reference does) so callers can reject them with a precise message.
std::optional<double> parse_f64(std::string_view text);

// Shortest text that reads back as the same double, never in exponent notation:
// 42.5 -> "42.5", 100.0 -> "100", 1e-7 -> "0.0000001", -0.0 -> "-0".
std::string format_plain_decimal(double value);

}  // namespace aviso::server
