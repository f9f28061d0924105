#include "schema.hpp"

#include <algorithm>
#include <array>

namespace aviso::server {

namespace {

constexpr std::array<std::pair<HandlerType, std::string_view>, 8> kHandlerNames{{
    {HandlerType::String, "StringHandler"},
    {HandlerType::Date, "DateHandler"},
    {HandlerType::Enum, "EnumHandler"},
    {HandlerType::Expver, "ExpverHandler"},
    {HandlerType::Int, "IntHandler"},
    {HandlerType::Float, "FloatHandler"},
    {HandlerType::Time, "TimeHandler"},
    {HandlerType::Polygon, "PolygonHandler"},
}};

}  // namespace

std::string_view handler_name(HandlerType type) {
  for (const auto& [candidate, name] : kHandlerNames) {
    if (candidate == type) return name;
  }
  return "UnknownHandler";
}

std::optional<HandlerType> handler_from_name(std::string_view name) {
  for (const auto& [type, candidate] : kHandlerNames) {
    if (candidate == name) return type;
  }
  return std::nullopt;
}

std::string to_lower_ascii(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

const FieldRule* EventSchema::field(std::string_view name) const {
  for (const auto& rule : fields) {
    if (rule.name == name) return &rule;
  }
  return nullptr;
}

bool EventSchema::in_key_order(std::string_view name) const {
  return std::find(key_order.begin(), key_order.end(), name) != key_order.end();
}

const EventSchema* SchemaSet::find(std::string_view event_type) const {
  for (const auto& schema : schemas_) {
    if (schema.event_type == event_type) return &schema;
  }
  return nullptr;
}

const EventSchema* SchemaSet::find_ignoring_case(std::string_view event_type) const {
  if (const auto* exact = find(event_type)) return exact;
  const std::string lower = to_lower_ascii(event_type);
  for (const auto& schema : schemas_) {
    if (to_lower_ascii(schema.event_type) == lower) return &schema;
  }
  return nullptr;
}

const EventSchema* SchemaSet::find_by_base(std::string_view base) const {
  for (const auto& schema : schemas_) {
    if (schema.base == base) return &schema;
  }
  return nullptr;
}

std::vector<std::string> SchemaSet::names() const {
  std::vector<std::string> names;
  for (const auto& schema : schemas_) names.push_back(schema.event_type);
  return names;
}

std::vector<std::string> SchemaSet::sorted_names() const {
  auto sorted = names();
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}

}  // namespace aviso::server
