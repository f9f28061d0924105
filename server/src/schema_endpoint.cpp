#include "api_error.hpp"
#include "endpoints.hpp"

namespace aviso::server {

namespace {

// One field rule as GET /api/v1/schema shows it: handler keys are present even when unset (null).
nlohmann::json describe_field(const FieldRule& rule) {
  nlohmann::json field = {{"type", handler_name(rule.type)}, {"required", rule.required}};
  if (rule.description) field["description"] = *rule.description;
  switch (rule.type) {
    case HandlerType::String:
      field["max_length"] =
          rule.max_length ? nlohmann::json(*rule.max_length) : nlohmann::json(nullptr);
      break;
    case HandlerType::Date:
      field["canonical_format"] = rule.canonical_format;
      break;
    case HandlerType::Enum:
      field["values"] = rule.values;
      break;
    case HandlerType::Expver:
      field["default"] =
          rule.default_value ? nlohmann::json(*rule.default_value) : nlohmann::json(nullptr);
      break;
    case HandlerType::Int:
      field["range"] = rule.int_range
                           ? nlohmann::json::array({rule.int_range->first, rule.int_range->second})
                           : nlohmann::json(nullptr);
      break;
    case HandlerType::Float:
      field["range"] =
          rule.float_range
              ? nlohmann::json::array({rule.float_range->first, rule.float_range->second})
              : nlohmann::json(nullptr);
      break;
    case HandlerType::Time:
    case HandlerType::Polygon:
      break;
  }
  return field;
}

nlohmann::json describe_schema(const EventSchema& schema) {
  nlohmann::json identifier = nlohmann::json::object();
  for (const auto& rule : schema.fields) identifier[rule.name] = describe_field(rule);
  nlohmann::json payload = nullptr;
  if (schema.payload_required) payload = {{"required", *schema.payload_required}};
  return {{"identifier", identifier}, {"payload", payload}};
}

}  // namespace

HttpResponse handle_schema_catalogue(const ApiContext& context, const std::string& request_id) {
  const SchemaSet& schemas = context.settings.schemas;
  if (schemas.empty()) {
    return json_response(200,
                         {{"event_types", nlohmann::json::array()},
                          {"message", "No notification schema configured"},
                          {"schema", nlohmann::json::object()},
                          {"status", "success"},
                          {"total_schemas", 0}},
                         request_id);
  }
  nlohmann::json by_type = nlohmann::json::object();
  for (const auto& schema : schemas.all()) by_type[schema.event_type] = describe_schema(schema);
  return json_response(200,
                       {{"event_types", schemas.names()},
                        {"schema", by_type},
                        {"status", "success"},
                        {"total_schemas", schemas.all().size()}},
                       request_id);
}

HttpResponse handle_schema_of(const ApiContext& context, std::string_view event_type,
                              const std::string& request_id) {
  const SchemaSet& schemas = context.settings.schemas;
  if (schemas.empty()) {
    return json_response(404,
                         {{"message", "No notification schema configured"},
                          {"request_id", request_id},
                          {"status", "error"}},
                         request_id);
  }
  const EventSchema* schema = schemas.find(event_type);
  if (!schema) {
    return json_response(404,
                         {{"available_types", schemas.names()},
                          {"message", "Event type '" + std::string(event_type) + "' not found"},
                          {"request_id", request_id},
                          {"status", "error"}},
                         request_id);
  }
  return json_response(200,
                       {{"event_type", schema->event_type},
                        {"schema", describe_schema(*schema)},
                        {"status", "success"}},
                       request_id);
}

}  // namespace aviso::server
