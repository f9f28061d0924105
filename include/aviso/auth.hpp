// Credentials: the AuthProvider interface and the built-in providers. Public header: C++17.
//
// A provider yields the value of the Authorization header for each request. When the server
// answers 401 the client calls refresh() once and retries the request once; a second 401 is an
// error. Plug your own provider with ClientBuilder::auth(std::make_shared<MyProvider>()).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace aviso {

class AuthProvider {
 public:
  virtual ~AuthProvider() = default;

  // The Authorization header value ("Bearer ...", "Basic ..."). Throws aviso::Error (kind Auth
  // or Config) when no credential can be produced. May be called from the client's I/O thread
  // and from several threads at once: keep it quick, thread-safe and non-blocking.
  virtual std::string authorization_header() = 0;

  // Called after a 401, before the single retry. Throws aviso::Error (kind Auth) when the
  // credential cannot be renewed. The client never runs two refreshes of one provider at once.
  virtual void refresh() {}

  // A short name for dumps and logs: "bearer", "basic", "chain" or a custom provider's own
  // name. Never the secret.
  virtual std::string kind() const = 0;
};

namespace auth {

// "Bearer <token>". An empty token throws Error::config.
class Bearer : public AuthProvider {
 public:
  explicit Bearer(std::string token);
  std::string authorization_header() override;
  std::string kind() const override { return "bearer"; }

 private:
  std::string header_;
};

// "Basic " + base64(username:password). An empty username throws Error::config; an empty
// password is allowed.
class Basic : public AuthProvider {
 public:
  Basic(const std::string& username, const std::string& password);
  std::string authorization_header() override;
  std::string kind() const override { return "basic"; }

 private:
  std::string header_;
};

// Reads AVISO_TOKEN, AVISO_USERNAME and AVISO_PASSWORD once, at construction. A non-empty
// token wins (Bearer); else a non-empty username with a password (possibly empty) is Basic;
// else authorization_header() throws Error::auth. A value that is not UTF-8 throws
// Error::config at construction.
class Env : public AuthProvider {
 public:
  Env();
  std::string authorization_header() override;
  std::string kind() const override;

 private:
  std::shared_ptr<AuthProvider> found_;
};

// A credentials file (YAML) holding exactly one of
//   bearer: {token: "..."}      or      basic: {username: "...", password: "..."}
// Unknown keys are errors. refresh() re-reads the same path: a good file replaces the
// credential (bearer and basic may swap), a bad one throws Error::auth and keeps the old one.
class ConfigFile : public AuthProvider {
 public:
  // Reads `path` now; throws Error::config naming the path when it is unusable.
  explicit ConfigFile(std::string path);
  // A credential given as YAML text; refresh() is then a no-op.
  static std::shared_ptr<ConfigFile> from_string(const std::string& yaml);

  std::string authorization_header() override;
  void refresh() override;
  std::string kind() const override;
  const std::optional<std::string>& path() const { return path_; }

 private:
  ConfigFile() = default;
  std::optional<std::string> path_;
  mutable std::mutex mutex_;
  std::shared_ptr<AuthProvider> current_;
  bool refreshing_ = false;
};

// The first member that yields a header wins; if every member fails, the last member's error
// is thrown; an empty chain throws Error::auth. refresh() renews only the first member that
// currently yields a header.
class Chain : public AuthProvider {
 public:
  explicit Chain(std::vector<std::shared_ptr<AuthProvider>> providers);
  std::string authorization_header() override;
  void refresh() override;
  std::string kind() const override { return "chain"; }

 private:
  std::vector<std::shared_ptr<AuthProvider>> providers_;
};

}  // namespace auth
}  // namespace aviso
