// describe(): one line per setting in the dump format of spec 6.3, with sources, no secrets.
#include <gtest/gtest.h>

#include <sstream>

#include "aviso/client_builder.hpp"
#include "aviso/error.hpp"
#include "support/scoped_env.hpp"
#include "support/temp_dir.hpp"

namespace aviso {
namespace {

std::string line_of(const std::string& report, const std::string& name) {
  std::istringstream lines(report);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(name + " ", 0) == 0) return line;
  }
  return "";
}

std::string expected_line(const std::string& name, const std::string& value,
                          const std::string& source) {
  std::string line = name;
  line.resize(28, ' ');
  std::string padded = value;
  if (padded.size() < 40) padded.resize(40, ' ');
  return line + padded + "(" + source + ")";
}

class Describe : public ::testing::Test {
 protected:
  void SetUp() override { env_.set("HOME", dir_.path().string()); }
  test::ScopedEnv env_;
  test::TempDir dir_;
};

TEST_F(Describe, ListsEverySettingInOrderWithItsSource) {
  const std::string report = ClientBuilder("https://aviso.example.org").describe();
  EXPECT_EQ(report, expected_line("base_url", "https://aviso.example.org/", "code") + "\n" +
                        expected_line("auth", "anonymous", "code") + "\n" +
                        expected_line("timeout", "none", "default") + "\n" +
                        expected_line("heartbeat_interval", "none", "default") + "\n" +
                        expected_line("ca_bundle", "none", "default") + "\n" +
                        expected_line("danger_accept_invalid_certs", "false", "default") + "\n");
}

TEST_F(Describe, ShowsFileValuesAndEnvironmentCredentialsWithoutSecrets) {
  const std::string config = dir_.write(
      "config.yaml",
      "base_url: https://user:pw@file.example.org/gw\ntimeout: 1500ms\nheartbeat_interval: 30s\n"
      "tls:\n  ca_bundle: [ca.pem]\n  danger_accept_invalid_certs: true\n");
  env_.set("AVISO_CLIENT_CONFIG_FILE", config);
  env_.set("AVISO_TOKEN", "very-secret");
  const std::string report = ClientBuilder::from_file().describe();
  const std::string from_file = "config file " + config;
  EXPECT_EQ(line_of(report, "base_url"),
            expected_line("base_url", "https://file.example.org/gw/", from_file));
  EXPECT_EQ(line_of(report, "auth"),
            expected_line("auth", "bearer", "environment AVISO_TOKEN or AVISO_USERNAME"));
  EXPECT_EQ(line_of(report, "timeout"), expected_line("timeout", "1.5s", from_file));
  EXPECT_EQ(line_of(report, "heartbeat_interval"),
            expected_line("heartbeat_interval", "30s", from_file));
  EXPECT_EQ(line_of(report, "ca_bundle"),
            expected_line("ca_bundle", (dir_.path() / "ca.pem").string(), from_file));
  EXPECT_EQ(line_of(report, "danger_accept_invalid_certs"),
            expected_line("danger_accept_invalid_certs", "true", from_file));
  EXPECT_EQ(report.find("very-secret"), std::string::npos);
  EXPECT_EQ(report.find("pw@"), std::string::npos);
}

TEST_F(Describe, SaysWhenNothingIsFoundAndWhyACredentialIsRefused) {
  const std::string none = ClientBuilder::from_environment().describe();
  EXPECT_EQ(
      line_of(none, "base_url"),
      expected_line("base_url", "none", "not set in code, AVISO_BASE_URL or the config file"));
  EXPECT_EQ(line_of(none, "auth"), expected_line("auth", "none", "no credential found"));

  const std::string credentials = dir_.write("creds.yaml", "basic: {username: u, password: p}\n");
  env_.set("AVISO_CREDENTIALS_FILE", credentials);
  env_.set("AVISO_BASE_URL", "http://aviso.example.org");
  const std::string refused = line_of(ClientBuilder::from_environment().describe(), "auth");
  EXPECT_EQ(refused.rfind(
                expected_line("auth", "basic", "credentials file " + credentials).substr(0, 68), 0),
            0u)
      << refused;
  EXPECT_NE(refused.find("; refused: http://aviso.example.org/"), std::string::npos) << refused;
}

TEST_F(Describe, ANamedCredentialSurvivesASearchThatFindsNothing) {
  ClientBuilder builder("https://aviso.example.org");
  builder.bearer_auth("named").discover_auth();
  const std::string auth = line_of(builder.describe(), "auth");
  EXPECT_EQ(auth, expected_line("auth", "bearer", "code"));
  EXPECT_EQ(builder.describe().find("named"), std::string::npos);
}

TEST_F(Describe, ThrowsTheErrorTheBuilderHolds) {
  ClientBuilder builder("https://aviso.example.org");
  builder.bearer_auth("");
  EXPECT_THROW((void)builder.describe(), Error);
}

}  // namespace
}  // namespace aviso
