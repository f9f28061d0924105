// The PARAMETERS argument of `aviso notify` and its --identifier supplements (surfaces.md 1.4).
//
// PARAMETERS is a comma-separated list of entries. Commas inside double quotes, {} or [] do not
// split, so `data={"a":1,"b":2}` and `polygon="46,8,46,9"` are single entries.
//   event=<TYPE>   required, once
//   data=<JSON>    optional payload, once
//   key=value      an identifier string; one pair of outer double quotes is removed
//   key:=JSON      an identifier with a typed JSON value (count:=12)
// Empty entries (",,") are skipped.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aviso::cli {

struct NotifyParameters {
  std::string event_type;
  nlohmann::json identifier = nlohmann::json::object();
  std::optional<nlohmann::json> payload;
};

// The raw entries in order, each split at its first '=' into (trimmed key, value). Throws
// CommandError (usage) for an unclosed quote or bracket, a stray closing bracket, an entry
// without '=', or an empty key.
std::vector<std::pair<std::string, std::string>> split_notify_parameters(std::string_view text);

// Parses PARAMETERS and adds the --identifier entries to the identifier. Throws CommandError
// (usage) for every problem, before anything is sent.
NotifyParameters parse_notify_parameters(std::string_view text,
                                         const std::vector<std::string>& identifier_entries = {});

}  // namespace aviso::cli
