#include "request_body.hpp"

#include <algorithm>
#include <array>

namespace aviso::server {

namespace {

// Type descriptions in the style of the reference's deserializer ("invalid type: integer `5`,
// expected a string"), so messages read the same from both servers.
std::string describe(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::boolean:
      return "boolean `" + value.dump() + "`";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return "integer `" + value.dump() + "`";
    case nlohmann::json::value_t::number_float:
      return "floating point `" + value.dump() + "`";
    case nlohmann::json::value_t::string:
      return "string " + value.dump();
    case nlohmann::json::value_t::array:
      return "sequence";
    case nlohmann::json::value_t::object:
      return "map";
    default:
      return "value";
  }
}

}  // namespace

RequestBody parse_request_body(std::string_view text, Operation operation,
                               const std::string& request_id) {
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& error) {
    std::string reason = error.what();
    if (const auto bracket = reason.find("] ");
        reason.rfind("[json.exception", 0) == 0 && bracket != std::string::npos) {
      reason = reason.substr(bracket + 2);
    }
    throw ApiError(parse_error(operation, "INVALID_JSON", "JSON parsing failed: " + reason, reason,
                               request_id));
  }

  const auto shape_error = [&](const std::string& reason) {
    return ApiError(parse_error(operation, "INVALID_REQUEST_SHAPE",
                                "Request deserialization failed: " + reason, reason, request_id));
  };
  if (!document.is_object()) {
    throw shape_error("invalid type: " + describe(document) +
                      ", expected struct NotificationRequest");
  }

  static constexpr std::array<std::string_view, 5> kStandardFields{
      "event_type", "identifier", "from_id", "from_date", "payload"};
  const bool streaming = operation != Operation::Notify;
  for (const auto& [key, value] : document.items()) {
    bool known =
        std::find(kStandardFields.begin(), kStandardFields.end(), key) != kStandardFields.end();
    known = known || (streaming && (key == "to_id" || key == "to_date"));
    if (!known) {
      const std::string reason = "Unknown field '" + key +
                                 "' in request. Allowed fields: [\"event_type\", \"identifier\", "
                                 "\"from_id\", \"from_date\", \"payload\"]";
      throw ApiError(parse_error(operation, "UNKNOWN_FIELD",
                                 "Request contains unknown fields: " + reason, reason, request_id));
    }
  }

  RequestBody body;
  const auto event_type = document.find("event_type");
  if (event_type == document.end()) throw shape_error("missing field `event_type`");
  if (!event_type->is_string())
    throw shape_error("invalid type: " + describe(*event_type) + ", expected a string");
  body.event_type = event_type->get<std::string>();

  const auto identifier = document.find("identifier");
  if (identifier == document.end()) throw shape_error("missing field `identifier`");
  if (!identifier->is_object())
    throw shape_error("invalid type: " + describe(*identifier) + ", expected a map");
  body.identifier = *identifier;

  const auto optional_string = [&](const char* name, std::optional<std::string>& out) {
    const auto it = document.find(name);
    if (it == document.end() || it->is_null()) return;
    if (!it->is_string()) {
      throw shape_error("invalid type: " + describe(*it) + ", expected a string (field `" + name +
                        "`)");
    }
    out = it->get<std::string>();
  };
  optional_string("from_id", body.from_id);
  optional_string("from_date", body.from_date);
  optional_string("to_id", body.to_id);
  optional_string("to_date", body.to_date);

  const auto payload = document.find("payload");
  if (payload != document.end() && !payload->is_null()) body.payload = *payload;
  return body;
}

}  // namespace aviso::server
