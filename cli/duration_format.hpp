// Durations for people: the exact humantime spelling used by `config dump`. Parsing is the
// library's aviso::parse_duration (settings.hpp), so the CLI and the config reader agree.
#pragma once

#include <chrono>
#include <string>

namespace aviso::cli {

// 90 s -> "1m 30s", 1.5 s -> "1s 500ms", 0 -> "0s".
std::string format_duration(std::chrono::nanoseconds value);

}  // namespace aviso::cli
