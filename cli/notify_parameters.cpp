#include "notify_parameters.hpp"

#include "command_error.hpp"
#include "identifier_entries.hpp"
#include "text.hpp"

namespace aviso::cli {
namespace {

std::string quoted_parameters(std::string_view text) { return "`" + std::string(text) + "`"; }

void push_entry(std::vector<std::pair<std::string, std::string>>& out, std::string_view slice) {
  const std::string entry = trim(slice);
  if (entry.empty()) return;
  const auto equals = entry.find('=');
  if (equals == std::string::npos) {
    throw CommandError::usage("notify parameter `" + entry +
                              "` has no '='; expected key=value, key:=JSON, event=<TYPE> or "
                              "data=<JSON>");
  }
  std::string key = trim(std::string_view(entry).substr(0, equals));
  if (key.empty() || key == ":") {
    throw CommandError::usage("notify parameter `" + entry + "` has an empty key");
  }
  out.emplace_back(std::move(key), entry.substr(equals + 1));
}

// One pair of outer double quotes protects commas on the command line; the server gets the
// text inside them.
std::string strip_outer_quotes(const std::string& value) {
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    return value.substr(1, value.size() - 2);
  }
  return value;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> split_notify_parameters(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> entries;
  std::size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (depth == 0) {
        throw CommandError::usage("notify parameters: unmatched closing `" + std::string(1, c) +
                                  "` at offset " + std::to_string(i) + " in " +
                                  quoted_parameters(text));
      }
      --depth;
    } else if (c == ',' && depth == 0) {
      push_entry(entries, text.substr(start, i - start));
      start = i + 1;
    }
  }
  if (in_string) {
    throw CommandError::usage("notify parameters: unclosed `\"` in " + quoted_parameters(text));
  }
  if (depth > 0) {
    throw CommandError::usage("notify parameters: unclosed `{` or `[` in " +
                              quoted_parameters(text));
  }
  push_entry(entries, text.substr(start));
  return entries;
}

NotifyParameters parse_notify_parameters(std::string_view text,
                                         const std::vector<std::string>& identifier_entries) {
  NotifyParameters result;
  bool have_event = false;
  for (auto& [raw_key, value] : split_notify_parameters(text)) {
    const bool typed = raw_key.back() == ':';
    const std::string key = typed ? trim(raw_key.substr(0, raw_key.size() - 1)) : raw_key;
    if (key == "event") {
      if (have_event) {
        throw CommandError::usage(
            "notify parameters: `event=` given twice; one notification has "
            "exactly one event type");
      }
      if (typed) {
        throw CommandError::usage(
            "notify parameters: the event type is a plain name; write "
            "event=<TYPE>, not event:=");
      }
      if (value.empty()) {
        throw CommandError::usage("notify parameters: `event=` needs a value (event=<TYPE>)");
      }
      result.event_type = value;
      have_event = true;
    } else if (key == "data") {
      if (result.payload) {
        throw CommandError::usage(
            "notify parameters: `data=` given twice; combine the values "
            "into one JSON object or array");
      }
      if (value.empty()) {
        throw CommandError::usage(
            "notify parameters: `data=` is empty; write data='\"\"' for an "
            "empty JSON string or data=null for an explicit null");
      }
      try {
        result.payload = parse_strict_json(value);
      } catch (const nlohmann::json::parse_error& error) {
        throw CommandError::usage("notify parameters: `data=` is not valid JSON: `" + value + "`")
            .caused_by(error.what());
      }
    } else {
      if (result.identifier.contains(key)) {
        throw CommandError::usage("notify parameters: identifier key `" + key +
                                  "` given twice; give each key once");
      }
      if (typed) {
        try {
          result.identifier[key] = parse_strict_json(value);
        } catch (const nlohmann::json::parse_error& error) {
          throw CommandError::usage("notify parameters: `" + key + ":=` needs a JSON value, got `" +
                                    value + "`")
              .caused_by(error.what());
        }
      } else {
        result.identifier[key] = strip_outer_quotes(value);
      }
    }
  }

  const auto extra = parse_identifier_entries(identifier_entries);
  for (const auto& entry : extra) {
    if (entry.key == "event" || entry.key == "data") {
      throw CommandError::usage("--identifier " + entry.key + " is reserved; write " + entry.key +
                                "=... in the notify PARAMETERS instead");
    }
  }
  if (!have_event) {
    auto error = CommandError::usage("notify parameters: `event=<TYPE>` is required");
    if (!extra.empty()) {
      error.suggest(
          "--identifier only adds identifiers; name the event in PARAMETERS, e.g. "
          "`aviso notify event=mars --identifier class=od`");
    }
    throw error;
  }
  merge_identifier_entries(result.identifier, extra, "PARAMETERS");
  return result;
}

}  // namespace aviso::cli
