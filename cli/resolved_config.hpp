// The configuration a command runs with, each value tagged with where it came from
// (surfaces.md 1.2-1.3, triggers-auth-config.md 6). Per field: flag, else environment variable,
// else config file, else default; a credential comes from --token / --username+--password, else
// from the library's discovery (environment, the config's auth: block, the credentials file).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "aviso/auth.hpp"
#include "invocation.hpp"
#include "listener_spec.hpp"

namespace aviso::cli {

struct ValueOrigin {
  enum class Source { Flag, Environment, ConfigFile, CredentialsFile, Default };
  Source source = Source::Default;
  std::string detail;  // the flag, the variable(s) or the file path

  // "flag --base-url", "environment AVISO_BASE_URL", "config file /etc/aviso.yaml",
  // "credentials file /home/u/.config/aviso/credentials.yaml", "default"
  std::string describe() const;
  static ValueOrigin flag(std::string name) { return {Source::Flag, std::move(name)}; }
  static ValueOrigin environment(std::string name) {
    return {Source::Environment, std::move(name)};
  }
  static ValueOrigin config_file(std::string path) { return {Source::ConfigFile, std::move(path)}; }
  static ValueOrigin fallback() { return {Source::Default, {}}; }
};

template <class T>
struct Sourced {
  T value;
  ValueOrigin origin;
};

struct ResolvedCredential {
  std::shared_ptr<aviso::AuthProvider> provider;
  std::string kind;                     // "bearer", "basic", ...
  std::optional<std::string> username;  // basic only; shown by config dump unless --redact
  ValueOrigin origin;
  bool named_on_command_line = false;
};

struct ResolvedConfig {
  Sourced<std::string> config_path;
  bool config_file_found = false;
  Sourced<std::string> state_file;
  std::optional<Sourced<std::string>> base_url;
  std::optional<Sourced<std::chrono::milliseconds>> timeout;
  std::optional<Sourced<std::chrono::milliseconds>> heartbeat_interval;
  Sourced<std::vector<std::string>> ca_bundle;
  Sourced<bool> danger_accept_invalid_certs;
  std::optional<ResolvedCredential> credential;
  // Why a discovered credential may not be sent to base_url (plain http to a public host).
  std::optional<std::string> credential_refusal;
  Sourced<std::vector<ListenerSpec>> listeners;
  std::vector<std::string> ignored_config_keys;  // "bogus (line 3)"
};

// Reads the config file once and layers flags and environment over it. Throws CommandError:
// usage for bad flag values and a half-set AVISO_USERNAME/AVISO_PASSWORD pair; runtime for a
// missing named config file, unreadable or invalid YAML, and an unusable credentials file.
ResolvedConfig resolve_config(const GlobalOptions& global);

// The message of the usage error for a missing base URL: it says how to set one.
std::string missing_base_url_message();

}  // namespace aviso::cli
