// The Retry-After header of a 429/503 answer (spec watch-and-state.md 2.6). Pure: `now` is a
// parameter.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace aviso::watch {

inline constexpr std::chrono::seconds kRetryAfterCap{300};

// delta-seconds ("30") or an HTTP-date (IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT", and the
// obsolete RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT" and asctime "Sun Nov  6 08:49:37 1994"
// forms). Surrounding spaces and tabs are ignored. Capped at 300 s; "0" is a zero delay. A date
// not in the future, anything malformed or non-ASCII, and an absent header give none (the
// normal backoff applies).
std::optional<std::chrono::milliseconds> parse_retry_after(
    std::optional<std::string_view> header, std::chrono::system_clock::time_point now);

// Just the date forms, as a point in time (exposed for tests).
std::optional<std::chrono::system_clock::time_point> parse_http_date(
    std::string_view text, std::chrono::system_clock::time_point now);

}  // namespace aviso::watch
