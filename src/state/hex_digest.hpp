// Parsing of a resume key's hex text, shared by ResumeKey::from_hex and the state file loader so
// both report the same reasons.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "aviso/state/resume_key.hpp"

namespace aviso::state {

// Fills `digest` from 64 hex digits (either case) and returns nullopt, or returns why `hex` is
// not a key: "'<hex>' is not valid hex: ..." or "expected 32-byte digest, got N bytes".
std::optional<std::string> parse_hex_digest(std::string_view hex, ResumeKey::Digest& digest);

}  // namespace aviso::state
