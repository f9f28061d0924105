// Compiled as C++17: every public header must stay usable by facade users on older compilers.
#include "aviso/aviso.hpp"

int aviso_cxx17_header_check() { return 0; }
