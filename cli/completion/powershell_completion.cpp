#include "completion_scripts.hpp"
#include "text.hpp"

namespace aviso::cli {
namespace {

// A PowerShell single-quoted string: ' doubles.
std::string ps_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

std::string result(const std::string& text, const std::string& kind, const std::string& help) {
  return "[CompletionResult]::new(" + ps_quoted(text) + ", " + ps_quoted(text) +
         ", [CompletionResultType]::" + kind + ", " + ps_quoted(help.empty() ? text : help) + ")";
}

}  // namespace

std::string powershell_completion_script(const CompletionCommand& root) {
  const auto commands = flatten_commands(root);
  std::string s;
  s += "# PowerShell completion for " + root.name + "; load with: " + root.name +
       " completions powershell | Out-String | Invoke-Expression\n";
  s += "using namespace System.Management.Automation\n";
  s += "using namespace System.Management.Automation.Language\n\n";
  s += "Register-ArgumentCompleter -Native -CommandName " + ps_quoted(root.name) +
       " -ScriptBlock {\n";
  s += "    param($wordToComplete, $commandAst, $cursorPosition)\n";
  s += "    $transitions = @{\n";
  for (const auto& flat : commands) {
    if (flat.parent_id.empty()) continue;
    s += "        " + ps_quoted(flat.parent_id + ":" + flat.command->name) + " = " +
         ps_quoted(flat.id) + "\n";
  }
  s += "    }\n";
  s += "    $commandPath = " + ps_quoted(root.name) + "\n";
  s += "    $previous = ''\n";
  s += "    foreach ($element in $commandAst.CommandElements | Select-Object -Skip 1) {\n";
  s += "        if ($element.Extent.StartOffset -ge $cursorPosition) { break }\n";
  s += "        $text = $element.ToString()\n";
  s += "        if ($element.Extent.EndOffset -ge $cursorPosition -and $text -eq $wordToComplete) "
       "{ break }\n";
  s += "        $key = $commandPath + ':' + $text\n";
  s += "        if ($transitions.ContainsKey($key)) { $commandPath = $transitions[$key] }\n";
  s += "        $previous = $text\n";
  s += "    }\n";
  s += "    $completions = @(switch ($commandPath + ':' + $previous) {\n";
  for (const auto& flat : commands) {
    for (const auto& flag : flat.command->flags) {
      if (!flag.takes_value) continue;
      for (const auto& name : flag.names) {
        s += "        " + ps_quoted(flat.id + ":" + name) + " {\n";
        for (const auto& choice : flag.choices) {
          s += "            " + result(choice, "ParameterValue", choice) + "\n";
        }
        s += "            break\n";
        s += "        }\n";
      }
    }
  }
  s += "        default {\n";
  s += "            switch ($commandPath) {\n";
  for (const auto& flat : commands) {
    const CompletionCommand& command = *flat.command;
    s += "                " + ps_quoted(flat.id) + " {\n";
    for (const auto& sub : command.subcommands) {
      s += "                    " + result(sub.name, "ParameterValue", sub.help) + "\n";
    }
    for (const auto& choice : command.positional_choices) {
      s += "                    " + result(choice, "ParameterValue", choice) + "\n";
    }
    for (const auto& flag : command.flags) {
      for (const auto& name : flag.names) {
        s += "                    " + result(name, "ParameterName", flag.help) + "\n";
      }
    }
    s += "                    break\n";
    s += "                }\n";
  }
  s += "            }\n";
  s += "        }\n";
  s += "    })\n";
  s += "    $completions | Where-Object { $_.CompletionText -like \"$wordToComplete*\" } |\n";
  s += "        Sort-Object -Property ListItemText\n";
  s += "}\n";
  return s;
}

}  // namespace aviso::cli
