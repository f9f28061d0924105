#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aviso::server {

// The eight identifier handlers of protocol section 3.2.
enum class HandlerType { String, Date, Enum, Expver, Int, Float, Time, Polygon };

std::string_view handler_name(HandlerType type);
std::optional<HandlerType> handler_from_name(std::string_view name);

// One `identifier.<field>` rule of a schema. Only the keys of its handler are meaningful.
struct FieldRule {
  std::string name;
  HandlerType type = HandlerType::String;
  bool required = false;
  std::optional<std::string> description;
  std::optional<std::uint64_t> max_length;                         // StringHandler, in bytes
  std::string canonical_format;                                    // DateHandler
  std::vector<std::string> values;                                 // EnumHandler
  std::optional<std::string> default_value;                        // ExpverHandler
  std::optional<std::pair<std::int64_t, std::int64_t>> int_range;  // IntHandler, inclusive
  std::optional<std::pair<double, double>> float_range;            // FloatHandler, inclusive
};

// realm -> roles. A user matches when its realm is a key and it holds one of the roles (or the list
// holds "*"). An empty map matches every user.
using RoleMap = std::map<std::string, std::vector<std::string>>;

// The per-stream `auth` block of a schema (protocol section 5).
struct StreamAuth {
  bool required = false;
  std::optional<RoleMap> read_roles;
  std::optional<RoleMap> write_roles;
};

// One event type: its topic layout, identifier rules and payload rule.
struct EventSchema {
  std::string event_type;
  std::string base;
  std::vector<std::string> key_order;
  std::vector<FieldRule> fields;         // in the order of the configuration
  std::optional<bool> payload_required;  // nullopt: the schema has no `payload` block
  std::optional<StreamAuth> auth;

  const FieldRule* field(std::string_view name) const;
  bool in_key_order(std::string_view name) const;
};

// Every configured event type, in configuration order.
class SchemaSet {
 public:
  SchemaSet() = default;
  explicit SchemaSet(std::vector<EventSchema> schemas) : schemas_(std::move(schemas)) {}

  const std::vector<EventSchema>& all() const { return schemas_; }
  bool empty() const { return schemas_.empty(); }
  const EventSchema* find(std::string_view event_type) const;
  // Exact key first, then a case-insensitive match (admin notification ids accept both).
  const EventSchema* find_ignoring_case(std::string_view event_type) const;
  const EventSchema* find_by_base(std::string_view base) const;
  std::vector<std::string> names() const;         // configuration order
  std::vector<std::string> sorted_names() const;  // for UNKNOWN_EVENT_TYPE bodies

 private:
  std::vector<EventSchema> schemas_;
};

std::string to_lower_ascii(std::string_view text);

}  // namespace aviso::server
