// The library version. Public header: C++17.
#pragma once

#include <string>

namespace aviso {

// The version of libaviso, e.g. "0.1.0". The default User-Agent is "aviso/" + version().
std::string version();

}  // namespace aviso
