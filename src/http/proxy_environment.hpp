// The proxies the environment names, read once when a client is built.
//
// curl reads the proxy variables itself, at the start of every transfer: five getenv calls and
// as many copies per publish, about 2 % of the I/O thread's work. The reference's HTTP client
// (reqwest) reads them once, so a client here does too, with curl's own rules, and hands curl
// the result: the environment as it was when the client was built applies to all its requests.
#pragma once

#include <string>
#include <string_view>

namespace aviso::http {

struct ProxyEnvironment {
  // What curl would take for each scheme, the first variable set to something; empty: no proxy.
  //   http:  http_proxy (never HTTP_PROXY, which a CGI program's request can set), else
  //          all_proxy, else ALL_PROXY;
  //   https: https_proxy, else HTTPS_PROXY, else all_proxy, else ALL_PROXY.
  std::string http_proxy;
  std::string https_proxy;
  // Hosts reached directly: no_proxy, else NO_PROXY (curl's syntax: a comma-separated list of
  // host names, domains and addresses, or "*").
  std::string no_proxy;

  static ProxyEnvironment from_environment();

  // The proxy for a URL of `scheme` (lowercase); empty: none.
  const std::string& proxy_for(std::string_view scheme) const;
};

}  // namespace aviso::http
