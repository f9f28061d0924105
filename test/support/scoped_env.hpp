// Sets environment variables for one test and restores the previous values afterwards. Every
// variable the client reads starts unset, so a developer's own AVISO_TOKEN cannot leak in.
#pragma once

#include <cstdlib>
#include <map>
#include <optional>
#include <string>

namespace aviso::test {

class ScopedEnv {
 public:
  ScopedEnv() {
    for (const char* name : {"AVISO_TOKEN", "AVISO_USERNAME", "AVISO_PASSWORD", "AVISO_BASE_URL",
                             "AVISO_CLIENT_CONFIG_FILE", "AVISO_CREDENTIALS_FILE", "HOME"}) {
      unset(name);
    }
  }
  ~ScopedEnv() {
    for (const auto& [name, value] : saved_) {
      if (value) {
        ::setenv(name.c_str(), value->c_str(), 1);
      } else {
        ::unsetenv(name.c_str());
      }
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

  void set(const std::string& name, const std::string& value) {
    remember(name);
    ::setenv(name.c_str(), value.c_str(), 1);
  }
  void unset(const std::string& name) {
    remember(name);
    ::unsetenv(name.c_str());
  }
  // For tests of proxy behaviour: every variable that names a proxy, or a host to reach without
  // one, starts unset.
  void unset_proxy_variables() {
    for (const char* name : {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
                             "ALL_PROXY", "no_proxy", "NO_PROXY"}) {
      unset(name);
    }
  }

 private:
  void remember(const std::string& name) {
    if (saved_.count(name) != 0) return;
    const char* value = std::getenv(name.c_str());
    saved_[name] = value ? std::optional<std::string>(value) : std::nullopt;
  }
  std::map<std::string, std::optional<std::string>> saved_;
};

}  // namespace aviso::test
