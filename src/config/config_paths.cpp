#include <cstdlib>

#include "aviso/settings.hpp"

namespace aviso {
namespace {

std::optional<std::string> path_from(const char* variable, const char* file_name) {
  const char* named = std::getenv(variable);
  if (named != nullptr && *named != '\0') return std::string(named);
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return std::nullopt;
  return std::string(home) + "/.config/aviso/" + file_name;
}

}  // namespace

std::optional<std::string> default_config_path() {
  return path_from("AVISO_CLIENT_CONFIG_FILE", "config.yaml");
}

std::optional<std::string> default_credentials_path() {
  return path_from("AVISO_CREDENTIALS_FILE", "credentials.yaml");
}

}  // namespace aviso
