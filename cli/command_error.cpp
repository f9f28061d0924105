#include "command_error.hpp"

#include <utility>

#include "exit_code.hpp"

namespace aviso::cli {

CommandError::CommandError(Kind kind, std::string summary)
    : std::runtime_error(summary), kind_(kind), summary_(std::move(summary)) {}

CommandError CommandError::usage(std::string summary) {
  return CommandError(Kind::Usage, std::move(summary));
}

CommandError CommandError::runtime(std::string summary) {
  return CommandError(Kind::Runtime, std::move(summary));
}

CommandError& CommandError::at(std::string location) {
  locations_.push_back(std::move(location));
  return *this;
}

CommandError& CommandError::suggest(std::string suggestion) {
  suggestions_.push_back(std::move(suggestion));
  return *this;
}

CommandError& CommandError::caused_by(std::string cause) {
  causes_.push_back(std::move(cause));
  return *this;
}

int CommandError::exit_code() const noexcept {
  return kind_ == Kind::Usage ? kExitUsageError : kExitRuntimeError;
}

std::string format_error_report(const CommandError& error) {
  std::string out = "error: " + error.summary() + "\n";
  for (const auto& location : error.locations()) out += "at: " + location + "\n";
  for (const auto& suggestion : error.suggestions()) out += "suggestion: " + suggestion + "\n";
  if (!error.causes().empty()) {
    out += "Caused by:\n";
    for (std::size_t i = 0; i < error.causes().size(); ++i) {
      out += "  " + std::to_string(i) + ": " + error.causes()[i] + "\n";
    }
  }
  return out;
}

}  // namespace aviso::cli
