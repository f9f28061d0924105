// Client settings read from the aviso config file (~/.config/aviso/config.yaml). Public header:
// C++17.
//
//   base_url: https://aviso.example.org
//   timeout: 30s                  # humantime: 500ms, 30s, 2m, 1h30m, 1m30s
//   heartbeat_interval: 30s
//   tls:
//     ca_bundle: [internal-ca.pem]   # relative paths resolve against the file's directory
//     danger_accept_invalid_certs: false
//   auth: ...                     # read by credential discovery only
//
// Unknown top-level keys are ignored (the CLI keeps `state_file` and `listeners` there); an
// unknown key inside `tls` is an error naming the key.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace aviso {

struct ClientSettings {
  std::optional<std::string> base_url;
  std::optional<std::chrono::milliseconds> timeout;
  std::optional<std::chrono::milliseconds> heartbeat_interval;
  std::vector<std::string> ca_bundle;  // absolute (or as written when the origin has no dir)
  bool danger_accept_invalid_certs = false;

  // Parses YAML text. `origin` is the file it came from: named in every error and the base of
  // relative ca_bundle paths. Throws Error::config naming file, key and value.
  static ClientSettings parse(const std::string& yaml, const std::string& origin);
  // Reads a file that must exist.
  static ClientSettings from_path(const std::string& path);
  // Reads the default file ($AVISO_CLIENT_CONFIG_FILE, else ~/.config/aviso/config.yaml);
  // std::nullopt when it does not exist.
  static std::optional<ClientSettings> from_default_path();
};

// The default config file path: $AVISO_CLIENT_CONFIG_FILE when set and non-empty, else
// $HOME/.config/aviso/config.yaml; std::nullopt without a home directory.
std::optional<std::string> default_config_path();
// The default credentials file path: $AVISO_CREDENTIALS_FILE, else
// $HOME/.config/aviso/credentials.yaml.
std::optional<std::string> default_credentials_path();

// Parses a humantime duration ("30s", "500ms", "1h30m", "1m 30s", "2days"). Throws
// std::invalid_argument naming the problem.
std::chrono::milliseconds parse_duration(const std::string& text);

}  // namespace aviso
