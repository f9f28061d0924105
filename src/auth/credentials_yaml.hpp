// The credentials-file format shared by the ConfigFile provider and discovery:
//   bearer: {token: "..."}     or     basic: {username: "...", password: "..."}
#pragma once

#include <memory>
#include <string>

#include "aviso/auth.hpp"

namespace aviso::auth {

// Parses the YAML text into a Bearer or Basic provider. Throws std::invalid_argument with a
// message naming what is wrong (the caller adds the file name and the error kind).
std::shared_ptr<AuthProvider> parse_credentials_yaml(const std::string& text);

// Reads a whole file; throws std::runtime_error with the system's reason.
std::string read_text_file(const std::string& path);

}  // namespace aviso::auth
