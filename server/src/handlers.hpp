#pragma once

#include <string>
#include <string_view>

#include "schema.hpp"

namespace aviso::server {

// Validates one identifier value (already in its string form) against its field rule and returns
// the canonical form of protocol section 3.2. Throws ValidationError with a message that names
// the field.
std::string canonicalize(const FieldRule& rule, std::string_view value);

}  // namespace aviso::server
