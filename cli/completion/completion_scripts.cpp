#include "completion_scripts.hpp"

namespace aviso::cli {
namespace {

void flatten(const CompletionCommand& command, const std::string& id, const std::string& parent,
             std::vector<FlatCommand>& out) {
  out.push_back({id, parent, &command});
  for (const auto& sub : command.subcommands) flatten(sub, id + "__" + sub.name, id, out);
}

}  // namespace

std::vector<FlatCommand> flatten_commands(const CompletionCommand& root) {
  std::vector<FlatCommand> out;
  flatten(root, root.name, "", out);
  return out;
}

std::string posix_single_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::optional<std::string> completion_script(const std::string& shell,
                                             const CompletionCommand& root) {
  if (shell == "bash") return bash_completion_script(root);
  if (shell == "zsh") return zsh_completion_script(root);
  if (shell == "fish") return fish_completion_script(root);
  if (shell == "powershell") return powershell_completion_script(root);
  if (shell == "elvish") return elvish_completion_script(root);
  return std::nullopt;
}

}  // namespace aviso::cli
