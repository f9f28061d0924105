// The command tree in a shell-neutral form: what the completion generators consume. It is
// extracted from the one CLI11 definition in command_line.cpp, so parsing, help and completions
// can never disagree about which commands and flags exist.
#pragma once

#include <string>
#include <vector>

namespace aviso::cli {

struct CompletionFlag {
  std::vector<std::string> names;  // "-c", "--config"
  std::string help;
  bool takes_value = false;
  std::vector<std::string> choices;  // the closed set of values, when there is one
  bool completes_files = false;      // the value is a path
};

struct CompletionCommand {
  std::string name;  // "aviso" at the root
  std::string help;
  std::vector<CompletionFlag> flags;  // including the inherited global flags
  std::vector<CompletionCommand> subcommands;
  std::vector<std::string> positional_choices;  // e.g. the shells of `completions`
  bool positional_files = false;                // e.g. LISTENER_FILES
};

}  // namespace aviso::cli
