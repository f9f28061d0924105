// Which settings a client will use and where each came from (spec 6.3): the one function the
// builder uses to build and to describe(), so a dump shows exactly what a build would do.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/discovery.hpp"
#include "aviso/error.hpp"
#include "aviso/settings.hpp"

namespace aviso::client {

struct ResolvedAuth {
  std::string kind;                    // bearer, basic, anonymous, chain, a custom name
  std::string source;                  // as above
  std::optional<std::string> refused;  // why a found credential will not be sent
};

// Sources read "code", "environment AVISO_BASE_URL", "config file <path>",
// "credentials file <path>" or "default".
struct ResolvedSettings {
  std::optional<std::string> base_url;  // display form: no userinfo, trailing '/'
  std::string base_url_source;
  std::optional<ResolvedAuth> auth;  // none: no credential anywhere
  std::optional<std::chrono::milliseconds> timeout;
  std::string timeout_source = "default";
  std::optional<std::chrono::milliseconds> heartbeat_interval;
  std::string heartbeat_interval_source = "default";
  std::vector<std::string> ca_bundle;
  std::string ca_bundle_source = "default";
  bool danger_accept_invalid_certs = false;
  std::string danger_accept_invalid_certs_source = "default";
  std::optional<std::string> config_file;       // the file that was read
  std::optional<std::string> credentials_file;  // the one consulted

  // One line per setting: name padded to 28, value padded to 40, then "(source)".
  std::string to_string() const;
};

// How the credential was given in code.
struct CodeAuth {
  enum class Mode { Unset, Named, Anonymous, Found };
  Mode mode = Mode::Unset;
  std::shared_ptr<AuthProvider> provider;  // Named
  std::optional<auth::Discovered> found;   // Found (discover_auth() already ran)
};

struct ResolveInputs {
  std::optional<std::string> base_url;
  std::optional<std::chrono::milliseconds> timeout;
  std::optional<std::chrono::milliseconds> heartbeat_interval;
  std::vector<std::string> ca_bundle;
  std::optional<bool> danger_accept_invalid_certs;
  CodeAuth auth;
  bool search_for_credential = false;  // from_file / from_environment
  bool read_env_address = false;       // from_environment
  enum class File { None, Default, Named };
  File file = File::None;
  std::string file_path;  // for Named
};

struct Resolution {
  ResolvedSettings settings;
  std::optional<std::string> raw_base_url;  // as written, for the builder
  std::vector<std::string> ca_bundle;       // file + code paths
  std::shared_ptr<AuthProvider> provider;   // null: anonymous
  std::optional<Error> refusal;             // set when a found credential is refused
};

// Throws Error::config for a config file that cannot be read or parsed, and discovery's errors.
Resolution resolve(const ResolveInputs& inputs);

// "30s", "1.5s", "none".
std::string format_seconds(const std::optional<std::chrono::milliseconds>& value);

}  // namespace aviso::client
