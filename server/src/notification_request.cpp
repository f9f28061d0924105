#include "notification_request.hpp"

#include "handlers.hpp"

namespace aviso::server {

std::string identifier_value_text(const std::string& key, const nlohmann::json& value,
                                  const std::string& object_message) {
  switch (value.type()) {
    case nlohmann::json::value_t::string:
      return value.get<std::string>();
    case nlohmann::json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return value.dump();
    case nlohmann::json::value_t::object:
      throw ValidationError(object_message);
    case nlohmann::json::value_t::null:
      throw ValidationError("Field '" + key + "' must be a string, number or boolean, got null");
    default:
      throw ValidationError("Field '" + key +
                            "' must be a string, number or boolean, got an array");
  }
}

NotificationDraft build_notification(const EventSchema& schema, const nlohmann::json& identifier,
                                     const std::optional<nlohmann::json>& payload) {
  for (const auto& [key, value] : identifier.items()) {
    if (!schema.field(key)) {
      throw UndeclaredIdentifierKey("Unknown field '" + key + "' provided for notify operation");
    }
  }

  NotificationDraft draft;
  draft.event_type = schema.event_type;
  std::vector<std::pair<std::string, std::string>> canonical;  // field -> canonical value
  for (const auto& rule : schema.fields) {
    const auto it = identifier.find(rule.name);
    if (it == identifier.end()) {
      throw ValidationError("Required field '" + rule.name + "' missing for notify operation");
    }
    const std::string text = identifier_value_text(
        rule.name, *it,
        "Field '" + rule.name + "' constraint object is not supported for notify operation");
    std::string value = canonicalize(rule, text);
    if (rule.type == HandlerType::Polygon && rule.name == "polygon") {
      draft.polygon = Polygon::parse(value, rule.name);
      draft.polygon_text = value;
    }
    canonical.emplace_back(rule.name, std::move(value));
  }

  if (schema.payload_required.value_or(false) && !payload) {
    throw ValidationError("Payload is required for notify operation based on schema configuration");
  }
  draft.payload = payload.value_or(nlohmann::json(nullptr));

  draft.topic_tokens.push_back(schema.base);
  for (const auto& key : schema.key_order) {
    for (const auto& [field, value] : canonical) {
      if (field == key) draft.topic_tokens.push_back(value);
    }
  }
  return draft;
}

}  // namespace aviso::server
