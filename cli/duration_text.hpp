// Durations written the humantime way, as in the reference's YAML and flags: a sequence of
// <integer><unit> items, optionally separated by blanks: "30s", "500ms", "1m30s", "1h 30m".
// Units: ns/nsec, us/usec/µs, ms/msec, s/sec/second(s), m/min/minute(s), h/hr/hour(s),
// d/day(s), w/week(s), M/month(s) (30.44 days), y/year(s) (365.25 days).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace aviso::cli {

// Throws std::invalid_argument with a message that says what is wrong ("unknown time unit
// `mins`", "a number needs a unit", ...).
std::chrono::nanoseconds parse_duration(std::string_view text);

// The shortest exact humantime spelling: 90 s -> "1m 30s", 1.5 s -> "1s 500ms", 0 -> "0s".
std::string format_duration(std::chrono::nanoseconds value);

}  // namespace aviso::cli
