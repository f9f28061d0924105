#include "resolved_config.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "auth/discovery.hpp"
#include "auth/plaintext_policy.hpp"
#include "aviso/error.hpp"
#include "aviso/settings.hpp"
#include "command_error.hpp"
#include "listener_yaml.hpp"
#include "yaml_source.hpp"

namespace aviso::cli {
namespace {

namespace fs = std::filesystem;

// An empty variable counts as unset, as in the reference.
std::optional<std::string> environment(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

std::optional<std::string> home_file(const char* name) {
  auto home = environment("HOME");
  if (!home) return std::nullopt;
  return *home + "/.config/aviso/" + name;
}

std::string absolute(const std::string& path, const fs::path& base) {
  if (path.empty()) return path;
  fs::path p(path);
  if (p.is_relative()) p = base / p;
  return p.lexically_normal().string();
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CommandError::runtime("cannot read config file " + path).at(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

constexpr const char* kConfigKeys[] = {"base_url",   "auth", "timeout",  "heartbeat_interval",
                                       "state_file", "tls",  "listeners"};

// The keys only the CLI reads (state_file, listeners) plus the names of keys nobody reads.
void read_cli_keys(const std::string& text, const std::string& path, ResolvedConfig& config,
                   std::optional<std::string>& state_file) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& error) {
    throw CommandError::runtime("invalid config file " + path)
        .at(path)
        .caused_by("line " + std::to_string(error.mark.line + 1) + ", column " +
                   std::to_string(error.mark.column + 1) + ": " + error.msg);
  }
  if (!root || root.IsNull()) return;
  const YamlSource source(path);
  if (!root.IsMap()) source.fail(root, "the config file must be a mapping of settings");
  for (const auto& item : root) {
    const std::string key = item.first.IsScalar() ? item.first.Scalar() : "?";
    bool known = false;
    for (const char* name : kConfigKeys) known = known || key == name;
    if (!known) {
      config.ignored_config_keys.push_back(key + " (line " +
                                           std::to_string(item.first.Mark().line + 1) + ")");
    }
  }
  try {
    if (auto value = root["state_file"]; value && !value.IsNull()) {
      state_file = source.string_value(value, "state_file");
    }
    config.listeners.value = read_listener_list(root["listeners"], source);
  } catch (CommandError& error) {
    throw error.at(path);
  }
}

void resolve_credential(const GlobalOptions& global, ResolvedConfig& config,
                        const std::optional<std::string>& config_text) {
  try {
    if (global.token) {
      if (global.token->empty()) throw CommandError::usage("--token must not be empty");
      config.credential =
          ResolvedCredential{std::make_shared<aviso::auth::Bearer>(*global.token), "bearer",
                             std::nullopt, ValueOrigin::flag("--token"), true};
      return;
    }
    if (global.username && global.password) {
      if (global.username->empty()) throw CommandError::usage("--username must not be empty");
      config.credential = ResolvedCredential{
          std::make_shared<aviso::auth::Basic>(*global.username, *global.password), "basic",
          *global.username, ValueOrigin::flag("--username/--password"), true};
      return;
    }
    aviso::auth::DiscoveryPaths paths;
    if (config.config_file_found) {
      paths.config_file = config.config_path.value;
      paths.config_content = config_text;
    }
    paths.credentials_file = aviso::default_credentials_path();
    auto found = aviso::auth::discover(paths);
    if (!found) return;
    ResolvedCredential credential;
    credential.provider = found->provider;
    credential.kind = found->provider->kind();
    switch (found->source.kind) {
      case aviso::auth::CredentialSource::Kind::Environment:
        credential.origin = ValueOrigin::environment("AVISO_TOKEN or AVISO_USERNAME");
        if (credential.kind == "basic") credential.username = environment("AVISO_USERNAME");
        break;
      case aviso::auth::CredentialSource::Kind::ConfigFile:
        credential.origin = ValueOrigin::config_file(found->source.path);
        break;
      case aviso::auth::CredentialSource::Kind::CredentialsFile:
        credential.origin = {ValueOrigin::Source::CredentialsFile, found->source.path};
        break;
    }
    if (config.base_url && aviso::auth::is_public_plaintext(config.base_url->value.c_str())) {
      config.credential_refusal =
          aviso::auth::plaintext_refusal(found->source, config.base_url->value).what();
    }
    config.credential = std::move(credential);
  } catch (const aviso::Error& error) {
    // A half-set AVISO_USERNAME/AVISO_PASSWORD pair is the user's to fix (exit 2); a broken
    // credentials file or auth: block is a runtime problem with a file (exit 1).
    const bool environment_misconfigured =
        error.kind() == AvisoErrorKind_Auth &&
        (environment("AVISO_USERNAME").has_value() != environment("AVISO_PASSWORD").has_value());
    if (environment_misconfigured) {
      throw CommandError::usage(
          "credentials in the environment are misconfigured: set both "
          "AVISO_USERNAME and AVISO_PASSWORD, or AVISO_TOKEN")
          .caused_by(error.what());
    }
    throw CommandError::runtime("cannot load credentials").caused_by(error.what());
  }
}

}  // namespace

std::string ValueOrigin::describe() const {
  switch (source) {
    case Source::Flag:
      return "flag " + detail;
    case Source::Environment:
      return "environment " + detail;
    case Source::ConfigFile:
      return "config file " + detail;
    case Source::CredentialsFile:
      return "credentials file " + detail;
    case Source::Default:
      break;
  }
  return "default";
}

std::string missing_base_url_message() {
  return "no aviso-server address is configured: pass --base-url <URL>, set AVISO_BASE_URL, or "
         "put base_url: <URL> in the config file (~/.config/aviso/config.yaml). For a local "
         "server, run `aviso-local-server` and use the address it prints";
}

ResolvedConfig resolve_config(const GlobalOptions& global) {
  ResolvedConfig config;
  const fs::path cwd = fs::current_path();

  // Config file: --config, else AVISO_CLIENT_CONFIG_FILE, else the default path.
  bool named = true;
  if (global.config) {
    config.config_path = {absolute(*global.config, cwd), ValueOrigin::flag("--config")};
  } else if (auto env = environment("AVISO_CLIENT_CONFIG_FILE")) {
    config.config_path = {absolute(*env, cwd),
                          ValueOrigin::environment("AVISO_CLIENT_CONFIG_FILE")};
  } else {
    named = false;
    config.config_path = {home_file("config.yaml").value_or(""), ValueOrigin::fallback()};
  }
  std::error_code ignored;
  config.config_file_found =
      !config.config_path.value.empty() && fs::exists(config.config_path.value, ignored);
  if (named && !config.config_file_found) {
    throw CommandError::runtime("config file " + config.config_path.value + " does not exist")
        .at(config.config_path.value)
        .suggest("fix the path given by " + config.config_path.origin.describe() +
                 ", or drop it to use ~/.config/aviso/config.yaml");
  }

  std::optional<std::string> text;
  aviso::ClientSettings settings;
  std::optional<std::string> file_state_file;
  const std::string& path = config.config_path.value;
  const ValueOrigin from_file = ValueOrigin::config_file(path);
  config.listeners.origin = from_file;
  if (config.config_file_found) {
    text = read_text(path);
    try {
      settings = aviso::ClientSettings::parse(*text, path);
    } catch (const aviso::Error& error) {
      throw CommandError::runtime("invalid config file " + path).at(path).caused_by(error.what());
    }
    read_cli_keys(*text, path, config, file_state_file);
  }

  const fs::path config_dir = fs::path(path).parent_path();
  if (global.state_file) {
    config.state_file = {absolute(*global.state_file, cwd), ValueOrigin::flag("--state-file")};
  } else if (auto env = environment("AVISO_STATE_FILE")) {
    config.state_file = {absolute(*env, cwd), ValueOrigin::environment("AVISO_STATE_FILE")};
  } else if (file_state_file) {
    config.state_file = {absolute(*file_state_file, config_dir), from_file};
  } else {
    config.state_file = {home_file("state.json").value_or("state.json"), ValueOrigin::fallback()};
  }

  if (global.base_url) {
    config.base_url = Sourced<std::string>{*global.base_url, ValueOrigin::flag("--base-url")};
  } else if (auto env = environment("AVISO_BASE_URL")) {
    config.base_url = Sourced<std::string>{*env, ValueOrigin::environment("AVISO_BASE_URL")};
  } else if (settings.base_url) {
    config.base_url = Sourced<std::string>{*settings.base_url, from_file};
  }
  if (settings.timeout)
    config.timeout = Sourced<std::chrono::milliseconds>{*settings.timeout, from_file};
  if (settings.heartbeat_interval) {
    config.heartbeat_interval =
        Sourced<std::chrono::milliseconds>{*settings.heartbeat_interval, from_file};
  }

  if (!global.ca_bundle.empty()) {
    config.ca_bundle.origin = ValueOrigin::flag("--ca-bundle");
    for (const auto& bundle : global.ca_bundle)
      config.ca_bundle.value.push_back(absolute(bundle, cwd));
  } else if (!settings.ca_bundle.empty()) {
    config.ca_bundle = {settings.ca_bundle, from_file};
  } else {
    config.ca_bundle.origin = ValueOrigin::fallback();
  }
  if (global.danger_accept_invalid_certs) {
    config.danger_accept_invalid_certs = {true, ValueOrigin::flag("--danger-accept-invalid-certs")};
  } else if (settings.danger_accept_invalid_certs) {
    config.danger_accept_invalid_certs = {true, from_file};
  } else {
    config.danger_accept_invalid_certs = {false, ValueOrigin::fallback()};
  }

  resolve_credential(global, config, text);
  return config;
}

}  // namespace aviso::cli
