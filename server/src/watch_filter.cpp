#include "watch_filter.hpp"

#include "handlers.hpp"
#include "notification_request.hpp"
#include "validation_error.hpp"

namespace aviso::server {

bool WatchFilter::topic_matches(const StoredMessage& message) const {
  return pattern.matches(message.content.topic_tokens);
}

bool WatchFilter::matches(const StoredMessage& message) const {
  if (matches_nothing || !topic_matches(message)) return false;
  for (const auto& [index, constraint] : constraints) {
    if (!constraint.matches(message.content.topic_tokens[index])) return false;
  }
  if (polygon || point) {
    if (!message.content.polygon) return false;
    if (polygon && !message.content.polygon->intersects(*polygon)) return false;
    if (point && !message.content.polygon->contains(*point)) return false;
  }
  return true;
}

WatchFilter build_watch_filter(const EventSchema& schema, const nlohmann::json& identifier,
                               std::string_view operation_name) {
  const std::string operation(operation_name);
  WatchFilter filter;

  const auto point_it = identifier.find("point");
  const bool has_point = point_it != identifier.end();
  if (has_point && identifier.contains("polygon")) {
    throw ValidationError(
        "Cannot specify both identifier.polygon and identifier.point. Provide only one spatial "
        "filter.");
  }
  if (has_point) {
    if (!point_it->is_string()) {
      throw ValidationError("Field 'point' must be a 'lat,lon' string, got " + point_it->dump());
    }
    filter.point = parse_point(point_it->get<std::string>(), "point");
  }

  filter.pattern.tokens.push_back(schema.base);
  std::vector<std::pair<std::string, std::string>>
      tokens_by_field;  // key_order field -> pattern token
  for (const auto& rule : schema.fields) {
    const auto it = identifier.find(rule.name);
    std::string token(kWildcard);
    if (it == identifier.end()) {
      const bool polygon_replaced_by_point = rule.name == "polygon" && has_point;
      if (rule.required && !polygon_replaced_by_point) {
        throw ValidationError("Required field '" + rule.name + "' missing for " + operation +
                              " operation");
      }
    } else if (it->is_object()) {
      Constraint constraint = Constraint::parse(rule, *it);
      if (!schema.in_key_order(rule.name)) {
        filter.matches_nothing = true;
      } else {
        for (std::size_t i = 0; i < schema.key_order.size(); ++i) {
          if (schema.key_order[i] == rule.name) filter.constraints.emplace_back(i + 1, constraint);
        }
      }
    } else {
      const std::string text = identifier_value_text(rule.name, *it, "");
      token = canonicalize(rule, text);
      if (rule.type == HandlerType::Polygon && rule.name == "polygon") {
        filter.polygon = Polygon::parse(token, rule.name);
      }
    }
    tokens_by_field.emplace_back(rule.name, std::move(token));
  }
  for (const auto& key : schema.key_order) {
    for (const auto& [field, token] : tokens_by_field) {
      if (field == key) filter.pattern.tokens.push_back(token);
    }
  }
  return filter;
}

}  // namespace aviso::server
