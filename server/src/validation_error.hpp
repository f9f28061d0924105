#pragma once

#include <stdexcept>
#include <string>

namespace aviso::server {

// A request value that breaks a rule. `message` is the outermost description and `details` the
// innermost cause (equal when there is a single cause), as in the server's error bodies. The caller
// decides which error code and status it becomes (it depends on the endpoint).
class ValidationError : public std::runtime_error {
 public:
  explicit ValidationError(const std::string& message)
      : std::runtime_error(message), details_(message) {}
  ValidationError(const std::string& message, std::string details)
      : std::runtime_error(message), details_(std::move(details)) {}

  const std::string& details() const noexcept { return details_; }

 private:
  std::string details_;
};

}  // namespace aviso::server
