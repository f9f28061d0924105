// Building a client: base URL rules, defaults, misuse, credential refusal and the precedence of
// code, environment and config file.
#include <gtest/gtest.h>

#include "aviso/aviso.hpp"
#include "support/error_of.hpp"
#include "support/scoped_env.hpp"
#include "support/temp_dir.hpp"

namespace aviso {
namespace {

using test::error_of;

class Builder : public ::testing::Test {
 protected:
  test::ScopedEnv env_;
  test::TempDir dir_;
  void SetUp() override {
    // Nothing from the developer's own machine takes part.
    env_.set("HOME", dir_.path().string());
  }
};

TEST_F(Builder, NormalisesTheBaseUrlAndKeepsAPathPrefix) {
  EXPECT_EQ(ClientBuilder("https://gw.example.org/aviso").build().base_url(),
            "https://gw.example.org/aviso/");
  EXPECT_EQ(ClientBuilder("http://localhost:8000").build().base_url(), "http://localhost:8000/");
  EXPECT_EQ(ClientBuilder("http://localhost:8000/x/").build().base_url(),
            "http://localhost:8000/x/");
}

TEST_F(Builder, RejectsOtherSchemesUnparseableAndMissingAddresses) {
  Error ftp = error_of([] { ClientBuilder("ftp://example.org").build(); });
  EXPECT_EQ(ftp.kind(), AvisoErrorKind_Config);
  EXPECT_NE(std::string(ftp.what()).find("base_url must use http or https"), std::string::npos);
  Error junk = error_of([] { ClientBuilder("not a url").build(); });
  EXPECT_NE(std::string(junk.what()).find("invalid base_url"), std::string::npos);
  Error none = error_of([] { ClientBuilder::from_environment().build(); });
  EXPECT_EQ(none.kind(), AvisoErrorKind_Config);
  EXPECT_NE(std::string(none.what()).find("AvisoClient requires a base_url"), std::string::npos);
}

TEST_F(Builder, HasTheReferenceDefaults) {
  Client client = ClientBuilder("http://127.0.0.1:1").build();
  EXPECT_EQ(client.user_agent(), "aviso/" + version());
  EXPECT_EQ(client.heartbeat_interval(), std::chrono::seconds(30));
  EXPECT_FALSE(client.timeout());
  EXPECT_FALSE(client.danger_accept_invalid_certs());
  EXPECT_FALSE(client.flush_cursor_on_exit());
}

TEST_F(Builder, SettersOverrideDefaults) {
  Client client = ClientBuilder("http://127.0.0.1:1")
                      .timeout(std::chrono::seconds(5))
                      .user_agent("probe/1")
                      .heartbeat_interval(std::chrono::seconds(7))
                      .danger_accept_invalid_certs(true)
                      .flush_cursor_on_exit(true)
                      .build();
  EXPECT_EQ(client.timeout(), std::chrono::seconds(5));
  EXPECT_EQ(client.user_agent(), "probe/1");
  EXPECT_EQ(client.heartbeat_interval(), std::chrono::seconds(7));
  EXPECT_TRUE(client.danger_accept_invalid_certs());
  EXPECT_TRUE(client.flush_cursor_on_exit());
}

TEST_F(Builder, AnEmptyBearerTokenFailsAtBuild) {
  ClientBuilder builder("https://aviso.example.org");
  builder.bearer_auth("");
  EXPECT_EQ(error_of([&] { builder.build(); }).kind(), AvisoErrorKind_Config);
}

TEST_F(Builder, AUsedBuilderAndAMovedFromClientThrowInvalidUsage) {
  ClientBuilder builder("http://127.0.0.1:1");
  Client client = builder.build();
  EXPECT_EQ(error_of([&] { builder.build(); }).kind(), AvisoErrorKind_InvalidUsage);
  EXPECT_EQ(error_of([&] { builder.base_url("http://x"); }).kind(), AvisoErrorKind_InvalidUsage);
  Client moved = std::move(client);
  EXPECT_EQ(error_of([&] { (void)client.base_url(); }).kind(), AvisoErrorKind_InvalidUsage);
  EXPECT_EQ(error_of([&] { client.notify("mars"); }).kind(), AvisoErrorKind_InvalidUsage);
  EXPECT_EQ(error_of([&] { (void)client.schema_async(); }).kind(), AvisoErrorKind_InvalidUsage);
  EXPECT_EQ(moved.base_url(), "http://127.0.0.1:1/");
}

TEST_F(Builder, AFoundCredentialIsRefusedForPublicPlainHttpAndNamesNoSecret) {
  env_.set("AVISO_TOKEN", "super-secret-token");
  ClientBuilder builder("http://alice:pw@aviso.example.org");
  builder.discover_auth();
  const Error error = error_of([&] { builder.build(); });
  EXPECT_EQ(error.kind(), AvisoErrorKind_Auth);
  const std::string message = error.what();
  EXPECT_NE(message.find("refusing to send the credential from the environment to "
                         "http://aviso.example.org/"),
            std::string::npos)
      << message;
  EXPECT_EQ(message.find("super-secret-token"), std::string::npos);
  EXPECT_EQ(message.find("pw@"), std::string::npos);
}

TEST_F(Builder, AFoundCredentialMayGoToLoopbackOrHttps) {
  env_.set("AVISO_TOKEN", "t");
  EXPECT_NO_THROW(ClientBuilder("http://127.0.0.1:8000").discover_auth().build());
  EXPECT_NO_THROW(ClientBuilder("https://aviso.example.org").discover_auth().build());
}

TEST_F(Builder, ANamedCredentialIsNeverRefused) {
  EXPECT_NO_THROW(ClientBuilder("http://aviso.example.org").bearer_auth("t").build());
  EXPECT_NO_THROW(ClientBuilder("http://aviso.example.org").basic_auth("alice", "pw").build());
}

TEST_F(Builder, FromEnvironmentTakesTheAddressFromTheVariableBeforeTheFile) {
  const std::string config = dir_.write("config.yaml", "base_url: https://file.example.org\n");
  env_.set("AVISO_CLIENT_CONFIG_FILE", config);
  EXPECT_EQ(ClientBuilder::from_environment().build().base_url(), "https://file.example.org/");
  env_.set("AVISO_BASE_URL", "https://env.example.org");
  EXPECT_EQ(ClientBuilder::from_environment().build().base_url(), "https://env.example.org/");
  EXPECT_EQ(
      ClientBuilder::from_environment().base_url("https://code.example.org").build().base_url(),
      "https://code.example.org/");
  // from_file ignores AVISO_BASE_URL.
  EXPECT_EQ(ClientBuilder::from_file().build().base_url(), "https://file.example.org/");
}

TEST_F(Builder, FromFileReadsTimeoutsAndTlsAndCodeStillWins) {
  const std::string config =
      dir_.write("named.yaml",
                 "base_url: https://file.example.org\ntimeout: 1m30s\nheartbeat_interval: 10s\n"
                 "tls: {danger_accept_invalid_certs: true}\n");
  Client from_file = ClientBuilder::from_file(config).build();
  EXPECT_EQ(from_file.timeout(), std::chrono::seconds(90));
  EXPECT_EQ(from_file.heartbeat_interval(), std::chrono::seconds(10));
  EXPECT_TRUE(from_file.danger_accept_invalid_certs());
  Client overridden = ClientBuilder::from_file(config)
                          .timeout(std::chrono::seconds(2))
                          .danger_accept_invalid_certs(false)
                          .build();
  EXPECT_EQ(overridden.timeout(), std::chrono::seconds(2));
  EXPECT_FALSE(overridden.danger_accept_invalid_certs());
}

TEST_F(Builder, ANamedConfigFileMustExistAndABadOneNamesTheProblem) {
  EXPECT_EQ(error_of([&] { ClientBuilder::from_file(dir_.file("missing.yaml")).build(); }).kind(),
            AvisoErrorKind_Config);
  const std::string bad = dir_.write("bad.yaml", "base_url: https://x\ntls: {ca_bundel: a.pem}\n");
  const Error error = error_of([&] { ClientBuilder::from_file(bad).build(); });
  EXPECT_NE(std::string(error.what()).find("ca_bundel"), std::string::npos);
}

TEST_F(Builder, AnUnreadableCaBundleIsAConfigErrorNamingTheFile) {
  const std::string missing = dir_.file("nope.pem");
  const Error error =
      error_of([&] { ClientBuilder("https://aviso.example.org").ca_bundle(missing).build(); });
  EXPECT_EQ(error.kind(), AvisoErrorKind_Config);
  EXPECT_NE(std::string(error.what()).find(missing), std::string::npos);
}

TEST_F(Builder, ACredentialFromTheConfigFileIsFoundByFromFile) {
  const std::string config = dir_.write(
      "config.yaml", "base_url: https://file.example.org\nauth:\n  bearer_token: from-file\n");
  env_.set("AVISO_CLIENT_CONFIG_FILE", config);
  EXPECT_NE(ClientBuilder::from_file().describe().find("config file " + config), std::string::npos);
}

}  // namespace
}  // namespace aviso
