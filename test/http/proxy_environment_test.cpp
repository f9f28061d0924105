// The proxy variables, read with curl's rules.
#include "http/proxy_environment.hpp"

#include <gtest/gtest.h>

#include "support/scoped_env.hpp"

namespace aviso::http {
namespace {

TEST(ProxyEnvironment, NothingSetIsNoProxy) {
  test::ScopedEnv env;
  env.unset_proxy_variables();
  const ProxyEnvironment proxies = ProxyEnvironment::from_environment();
  EXPECT_EQ(proxies.proxy_for("http"), "");
  EXPECT_EQ(proxies.proxy_for("https"), "");
  EXPECT_EQ(proxies.no_proxy, "");
}

TEST(ProxyEnvironment, EachSchemeHasItsOwnVariableBeforeAllProxy) {
  test::ScopedEnv env;
  env.unset_proxy_variables();
  env.set("http_proxy", "http://plain:3128");
  env.set("https_proxy", "http://secure:3128");
  env.set("all_proxy", "http://every:3128");
  const ProxyEnvironment proxies = ProxyEnvironment::from_environment();
  EXPECT_EQ(proxies.proxy_for("http"), "http://plain:3128");
  EXPECT_EQ(proxies.proxy_for("https"), "http://secure:3128");
}

// A CGI program's HTTP_PROXY comes from the request's "Proxy:" header: curl never reads it, and
// neither does the client. HTTPS_PROXY has no such twin.
TEST(ProxyEnvironment, UppercaseHttpProxyIsNeverRead) {
  test::ScopedEnv env;
  env.unset_proxy_variables();
  env.set("HTTP_PROXY", "http://from-a-request:3128");
  env.set("HTTPS_PROXY", "http://secure:3128");
  const ProxyEnvironment proxies = ProxyEnvironment::from_environment();
  EXPECT_EQ(proxies.proxy_for("http"), "");
  EXPECT_EQ(proxies.proxy_for("https"), "http://secure:3128");
}

TEST(ProxyEnvironment, AllProxyServesBothSchemesLowercaseFirst) {
  test::ScopedEnv env;
  env.unset_proxy_variables();
  env.set("ALL_PROXY", "http://upper:3128");
  EXPECT_EQ(ProxyEnvironment::from_environment().proxy_for("http"), "http://upper:3128");
  env.set("all_proxy", "socks5://lower:1080");
  const ProxyEnvironment proxies = ProxyEnvironment::from_environment();
  EXPECT_EQ(proxies.proxy_for("http"), "socks5://lower:1080");
  EXPECT_EQ(proxies.proxy_for("https"), "socks5://lower:1080");
}

// As for curl, a variable set to nothing counts as unset: the next one is read.
TEST(ProxyEnvironment, AVariableSetToNothingIsPassedOver) {
  test::ScopedEnv env;
  env.unset_proxy_variables();
  env.set("https_proxy", "");
  env.set("HTTPS_PROXY", "http://secure:3128");
  env.set("no_proxy", "");
  env.set("NO_PROXY", "internal.example,10.0.0.0/8");
  const ProxyEnvironment proxies = ProxyEnvironment::from_environment();
  EXPECT_EQ(proxies.proxy_for("https"), "http://secure:3128");
  EXPECT_EQ(proxies.no_proxy, "internal.example,10.0.0.0/8");
}

}  // namespace
}  // namespace aviso::http
