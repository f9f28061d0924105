#include "run.hpp"

namespace aviso::cli {

int run(int, char**) { return 0; }

}  // namespace aviso::cli
