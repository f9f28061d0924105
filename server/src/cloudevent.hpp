#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "schema.hpp"
#include "stored_message.hpp"

namespace aviso::server {

// The CloudEvents 1.0 JSON of a stored notification (protocol section 2.4). `data.identifier` is
// rebuilt from the topic: key_order fields whose token is not a wildcard, plus the polygon string.
// nlohmann::json keeps object keys sorted, which is the order the reference emits.
nlohmann::json make_cloudevent(const StoredMessage& message, const EventSchema& schema,
                               const std::string& base_url);

}  // namespace aviso::server
