// Repeated `--identifier` entries (notify, listen, replay).
//
//   key=value   the exact string after the first '=', untouched: commas, quotes, $, '=' and ':='
//               inside the value are kept byte for byte
//   key:=JSON   a typed value: number, bool, null, array, object or quoted string
//
// The key is trimmed of surrounding blanks; the value never is. Usage errors (exit 2): no '=',
// an empty key, invalid JSON after ':=', the same key twice.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace aviso::cli {

struct IdentifierEntry {
  std::string key;
  nlohmann::json value;
};

// Parses the entries in argv order. Throws CommandError (usage).
std::vector<IdentifierEntry> parse_identifier_entries(const std::vector<std::string>& entries);

// Adds `entries` to the identifier object `identifiers`. A key the object already holds is a
// usage error that names `existing_source` ("PARAMETERS").
void merge_identifier_entries(nlohmann::json& identifiers,
                              const std::vector<IdentifierEntry>& entries,
                              const std::string& existing_source);

// Parses `text` as one JSON value, strictly (no comments, no trailing text). Throws
// nlohmann::json::parse_error.
nlohmann::json parse_strict_json(const std::string& text);

}  // namespace aviso::cli
