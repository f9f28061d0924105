#include "completion_scripts.hpp"
#include "text.hpp"

namespace aviso::cli {
namespace {

std::string words_of(const std::vector<std::string>& words) { return join(words, " "); }

}  // namespace

std::string bash_completion_script(const CompletionCommand& root) {
  const auto commands = flatten_commands(root);
  const std::string fn = "_" + root.name;
  std::string s;
  s += "# bash completion for " + root.name + "; load with: source <(" + root.name +
       " completions bash)\n";
  s += fn + "() {\n";
  s += "    local cur prev cmd_path word i\n";
  s += "    cur=\"${COMP_WORDS[COMP_CWORD]}\"\n";
  s += "    prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n";
  s += "    cmd_path=\"" + root.name + "\"\n";
  s += "    for ((i = 1; i < COMP_CWORD; i++)); do\n";
  s += "        word=\"${COMP_WORDS[i]}\"\n";
  s += "        case \"${cmd_path}:${word}\" in\n";
  for (const auto& flat : commands) {
    if (flat.parent_id.empty()) continue;
    s += "            " + flat.parent_id + ":" + flat.command->name + ") cmd_path=\"" + flat.id +
         "\" ;;\n";
  }
  s += "        esac\n";
  s += "    done\n";
  s += "    COMPREPLY=()\n";
  // Values of the flag just typed.
  s += "    case \"${cmd_path}:${prev}\" in\n";
  for (const auto& flat : commands) {
    for (const auto& flag : flat.command->flags) {
      if (!flag.takes_value) continue;
      std::vector<std::string> patterns;
      for (const auto& name : flag.names) patterns.push_back(flat.id + ":" + name);
      s += "        " + join(patterns, "|") + ")\n";
      if (!flag.choices.empty()) {
        s += "            COMPREPLY=($(compgen -W \"" + words_of(flag.choices) +
             "\" -- \"${cur}\"))\n";
      } else if (flag.completes_files) {
        s += "            COMPREPLY=($(compgen -f -- \"${cur}\"))\n";
      }
      s += "            return 0 ;;\n";
    }
  }
  s += "    esac\n";
  // Subcommands, positional values, or flags.
  s += "    case \"${cmd_path}\" in\n";
  for (const auto& flat : commands) {
    const CompletionCommand& command = *flat.command;
    std::vector<std::string> flags;
    for (const auto& flag : command.flags) {
      for (const auto& name : flag.names) flags.push_back(name);
    }
    std::vector<std::string> words;
    for (const auto& sub : command.subcommands) words.push_back(sub.name);
    for (const auto& choice : command.positional_choices) words.push_back(choice);
    s += "        " + flat.id + ")\n";
    s += "            if [[ \"${cur}\" == -* ]]; then\n";
    s += "                COMPREPLY=($(compgen -W \"" + words_of(flags) + "\" -- \"${cur}\"))\n";
    s += "            else\n";
    s += "                COMPREPLY=($(compgen -W \"" + words_of(words) + "\" -- \"${cur}\"))\n";
    if (command.positional_files) {
      s += "                COMPREPLY+=($(compgen -f -- \"${cur}\"))\n";
    }
    s += "            fi ;;\n";
  }
  s += "    esac\n";
  s += "    return 0\n";
  s += "}\n";
  s += "complete -F " + fn + " -o bashdefault -o default " + root.name + "\n";
  return s;
}

}  // namespace aviso::cli
