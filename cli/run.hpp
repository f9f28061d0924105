// The entry point of the `aviso` command-line tool.
#pragma once

namespace aviso::cli {

// Parses argv, runs the command and returns the process exit code (0, 1, 2; see exit_code.hpp).
// Never exits the process itself, so it can be embedded; the one exception, added with listen,
// is the hard exit 130 on a second Ctrl+C.
int run(int argc, char** argv);

}  // namespace aviso::cli
