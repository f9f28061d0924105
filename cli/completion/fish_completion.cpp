#include "completion_scripts.hpp"
#include "text.hpp"

namespace aviso::cli {
namespace {

// The fish condition under which the words of `id` apply: every command name on the path has
// been seen, and (for commands with subcommands) none of the subcommands yet.
std::string condition_for(const FlatCommand& flat, const std::vector<FlatCommand>& all) {
  std::vector<std::string> parts;
  // The path's names after the root, in order.
  std::vector<std::string> names;
  for (std::string id = flat.id;;) {
    const FlatCommand* current = nullptr;
    for (const auto& candidate : all) {
      if (candidate.id == id) current = &candidate;
    }
    if (current == nullptr || current->parent_id.empty()) break;
    names.insert(names.begin(), current->command->name);
    id = current->parent_id;
  }
  if (names.empty()) {
    parts.push_back("__fish_use_subcommand");
  } else {
    for (const auto& name : names) parts.push_back("__fish_seen_subcommand_from " + name);
  }
  std::vector<std::string> children;
  for (const auto& sub : flat.command->subcommands) children.push_back(sub.name);
  if (!names.empty() && !children.empty()) {
    parts.push_back("not __fish_seen_subcommand_from " + join(children, " "));
  }
  return join(parts, "; and ");
}

}  // namespace

std::string fish_completion_script(const CompletionCommand& root) {
  const auto commands = flatten_commands(root);
  const std::string& cmd = root.name;
  std::string s;
  s += "# fish completion for " + cmd + "; load with: " + cmd + " completions fish | source\n";
  s += "complete -c " + cmd + " -f\n";
  for (const auto& flat : commands) {
    const CompletionCommand& command = *flat.command;
    const std::string condition = condition_for(flat, commands);
    for (const auto& sub : command.subcommands) {
      s += "complete -c " + cmd + " -n " + posix_single_quoted(condition) + " -a " + sub.name +
           " -d " + posix_single_quoted(sub.help) + "\n";
    }
    if (!command.positional_choices.empty()) {
      s += "complete -c " + cmd + " -n " + posix_single_quoted(condition) + " -a " +
           posix_single_quoted(join(command.positional_choices, " ")) + "\n";
    }
    if (command.positional_files) {
      s += "complete -c " + cmd + " -n " + posix_single_quoted(condition) + " -F\n";
    }
    // The root's flags are global: offered everywhere. A command's own flags only under it.
    const bool is_root = flat.parent_id.empty();
    for (const auto& flag : command.flags) {
      bool inherited = false;
      if (!is_root) {
        for (const auto& global : root.flags) inherited = inherited || global.names == flag.names;
      }
      if (inherited) continue;
      std::string line = "complete -c " + cmd;
      if (!is_root) {
        std::string seen;
        for (std::string id = flat.id; !id.empty();) {
          const FlatCommand* current = nullptr;
          for (const auto& candidate : commands) {
            if (candidate.id == id) current = &candidate;
          }
          if (current == nullptr || current->parent_id.empty()) break;
          seen = seen.empty()
                     ? "__fish_seen_subcommand_from " + current->command->name
                     : "__fish_seen_subcommand_from " + current->command->name + "; and " + seen;
          id = current->parent_id;
        }
        line += " -n " + posix_single_quoted(seen);
      }
      for (const auto& name : flag.names) {
        line += name.rfind("--", 0) == 0 ? " -l " + name.substr(2) : " -s " + name.substr(1);
      }
      if (flag.takes_value) {
        line += " -r";
        if (!flag.choices.empty()) {
          line += " -f -a " + posix_single_quoted(join(flag.choices, " "));
        } else if (flag.completes_files) {
          line += " -F";
        }
      }
      line += " -d " + posix_single_quoted(flag.help);
      s += line + "\n";
    }
  }
  return s;
}

}  // namespace aviso::cli
