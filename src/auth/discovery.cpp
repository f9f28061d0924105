#include "auth/discovery.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "auth/credentials_yaml.hpp"
#include "aviso/error.hpp"
#include "core/utf8.hpp"

namespace aviso::auth {
namespace {

std::optional<std::string> variable(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr) return std::nullopt;
  if (!is_valid_utf8(value)) throw Error::config(std::string(name) + " is not valid UTF-8");
  return std::string(value);
}

// Tier 1. All three unset or empty: nothing. A partial set is an error, not a fall-through:
// the user meant to use the environment.
std::optional<Discovered> from_environment() {
  const std::string token = variable("AVISO_TOKEN").value_or("");
  const std::optional<std::string> username = variable("AVISO_USERNAME");
  const std::optional<std::string> password = variable("AVISO_PASSWORD");
  const CredentialSource source{CredentialSource::Kind::Environment, ""};
  if (!token.empty()) return Discovered{std::make_shared<Bearer>(token), source};
  const bool has_user = username && !username->empty();
  const bool has_password = password && !password->empty();
  if (!has_user && !has_password) return std::nullopt;
  if (has_user && password) {
    return Discovered{std::make_shared<Basic>(*username, *password), source};
  }
  throw Error::auth(has_user ? "AVISO_USERNAME is set but AVISO_PASSWORD is not"
                             : "AVISO_PASSWORD is set but AVISO_USERNAME is not");
}

// Tier 2: the `auth:` block of the config file.
std::optional<Discovered> from_config_block(const std::string& path, const std::string& text) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& error) {
    throw Error::config("config file " + path + ": invalid YAML: " + error.what());
  }
  if (!root.IsMap() || !root["auth"] || root["auth"].IsNull()) return std::nullopt;
  const YAML::Node block = root["auth"];
  if (!block.IsMap()) throw Error::config("config file " + path + ": 'auth' must be a mapping");
  for (const auto& entry : block) {
    const std::string key = entry.first.as<std::string>();
    if (key != "bearer_token" && key != "basic") {
      throw Error::config("config file " + path + ": unknown key 'auth." + key +
                          "' (expected bearer_token or basic)");
    }
  }
  const YAML::Node token = block["bearer_token"];
  const YAML::Node basic = block["basic"];
  const bool has_token = token && !token.IsNull();
  const bool has_basic = basic && !basic.IsNull();
  if (has_token && has_basic) {
    throw Error::auth("config file " + path +
                      " sets both auth.bearer_token and auth.basic; keep one");
  }
  const CredentialSource source{CredentialSource::Kind::ConfigFile, path};
  if (has_token) {
    if (!token.IsScalar() || token.as<std::string>().empty()) {
      throw Error::config("config file " + path + ": auth.bearer_token must be a non-empty string");
    }
    return Discovered{std::make_shared<Bearer>(token.as<std::string>()), source};
  }
  if (has_basic) {
    if (!basic.IsMap()) {
      throw Error::config("config file " + path + ": auth.basic must be a mapping");
    }
    for (const auto& entry : basic) {
      const std::string key = entry.first.as<std::string>();
      if (key != "username" && key != "password") {
        throw Error::config("config file " + path + ": unknown key 'auth.basic." + key +
                            "' (expected username and password)");
      }
    }
    const std::string username = basic["username"] ? basic["username"].as<std::string>() : "";
    if (username.empty()) {
      throw Error::config("config file " + path + ": auth.basic.username must not be empty");
    }
    const std::string password = basic["password"] ? basic["password"].as<std::string>() : "";
    return Discovered{std::make_shared<Basic>(username, password), source};
  }
  return std::nullopt;
}

// Tier 3. A dangling symlink counts as existing (and then fails to read).
std::optional<Discovered> from_credentials_file(const std::string& path) {
  std::error_code ignored;
  if (!std::filesystem::exists(std::filesystem::symlink_status(path, ignored))) {
    return std::nullopt;
  }
  return Discovered{std::make_shared<ConfigFile>(path),
                    CredentialSource{CredentialSource::Kind::CredentialsFile, path}};
}

}  // namespace

std::string CredentialSource::label() const {
  switch (kind) {
    case Kind::Environment:
      return "environment";
    case Kind::ConfigFile:
      return "config file";
    case Kind::CredentialsFile:
      return "credentials file";
  }
  return "unknown";
}

std::string CredentialSource::display() const {
  return kind == Kind::Environment ? label() : label() + " " + path;
}

std::optional<Discovered> discover(const DiscoveryPaths& paths) {
  if (auto found = from_environment()) return found;
  if (paths.config_file) {
    std::optional<std::string> text = paths.config_content;
    if (!text && std::filesystem::exists(*paths.config_file)) {
      try {
        text = read_text_file(*paths.config_file);
      } catch (const std::runtime_error& error) {
        throw Error::config("read config file " + *paths.config_file + ": " + error.what());
      }
    }
    if (text) {
      if (auto found = from_config_block(*paths.config_file, *text)) return found;
    }
  }
  if (paths.credentials_file) return from_credentials_file(*paths.credentials_file);
  return std::nullopt;
}

}  // namespace aviso::auth
