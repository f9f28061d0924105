#pragma once

#include <optional>
#include <string>
#include <vector>

#include "settings.hpp"

namespace aviso::server {

// The outcome of reading the command line: settings to run with, or an exit (after --help,
// --version or a mistake) with the text to print.
struct CommandLine {
  std::optional<Settings> settings;
  int exit_code = 0;
  std::string output;  // stdout for --help/--version, stderr for errors
};

// Flags override the --config file, which overrides the defaults. Without --config the reference
// test schema (protocol section 7.2) is built in.
CommandLine parse_command_line(int argc, const char* const* argv);

}  // namespace aviso::server
