#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "api_error.hpp"

namespace aviso::server {

// The shared body of notify, watch and replay (protocol section 1.1), after the shape checks.
struct RequestBody {
  std::string event_type;
  nlohmann::json identifier = nlohmann::json::object();
  std::optional<std::string> from_id;
  std::optional<std::string> from_date;
  std::optional<std::string> to_id;    // extension: watch/replay only
  std::optional<std::string> to_date;  // extension: watch/replay only
  // Absent and JSON null are the same thing here, as in the reference.
  std::optional<nlohmann::json> payload;
};

// Throws ApiError: 400 INVALID_JSON (not JSON, empty body), UNKNOWN_FIELD (a top-level key outside
// the model) or INVALID_REQUEST_SHAPE (not an object, missing event_type/identifier, wrong types
// such as a numeric from_id), labelled for `operation`.
RequestBody parse_request_body(std::string_view text, Operation operation,
                               const std::string& request_id);

}  // namespace aviso::server
