// The one error type a command reports to the entry point.
//
// It carries what the user sees at exit: a one-line summary, where the problem is (file paths),
// what to do about it (suggestions), and the chain of underlying causes, outermost first. Whether
// it is a usage error (exit 2) or a runtime error (exit 1) is decided where it is raised, because
// only that code knows whether the user or the world is at fault.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace aviso::cli {

class CommandError : public std::runtime_error {
 public:
  enum class Kind { Usage, Runtime };

  static CommandError usage(std::string summary);
  static CommandError runtime(std::string summary);

  // Chainable while building, e.g.
  //   throw CommandError::usage("no listeners to run").at(path).suggest("...");
  CommandError& at(std::string location);
  CommandError& suggest(std::string suggestion);
  CommandError& caused_by(std::string cause);

  Kind kind() const noexcept { return kind_; }
  int exit_code() const noexcept;
  const std::string& summary() const noexcept { return summary_; }
  const std::vector<std::string>& locations() const noexcept { return locations_; }
  const std::vector<std::string>& suggestions() const noexcept { return suggestions_; }
  const std::vector<std::string>& causes() const noexcept { return causes_; }

 private:
  CommandError(Kind kind, std::string summary);

  Kind kind_;
  std::string summary_;
  std::vector<std::string> locations_;
  std::vector<std::string> suggestions_;
  std::vector<std::string> causes_;
};

// The stderr text for an error at exit:
//   error: <summary>
//   at: <location>            (one line per location)
//   suggestion: <text>        (one line per suggestion)
//   Caused by:
//     0: <cause>
//     1: <deeper cause>
// Every line ends with '\n'.
std::string format_error_report(const CommandError& error);

}  // namespace aviso::cli
