// ClientBuilder: configure and build a Client. Public header: C++17.
//
// The reference facade's names are kept (ClientBuilder(url), from_file(), from_file(path),
// from_environment(), describe(), base_url(), basic_auth(), bearer_auth(), discover_auth(),
// build()), plus native setters for what the facade only reads from the config file.
//
// Precedence per setting, highest first: a setter called in code, the environment
// (AVISO_BASE_URL for from_environment(); the credential variables), the config file, the
// credentials file (credential only), the built-in default.
#pragma once

#include <chrono>
#include <memory>
#include <string>

namespace aviso {

class AuthProvider;
class Client;
class StateStore;

class ClientBuilder {
 public:
  // Starts from `base_url` alone: no file is read and no credential is searched for.
  explicit ClientBuilder(const std::string& base_url);
  // The default config file ($AVISO_CLIENT_CONFIG_FILE or ~/.config/aviso/config.yaml; missing
  // = nothing set) for base_url, timeout, heartbeat_interval and tls, plus credential discovery.
  // AVISO_BASE_URL is not consulted.
  static ClientBuilder from_file();
  // As from_file(), reading `path`, which must exist.
  static ClientBuilder from_file(const std::string& path);
  // Nothing named in code: the address from AVISO_BASE_URL, then the config file; the
  // credential from the environment, then the file's auth: block, then the credentials file.
  static ClientBuilder from_environment();

  ClientBuilder(ClientBuilder&&) noexcept;
  ClientBuilder& operator=(ClientBuilder&&) noexcept;
  ClientBuilder(const ClientBuilder&) = delete;
  ClientBuilder& operator=(const ClientBuilder&) = delete;
  ~ClientBuilder();

  // One line per resolved setting with its source; no secrets. Throws the error the builder
  // holds, or Error::config for a config file that cannot be read.
  std::string describe() const;

  ClientBuilder& base_url(const std::string& url);
  ClientBuilder& basic_auth(const std::string& username, const std::string& password);
  // An empty token makes build() throw.
  ClientBuilder& bearer_auth(const std::string& token);
  // Searches the environment, the config file's auth: block and the credentials file now; the
  // first credential found replaces any set before; finding nothing changes nothing. A found
  // credential is refused by build() for plain http to a non-loopback host.
  ClientBuilder& discover_auth();
  // Your own provider (or a built-in one from aviso/auth.hpp). Never refused.
  ClientBuilder& auth(std::shared_ptr<AuthProvider> provider);
  // No Authorization header at all.
  ClientBuilder& anonymous();

  // Total time for one request (including a stream's body: leave unset for watches).
  ClientBuilder& timeout(std::chrono::milliseconds value);
  ClientBuilder& user_agent(const std::string& value);                 // default "aviso/<version>"
  ClientBuilder& heartbeat_interval(std::chrono::milliseconds value);  // default 30 s
  // A PEM file trusted in addition to the system roots. Repeatable.
  ClientBuilder& ca_bundle(const std::string& pem_path);
  ClientBuilder& danger_accept_invalid_certs(bool on);
  ClientBuilder& state_store(std::shared_ptr<StateStore> store);
  ClientBuilder& flush_cursor_on_exit(bool on);

  // Consumes the builder: any later call on it throws Error (InvalidUsage).
  Client build();

  struct State;

 private:
  explicit ClientBuilder(std::unique_ptr<State> state);
  State& live() const;
  std::unique_ptr<State> state_;
};

}  // namespace aviso
