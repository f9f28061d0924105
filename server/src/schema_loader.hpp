#pragma once

#include <string>

#include "schema.hpp"

namespace YAML {
class Node;
}

namespace aviso::server {

// Reads the `notification_schema` mapping of a configuration (protocol section 3.1). Throws
// std::runtime_error naming the event type, field and line of the first mistake: unknown keys in a
// field rule, a missing DateHandler canonical_format, duplicate topic bases, a key_order entry that
// is not declared, a missing topic block, or a `storage_policy` (not supported in memory).
SchemaSet load_schemas(const YAML::Node& notification_schema);

// The reference test schema of protocol section 7.2, used when no --config is given.
SchemaSet default_schemas();

}  // namespace aviso::server
