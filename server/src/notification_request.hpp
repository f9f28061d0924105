#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "schema.hpp"
#include "stored_message.hpp"
#include "validation_error.hpp"

namespace aviso::server {

// An identifier key the schema does not declare. The reference answers it with
// 500 NOTIFICATION_PROCESSING_FAILED (protocol section 8, quirk 5), so it is told apart.
class UndeclaredIdentifierKey : public ValidationError {
 public:
  using ValidationError::ValidationError;
};

// Converts one identifier value to the string a handler sees: strings as they are, numbers as their
// JSON text, booleans as "true"/"false". Throws ValidationError for null and arrays, and for
// objects
// (`object_message` says why an object is not allowed here).
std::string identifier_value_text(const std::string& key, const nlohmann::json& value,
                                  const std::string& object_message);

// Validates a notify identifier and payload against the schema (protocol sections 1.2 and 3.3) and
// builds the topic. Throws UndeclaredIdentifierKey or ValidationError.
NotificationDraft build_notification(const EventSchema& schema, const nlohmann::json& identifier,
                                     const std::optional<nlohmann::json>& payload);

}  // namespace aviso::server
