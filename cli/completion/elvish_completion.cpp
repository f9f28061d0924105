#include "completion_scripts.hpp"
#include "text.hpp"

namespace aviso::cli {
namespace {

// An elvish single-quoted string: ' doubles.
std::string elvish_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

}  // namespace

std::string elvish_completion_script(const CompletionCommand& root) {
  const auto commands = flatten_commands(root);
  std::string s;
  s += "# elvish completion for " + root.name + "; load with: eval (" + root.name +
       " completions elvish | slurp)\n";
  s += "use str\n\n";
  s += "set edit:completion:arg-completer[" + root.name + "] = {|@words|\n";
  s += "    fn cand {|text desc|\n";
  s += "        edit:complex-candidate $text &display=$text' '$desc\n";
  s += "    }\n";
  s += "    var transitions = [\n";
  for (const auto& flat : commands) {
    if (flat.parent_id.empty()) continue;
    s += "        &" + elvish_quoted(flat.parent_id + ":" + flat.command->name) + "=" +
         elvish_quoted(flat.id) + "\n";
  }
  s += "    ]\n";
  s += "    var command = " + elvish_quoted(root.name) + "\n";
  s += "    for word $words[1..-1] {\n";
  s += "        var key = $command':'$word\n";
  s += "        if (has-key $transitions $key) {\n";
  s += "            set command = $transitions[$key]\n";
  s += "        }\n";
  s += "    }\n";
  // Values of the flag just typed, when they form a closed set.
  s += "    var values = [\n";
  for (const auto& flat : commands) {
    for (const auto& flag : flat.command->flags) {
      if (!flag.takes_value || flag.choices.empty()) continue;
      std::vector<std::string> quoted;
      for (const auto& choice : flag.choices) quoted.push_back(elvish_quoted(choice));
      for (const auto& name : flag.names) {
        s += "        &" + elvish_quoted(flat.id + ":" + name) + "=[" + join(quoted, " ") + "]\n";
      }
    }
  }
  s += "    ]\n";
  s += "    if (> (count $words) 2) {\n";
  s += "        var previous = $command':'$words[-2]\n";
  s += "        if (has-key $values $previous) {\n";
  s += "            for value $values[$previous] { cand $value $value }\n";
  s += "            return\n";
  s += "        }\n";
  s += "    }\n";
  s += "    var completions = [\n";
  for (const auto& flat : commands) {
    const CompletionCommand& command = *flat.command;
    s += "        &" + elvish_quoted(flat.id) + "= {\n";
    for (const auto& sub : command.subcommands) {
      s += "            cand " + elvish_quoted(sub.name) + " " + elvish_quoted(sub.help) + "\n";
    }
    for (const auto& choice : command.positional_choices) {
      s += "            cand " + elvish_quoted(choice) + " " + elvish_quoted(choice) + "\n";
    }
    for (const auto& flag : command.flags) {
      for (const auto& name : flag.names) {
        s += "            cand " + elvish_quoted(name) + " " + elvish_quoted(flag.help) + "\n";
      }
    }
    s += "        }\n";
  }
  s += "    ]\n";
  s += "    $completions[$command]\n";
  s += "}\n";
  return s;
}

}  // namespace aviso::cli
