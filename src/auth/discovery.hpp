// Credential discovery: where a client finds a credential nobody named in code (spec 5.3).
// Order, first hit wins: the environment (AVISO_TOKEN, or AVISO_USERNAME + AVISO_PASSWORD), the
// config file's `auth:` block, the credentials file; nothing found means anonymous.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "aviso/auth.hpp"

namespace aviso::auth {

struct DiscoveryPaths {
  std::optional<std::string> config_file;
  // The config file's text when the caller already read it: settings and the `auth:` block must
  // come from one read. Unset with config_file set: the file is read here (missing = skipped).
  std::optional<std::string> config_content;
  std::optional<std::string> credentials_file;
};

struct CredentialSource {
  enum class Kind { Environment, ConfigFile, CredentialsFile };
  Kind kind = Kind::Environment;
  std::string path;  // for the two file kinds

  // "environment", "config file <path>", "credentials file <path>".
  std::string display() const;
  // The label alone: "environment", "config file", "credentials file".
  std::string label() const;
};

struct Discovered {
  std::shared_ptr<AuthProvider> provider;
  CredentialSource source;
};

// Runs the search. Returns std::nullopt when no source holds a credential. Throws Error::auth
// for a source that is present but unusable (a username without a password, both kinds in the
// `auth:` block) and Error::config for a file that exists but cannot be read or parsed, or an
// unknown key inside `auth:`.
std::optional<Discovered> discover(const DiscoveryPaths& paths);

}  // namespace aviso::auth
