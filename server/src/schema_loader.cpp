#include "schema_loader.hpp"

#include <yaml-cpp/yaml.h>

#include <set>
#include <stdexcept>

namespace aviso::server {

namespace {

std::string where(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.line < 0) return "";
  return " (line " + std::to_string(mark.line + 1) + ")";
}

[[noreturn]] void fail(const std::string& context, const std::string& problem,
                       const YAML::Node& node) {
  throw std::runtime_error("notification_schema." + context + ": " + problem + where(node));
}

template <typename T>
T read(const YAML::Node& node, const std::string& context, const char* expected) {
  try {
    return node.as<T>();
  } catch (const YAML::Exception&) {
    fail(context, std::string("expected ") + expected, node);
  }
}

RoleMap load_roles(const YAML::Node& node, const std::string& context) {
  if (!node.IsMap()) fail(context, "expected a mapping of realm to a list of roles", node);
  RoleMap roles;
  for (const auto& entry : node) {
    const auto realm = entry.first.as<std::string>();
    roles[realm] =
        read<std::vector<std::string>>(entry.second, context + "." + realm, "a list of role names");
  }
  return roles;
}

FieldRule load_field(const std::string& name, const YAML::Node& node, const std::string& context) {
  if (!node.IsMap()) fail(context, "expected a mapping with at least `type`", node);
  FieldRule rule;
  rule.name = name;
  const YAML::Node type_node = node["type"];
  if (!type_node) fail(context, "missing `type`", node);
  const auto type_name = read<std::string>(type_node, context + ".type", "a handler name");
  const auto type = handler_from_name(type_name);
  if (!type) {
    fail(context + ".type",
         "unknown handler '" + type_name +
             "' (expected StringHandler, DateHandler, EnumHandler, ExpverHandler, "
             "IntHandler, FloatHandler, TimeHandler or PolygonHandler)",
         type_node);
  }
  rule.type = *type;

  std::set<std::string> allowed{"type", "required", "description"};
  switch (rule.type) {
    case HandlerType::String:
      allowed.insert("max_length");
      break;
    case HandlerType::Date:
      allowed.insert("canonical_format");
      break;
    case HandlerType::Enum:
      allowed.insert("values");
      break;
    case HandlerType::Expver:
      allowed.insert("default");
      break;
    case HandlerType::Int:
    case HandlerType::Float:
      allowed.insert("range");
      break;
    case HandlerType::Time:
    case HandlerType::Polygon:
      break;
  }
  for (const auto& entry : node) {
    const auto key = entry.first.as<std::string>();
    if (allowed.count(key) == 0) {
      fail(context + "." + key, "unknown key for " + type_name, entry.first);
    }
  }

  if (node["required"])
    rule.required = read<bool>(node["required"], context + ".required", "true or false");
  if (node["description"]) {
    rule.description = read<std::string>(node["description"], context + ".description", "a string");
  }
  if (node["max_length"] && !node["max_length"].IsNull()) {
    rule.max_length =
        read<std::uint64_t>(node["max_length"], context + ".max_length", "a non-negative integer");
  }
  if (rule.type == HandlerType::Date) {
    if (!node["canonical_format"]) fail(context, "DateHandler requires `canonical_format`", node);
    rule.canonical_format =
        read<std::string>(node["canonical_format"], context + ".canonical_format", "a string");
    if (rule.canonical_format != "%Y%m%d" && rule.canonical_format != "%Y-%m-%d") {
      fail(context + ".canonical_format", "must be \"%Y%m%d\" or \"%Y-%m-%d\"",
           node["canonical_format"]);
    }
  }
  if (rule.type == HandlerType::Enum) {
    if (!node["values"]) fail(context, "EnumHandler requires `values`", node);
    rule.values =
        read<std::vector<std::string>>(node["values"], context + ".values", "a list of strings");
    if (rule.values.empty()) fail(context + ".values", "must not be empty", node["values"]);
  }
  if (node["default"] && !node["default"].IsNull()) {
    rule.default_value = read<std::string>(node["default"], context + ".default", "a string");
  }
  if (node["range"] && !node["range"].IsNull()) {
    const YAML::Node range = node["range"];
    if (!range.IsSequence() || range.size() != 2)
      fail(context + ".range", "expected [min, max]", range);
    if (rule.type == HandlerType::Int) {
      rule.int_range = {read<std::int64_t>(range[0], context + ".range", "integers"),
                        read<std::int64_t>(range[1], context + ".range", "integers")};
      if (rule.int_range->first > rule.int_range->second)
        fail(context + ".range", "min is greater than max", range);
    } else {
      rule.float_range = {read<double>(range[0], context + ".range", "numbers"),
                          read<double>(range[1], context + ".range", "numbers")};
      if (rule.float_range->first > rule.float_range->second) {
        fail(context + ".range", "min is greater than max", range);
      }
    }
  }
  return rule;
}

EventSchema load_event(const std::string& event_type, const YAML::Node& node) {
  if (!node.IsMap()) fail(event_type, "expected a mapping", node);
  EventSchema schema;
  schema.event_type = event_type;
  for (const auto& entry : node) {
    const auto key = entry.first.as<std::string>();
    if (key == "storage_policy") {
      fail(event_type + ".storage_policy",
           "is a JetStream setting; the in-memory backend rejects it", entry.first);
    }
    if (key != "topic" && key != "identifier" && key != "payload" && key != "auth") {
      fail(event_type + "." + key, "unknown key (expected topic, identifier, payload or auth)",
           entry.first);
    }
  }
  const YAML::Node topic = node["topic"];
  if (!topic || !topic.IsMap() || !topic["base"]) {
    fail(event_type, "needs a `topic` block with `base` and `key_order` (streaming needs it)",
         node);
  }
  schema.base = read<std::string>(topic["base"], event_type + ".topic.base", "a string");
  if (schema.base.empty()) fail(event_type + ".topic.base", "must not be empty", topic["base"]);
  if (topic["key_order"]) {
    schema.key_order = read<std::vector<std::string>>(
        topic["key_order"], event_type + ".topic.key_order", "a list of field names");
  }

  const YAML::Node identifier = node["identifier"];
  if (identifier && !identifier.IsNull()) {
    if (!identifier.IsMap())
      fail(event_type + ".identifier", "expected a mapping of field rules", identifier);
    for (const auto& entry : identifier) {
      const auto name = entry.first.as<std::string>();
      schema.fields.push_back(load_field(name, entry.second, event_type + ".identifier." + name));
    }
  }
  for (const auto& key : schema.key_order) {
    if (!schema.field(key)) {
      fail(event_type + ".topic.key_order",
           "names '" + key + "', which is not declared under identifier", topic);
    }
  }

  const YAML::Node payload = node["payload"];
  if (payload && !payload.IsNull()) {
    if (!payload.IsMap()) fail(event_type + ".payload", "expected {required: bool}", payload);
    schema.payload_required =
        payload["required"]
            ? read<bool>(payload["required"], event_type + ".payload.required", "true or false")
            : false;
  }

  const YAML::Node auth = node["auth"];
  if (auth && !auth.IsNull()) {
    StreamAuth stream_auth;
    for (const auto& entry : auth) {
      const auto key = entry.first.as<std::string>();
      if (key != "required" && key != "read_roles" && key != "write_roles" && key != "plugins") {
        fail(event_type + ".auth." + key,
             "unknown key (expected required, read_roles, write_roles, plugins)", entry.first);
      }
    }
    if (auth["required"])
      stream_auth.required =
          read<bool>(auth["required"], event_type + ".auth.required", "true or false");
    if (auth["read_roles"])
      stream_auth.read_roles = load_roles(auth["read_roles"], event_type + ".auth.read_roles");
    if (auth["write_roles"])
      stream_auth.write_roles = load_roles(auth["write_roles"], event_type + ".auth.write_roles");
    schema.auth = stream_auth;
  }
  return schema;
}

}  // namespace

SchemaSet load_schemas(const YAML::Node& notification_schema) {
  if (!notification_schema || notification_schema.IsNull()) return SchemaSet{};
  if (!notification_schema.IsMap()) {
    throw std::runtime_error("notification_schema: expected a mapping of event type to schema" +
                             where(notification_schema));
  }
  std::vector<EventSchema> schemas;
  std::set<std::string> bases;
  for (const auto& entry : notification_schema) {
    const auto event_type = entry.first.as<std::string>();
    EventSchema schema = load_event(event_type, entry.second);
    if (!bases.insert(to_lower_ascii(schema.base)).second) {
      fail(event_type + ".topic.base",
           "'" + schema.base + "' is already used by another event type", entry.second["topic"]);
    }
    schemas.push_back(std::move(schema));
  }
  return SchemaSet(std::move(schemas));
}

}  // namespace aviso::server
