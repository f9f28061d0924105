#include "http/proxy_environment.hpp"

#include <cstdlib>
#include <initializer_list>

namespace aviso::http {
namespace {

// The value of the first of `names` that is set to something: curl treats a variable set to
// nothing as unset.
std::string first_set(std::initializer_list<const char*> names) {
  for (const char* name : names) {
    const char* value = std::getenv(name);
    if (value != nullptr && value[0] != '\0') return value;
  }
  return {};
}

}  // namespace

ProxyEnvironment ProxyEnvironment::from_environment() {
  ProxyEnvironment proxies;
  proxies.http_proxy = first_set({"http_proxy", "all_proxy", "ALL_PROXY"});
  proxies.https_proxy = first_set({"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"});
  proxies.no_proxy = first_set({"no_proxy", "NO_PROXY"});
  return proxies;
}

const std::string& ProxyEnvironment::proxy_for(std::string_view scheme) const {
  return scheme == "https" ? https_proxy : http_proxy;
}

}  // namespace aviso::http
