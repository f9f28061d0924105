#include <gtest/gtest.h>

#include "support/scoped_env.hpp"
#include "support/temp_dir.hpp"
#include "aviso/error.hpp"
#include "aviso/settings.hpp"

namespace aviso {
namespace {

std::string config_error(const std::string& yaml, const std::string& origin) {
  try {
    ClientSettings::parse(yaml, origin);
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), AvisoErrorKind_Config);
    return error.what();
  }
  ADD_FAILURE() << "accepted: " << yaml;
  return "";
}

TEST(ClientSettings, ReadsEveryKey) {
  const ClientSettings settings = ClientSettings::parse(
      "base_url: https://aviso.example.org/gw\n"
      "timeout: 1m30s\n"
      "heartbeat_interval: 10s\n"
      "tls:\n  ca_bundle: [/abs/ca.pem, internal-ca.pem]\n  danger_accept_invalid_certs: true\n"
      "state_file: /tmp/state.json\n"
      "listeners: []\n",
      "/etc/aviso/config.yaml");
  EXPECT_EQ(settings.base_url, "https://aviso.example.org/gw");
  EXPECT_EQ(settings.timeout, std::chrono::milliseconds(90000));
  EXPECT_EQ(settings.heartbeat_interval, std::chrono::milliseconds(10000));
  EXPECT_EQ(settings.ca_bundle,
            (std::vector<std::string>{"/abs/ca.pem", "/etc/aviso/internal-ca.pem"}));
  EXPECT_TRUE(settings.danger_accept_invalid_certs);
}

TEST(ClientSettings, AnEmptyFileLeavesEverythingUnset) {
  const ClientSettings settings = ClientSettings::parse("", "/x/config.yaml");
  EXPECT_FALSE(settings.base_url);
  EXPECT_FALSE(settings.timeout);
  EXPECT_FALSE(settings.heartbeat_interval);
  EXPECT_TRUE(settings.ca_bundle.empty());
  EXPECT_FALSE(settings.danger_accept_invalid_certs);
}

TEST(ClientSettings, AnUnknownTlsKeyIsAnErrorNamingItButUnknownTopLevelKeysAreIgnored) {
  const std::string message = config_error("tls:\n  ca_bundel: [a.pem]\n", "/x/config.yaml");
  EXPECT_NE(message.find("ca_bundel"), std::string::npos);
  EXPECT_NE(message.find("/x/config.yaml"), std::string::npos);
  EXPECT_NO_THROW(ClientSettings::parse("whatever: 1\nbase_urll: x\n", "/x/config.yaml"));
}

TEST(ClientSettings, ABadDurationNamesFileKeyAndValue) {
  const std::string message = config_error("heartbeat_interval: soon\n", "/x/config.yaml");
  EXPECT_NE(message.find("/x/config.yaml"), std::string::npos);
  EXPECT_NE(message.find("heartbeat_interval"), std::string::npos);
  EXPECT_NE(message.find("'soon'"), std::string::npos);
  EXPECT_NE(config_error("timeout: 30\n", "/x/c.yaml").find("'30'"), std::string::npos);
}

TEST(ClientSettings, ABadBooleanAndBrokenYamlAreConfigErrors) {
  EXPECT_NE(config_error("tls: {danger_accept_invalid_certs: maybe}\n", "/x/c.yaml").find("maybe"),
            std::string::npos);
  EXPECT_NE(config_error("base_url: [unclosed\n", "/x/c.yaml").find("/x/c.yaml"),
            std::string::npos);
}

TEST(ClientSettings, ANamedFileMustExistButAMissingDefaultFileMeansDefaults) {
  test::ScopedEnv env;
  test::TempDir dir;
  EXPECT_THROW(ClientSettings::from_path(dir.file("missing.yaml")), Error);
  env.set("AVISO_CLIENT_CONFIG_FILE", dir.file("missing.yaml"));
  EXPECT_FALSE(ClientSettings::from_default_path());
  dir.write("config.yaml", "base_url: http://127.0.0.1:1\n");
  env.set("AVISO_CLIENT_CONFIG_FILE", dir.file("config.yaml"));
  EXPECT_EQ(ClientSettings::from_default_path()->base_url, "http://127.0.0.1:1");
}

TEST(ClientSettings, DefaultPathsFollowTheVariablesThenHome) {
  test::ScopedEnv env;
  EXPECT_FALSE(default_config_path());
  EXPECT_FALSE(default_credentials_path());
  env.set("HOME", "/home/alice");
  EXPECT_EQ(default_config_path(), "/home/alice/.config/aviso/config.yaml");
  EXPECT_EQ(default_credentials_path(), "/home/alice/.config/aviso/credentials.yaml");
  env.set("AVISO_CLIENT_CONFIG_FILE", "/etc/aviso/config.yaml");
  env.set("AVISO_CREDENTIALS_FILE", "/etc/aviso/credentials.yaml");
  EXPECT_EQ(default_config_path(), "/etc/aviso/config.yaml");
  EXPECT_EQ(default_credentials_path(), "/etc/aviso/credentials.yaml");
  env.set("AVISO_CLIENT_CONFIG_FILE", "");
  EXPECT_EQ(default_config_path(), "/home/alice/.config/aviso/config.yaml");
}

}  // namespace
}  // namespace aviso
