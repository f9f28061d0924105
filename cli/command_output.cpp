#include "command_output.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "text.hpp"

namespace aviso::cli {
namespace {

using ordered_json = nlohmann::ordered_json;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

ordered_json schema_value(const StreamSchema& schema) {
  return ordered_json{{"payload", schema.payload}, {"identifier", schema.identifier}};
}

}  // namespace

std::string humanise_timestamp(const std::string& raw) {
  std::string text = raw;
  if (const auto dot = text.find('.'); dot != std::string::npos) {
    const auto zone = text.find_first_of("+-Z", dot);
    text =
        zone == std::string::npos ? text.substr(0, dot) : text.substr(0, dot) + text.substr(zone);
  }
  // Only the date/time separator: a T between two digits (never the T of "UTC").
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    if (text[i] == 'T' && is_digit(text[i - 1]) && is_digit(text[i + 1])) {
      text[i] = ' ';
      break;
    }
  }
  if (ends_with(text, "+00:00")) {
    text = text.substr(0, text.size() - 6) + " UTC";
  } else if (ends_with(text, "Z")) {
    text = text.substr(0, text.size() - 1) + " UTC";
  }
  return text;
}

std::string format_notify_response(const std::string& event_type, const NotifyResponse& response,
                                   bool json) {
  if (json) {
    return ordered_json{{"event_type", event_type},
                        {"status", response.status},
                        {"request_id", response.request_id},
                        {"processed_at", response.processed_at}}
               .dump() +
           "\n";
  }
  return "notification accepted: event_type=" + event_type + ", status=" + response.status +
         ", request_id=" + response.request_id +
         ", processed_at=" + humanise_timestamp(response.processed_at) + "\n";
}

std::string format_schema_list(const SchemaCatalog& catalog, bool json) {
  std::string out;
  if (json) {
    for (const auto& event_type : catalog.event_types) {
      const auto schema = catalog.schema.find(event_type);
      out += ordered_json{{"event_type", event_type},
                          {"schema", schema == catalog.schema.end() ? ordered_json(nullptr)
                                                                    : schema_value(schema->second)}}
                 .dump() +
             "\n";
    }
    return out;
  }
  out = std::to_string(catalog.total_schemas) + " schema(s) registered (status: " + catalog.status +
        ")\n";
  std::vector<std::string> sorted = catalog.event_types;
  std::sort(sorted.begin(), sorted.end());
  for (const auto& event_type : sorted) out += "- " + event_type + "\n";
  return out;
}

std::string format_schema_get(const SchemaResponse& response) {
  return ordered_json{{"status", response.status},
                      {"event_type", response.event_type},
                      {"schema", schema_value(response.schema)}}
             .dump(2) +
         "\n";
}

std::string format_admin_ok(const std::string& operation,
                            const std::vector<std::pair<std::string, std::string>>& fields,
                            bool json) {
  if (json) {
    ordered_json object{{"status", "ok"}, {"operation", operation}};
    for (const auto& [key, value] : fields) object[key] = value;
    return object.dump() + "\n";
  }
  std::vector<std::string> details;
  for (const auto& [key, value] : fields) details.push_back(key + "=`" + value + "`");
  std::string line = "ok: " + operation + " succeeded";
  if (!details.empty()) line += " (" + join(details, ", ") + ")";
  return line + "\n";
}

}  // namespace aviso::cli
