#include "aviso/version.hpp"

namespace aviso {

std::string version() { return AVISO_VERSION_STRING; }

}  // namespace aviso
