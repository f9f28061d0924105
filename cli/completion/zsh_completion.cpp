#include "completion_scripts.hpp"
#include "text.hpp"

namespace aviso::cli {
namespace {

// An entry of a _describe array: "name:description", the name's colons escaped.
std::string describe_entry(const std::string& name, const std::string& help) {
  std::string escaped;
  for (char c : name) {
    if (c == ':') escaped += '\\';
    escaped += c;
  }
  return posix_single_quoted(escaped + ":" + help);
}

}  // namespace

std::string zsh_completion_script(const CompletionCommand& root) {
  const auto commands = flatten_commands(root);
  const std::string fn = "_" + root.name;
  std::string s;
  s += "#compdef " + root.name + "\n";
  s += "# zsh completion for " + root.name + "; load with: source <(" + root.name +
       " completions zsh)\n";
  s += fn + "() {\n";
  // `path` is special in zsh (tied to PATH), hence cmd_path.
  s += "    local cmd_path=" + root.name + " word i cur prev\n";
  s += "    local -a entries\n";
  s += "    cur=${words[CURRENT]}\n";
  s += "    prev=${words[CURRENT-1]}\n";
  s += "    for ((i = 2; i < CURRENT; i++)); do\n";
  s += "        word=${words[i]}\n";
  s += "        case \"${cmd_path}:${word}\" in\n";
  for (const auto& flat : commands) {
    if (flat.parent_id.empty()) continue;
    s += "            (" + flat.parent_id + ":" + flat.command->name + ") cmd_path=" + flat.id +
         " ;;\n";
  }
  s += "        esac\n";
  s += "    done\n";
  s += "    case \"${cmd_path}:${prev}\" in\n";
  for (const auto& flat : commands) {
    for (const auto& flag : flat.command->flags) {
      if (!flag.takes_value) continue;
      std::vector<std::string> patterns;
      for (const auto& name : flag.names) patterns.push_back(flat.id + ":" + name);
      s += "        (" + join(patterns, "|") + ")\n";
      if (!flag.choices.empty()) {
        s += "            compadd -- " + join(flag.choices, " ") + "\n";
      } else if (flag.completes_files) {
        s += "            _files\n";
      }
      s += "            return ;;\n";
    }
  }
  s += "    esac\n";
  s += "    case \"${cmd_path}\" in\n";
  for (const auto& flat : commands) {
    const CompletionCommand& command = *flat.command;
    s += "        (" + flat.id + ")\n";
    s += "            if [[ ${cur} == -* ]]; then\n";
    s += "                entries=(\n";
    for (const auto& flag : command.flags) {
      for (const auto& name : flag.names) {
        s += "                    " + describe_entry(name, flag.help) + "\n";
      }
    }
    s += "                )\n";
    s += "                _describe -t flags 'flag' entries\n";
    s += "            else\n";
    s += "                entries=(\n";
    for (const auto& sub : command.subcommands) {
      s += "                    " + describe_entry(sub.name, sub.help) + "\n";
    }
    s += "                )\n";
    if (!command.subcommands.empty())
      s += "                _describe -t commands 'command' entries\n";
    if (!command.positional_choices.empty()) {
      s += "                compadd -- " + join(command.positional_choices, " ") + "\n";
    }
    if (command.positional_files) s += "                _files\n";
    s += "            fi ;;\n";
  }
  s += "    esac\n";
  s += "}\n";
  s += "if [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n";
  s += "    " + fn + " \"$@\"\n";
  s += "else\n";
  s += "    compdef " + fn + " " + root.name + "\n";
  s += "fi\n";
  return s;
}

}  // namespace aviso::cli
