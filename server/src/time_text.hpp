#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace aviso::server {

using Clock = std::chrono::system_clock;
using Instant = std::chrono::time_point<Clock, std::chrono::nanoseconds>;

Instant now();

// RFC 3339 UTC with second precision and a 'Z' suffix, fraction truncated: control events,
// heartbeats and the notify response use this form ("2026-06-10T09:00:05Z").
std::string format_seconds(Instant instant);

// RFC 3339 UTC with 0, 3, 6 or 9 fractional digits, whichever is the shortest exact form: the
// CloudEvent `time` of a stored notification ("2026-06-10T09:00:05.5Z" is written with 3 digits).
std::string format_auto_fraction(Instant instant);

// Parses a from_date/to_date value (protocol section 2.8): Unix seconds or milliseconds, RFC 3339,
// or "YYYY-MM-DD[T ]HH:MM:SS[.fraction][zone]" (no zone means UTC). Surrounding whitespace is
// ignored. Returns nullopt when the text is none of those.
std::optional<Instant> parse_date_time(std::string_view text);

}  // namespace aviso::server
