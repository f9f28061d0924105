#include "identifier_entries.hpp"

#include <set>

#include "command_error.hpp"
#include "text.hpp"

namespace aviso::cli {

nlohmann::json parse_strict_json(const std::string& text) {
  return nlohmann::json::parse(text, /*cb=*/nullptr, /*allow_exceptions=*/true,
                               /*ignore_comments=*/false);
}

std::vector<IdentifierEntry> parse_identifier_entries(const std::vector<std::string>& entries) {
  std::vector<IdentifierEntry> parsed;
  std::set<std::string> seen;
  for (const auto& entry : entries) {
    const auto equals = entry.find('=');
    if (equals == std::string::npos) {
      throw CommandError::usage("--identifier `" + entry +
                                "` has no '='; expected key=value (exact string) or key:=JSON "
                                "(typed value)");
    }
    std::string left = entry.substr(0, equals);
    const std::string right = entry.substr(equals + 1);
    const bool typed = !left.empty() && left.back() == ':';
    if (typed) left.pop_back();
    std::string key = trim(left);
    if (key.empty()) {
      throw CommandError::usage("--identifier `" + entry + "` has an empty key");
    }
    if (!seen.insert(key).second) {
      throw CommandError::usage("duplicate identifier key `" + key +
                                "` in --identifier; give each key once");
    }
    nlohmann::json value;
    if (typed) {
      try {
        value = parse_strict_json(right);
      } catch (const nlohmann::json::parse_error& error) {
        throw CommandError::usage("--identifier `" + key + ":=` needs a JSON value, got `" + right +
                                  "`; write key=value for a plain string, or quote a JSON "
                                  "string as key:='\"text\"'")
            .caused_by(error.what());
      }
    } else {
      value = right;
    }
    parsed.push_back({std::move(key), std::move(value)});
  }
  return parsed;
}

void merge_identifier_entries(nlohmann::json& identifiers,
                              const std::vector<IdentifierEntry>& entries,
                              const std::string& existing_source) {
  for (const auto& entry : entries) {
    if (identifiers.contains(entry.key)) {
      throw CommandError::usage("identifier key `" + entry.key + "` is set in both " +
                                existing_source + " and --identifier; give it once");
    }
    identifiers[entry.key] = entry.value;
  }
}

}  // namespace aviso::cli
