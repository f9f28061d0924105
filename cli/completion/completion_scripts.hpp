// Shell completion scripts for `aviso completions <SHELL>`, generated from the command tree of
// command_line.cpp (see completion_tree.hpp). Each generator walks the same tree: the words
// typed so far select a command, then the script offers that command's subcommands, flags, or
// the values of the flag just typed (a closed set, or file names).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "completion_tree.hpp"

namespace aviso::cli {

std::string bash_completion_script(const CompletionCommand& root);
std::string zsh_completion_script(const CompletionCommand& root);
std::string fish_completion_script(const CompletionCommand& root);
std::string powershell_completion_script(const CompletionCommand& root);
std::string elvish_completion_script(const CompletionCommand& root);

// The script for `shell` ("bash", "zsh", "fish", "powershell", "elvish"), or nothing.
std::optional<std::string> completion_script(const std::string& shell,
                                             const CompletionCommand& root);

// Every command of the tree with the id of its path ("aviso", "aviso__schema__list") and the id
// of its parent (empty for the root), parents before children.
struct FlatCommand {
  std::string id;
  std::string parent_id;
  const CompletionCommand* command = nullptr;
};
std::vector<FlatCommand> flatten_commands(const CompletionCommand& root);

// `text` inside single quotes for POSIX shells: ' becomes '\''.
std::string posix_single_quoted(const std::string& text);

}  // namespace aviso::cli
