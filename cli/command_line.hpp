// The one definition of the `aviso` command tree (surfaces.md 1.1, 1.2): commands, arguments,
// global flags and their help. It parses argv into an Invocation and exports the same tree for
// shell completions.
#pragma once

#include <memory>
#include <string>

#include "completion_tree.hpp"
#include "invocation.hpp"

namespace aviso::cli {

struct ParseOutcome {
  enum class Kind { Run, Help, Version, Error };
  Kind kind = Kind::Run;
  std::string text;  // the help or version text (stdout), or the error message (stderr)
};

class CommandLine {
 public:
  CommandLine();
  ~CommandLine();
  CommandLine(const CommandLine&) = delete;
  CommandLine& operator=(const CommandLine&) = delete;

  // Parses argv (argv[0] is the program). Global flags may come before or after the command.
  ParseOutcome parse(int argc, const char* const* argv);
  const Invocation& invocation() const;

  CompletionCommand completion_tree() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aviso::cli
