#include <cstdlib>

#include "aviso/auth.hpp"
#include "aviso/error.hpp"
#include "core/utf8.hpp"

namespace aviso::auth {
namespace {

std::optional<std::string> read_variable(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr) return std::nullopt;
  std::string text(value);
  if (!is_valid_utf8(text)) throw Error::config(std::string(name) + " is not valid UTF-8");
  return text;
}

}  // namespace

Env::Env() {
  const std::optional<std::string> token = read_variable("AVISO_TOKEN");
  const std::optional<std::string> username = read_variable("AVISO_USERNAME");
  const std::optional<std::string> password = read_variable("AVISO_PASSWORD");
  if (token && !token->empty()) {
    found_ = std::make_shared<Bearer>(*token);
  } else if (username && !username->empty() && password) {
    found_ = std::make_shared<Basic>(*username, *password);
  }
}

std::string Env::authorization_header() {
  if (!found_) {
    throw Error::auth(
        "no credentials available: set AVISO_TOKEN or both AVISO_USERNAME and AVISO_PASSWORD");
  }
  return found_->authorization_header();
}

std::string Env::kind() const { return found_ ? found_->kind() : "env"; }

}  // namespace aviso::auth
