#include "cloudevent.hpp"

#include "topic.hpp"

namespace aviso::server {

nlohmann::json make_cloudevent(const StoredMessage& message, const EventSchema& schema,
                               const std::string& base_url) {
  nlohmann::json identifier = nlohmann::json::object();
  const auto& tokens = message.content.topic_tokens;
  for (std::size_t i = 0; i < schema.key_order.size() && i + 1 < tokens.size(); ++i) {
    const std::string& token = tokens[i + 1];
    if (token.empty() || token == kWildcard) continue;
    identifier[schema.key_order[i]] = token;
  }
  if (message.content.polygon_text) identifier["polygon"] = *message.content.polygon_text;

  std::string schema_root = base_url;
  while (!schema_root.empty() && schema_root.back() == '/') schema_root.pop_back();

  return {
      {"data", {{"identifier", identifier}, {"payload", message.content.payload}}},
      {"datacontenttype", "application/json"},
      {"dataschema", schema_root + "/schema/" + schema.event_type},
      {"id", schema.event_type + "@" + std::to_string(message.sequence)},
      {"source", base_url},
      {"specversion", "1.0"},
      {"time", format_auto_fraction(message.stored_at)},
      {"type", "int.ecmwf.aviso." + schema.event_type},
  };
}

}  // namespace aviso::server
