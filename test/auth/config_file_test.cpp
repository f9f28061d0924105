#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "aviso/auth.hpp"
#include "aviso/error.hpp"

namespace aviso::auth {
namespace {

std::string config_error(const std::string& yaml) {
  try {
    ConfigFile::from_string(yaml);
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), AvisoErrorKind_Config) << error.what();
    return error.what();
  }
  ADD_FAILURE() << "accepted: " << yaml;
  return "";
}

TEST(CredentialsFile, ReadsABearerOrABasicCredential) {
  EXPECT_EQ(ConfigFile::from_string("bearer:\n  token: abc\n")->authorization_header(),
            "Bearer abc");
  EXPECT_EQ(ConfigFile::from_string("basic:\n  username: alice\n  password: wonderland\n")
                ->authorization_header(),
            "Basic YWxpY2U6d29uZGVybGFuZA==");
}

TEST(CredentialsFile, RejectsBothSectionsNoSectionUnknownKeysAndEmptyValues) {
  EXPECT_NE(config_error("bearer: {token: a}\nbasic: {username: b, password: c}\n")
                .find("has both 'bearer' and 'basic' sections; only one is allowed"),
            std::string::npos);
  EXPECT_NE(config_error("{}\n").find("has neither 'bearer' nor 'basic' section"),
            std::string::npos);
  EXPECT_NE(config_error("").find("has neither"), std::string::npos);
  EXPECT_NE(config_error("beare: {token: a}\n").find("beare"), std::string::npos);
  EXPECT_NE(config_error("bearer: {tokn: a}\n").find("tokn"), std::string::npos);
  EXPECT_NE(config_error("basic: {usrname: a, password: b}\n").find("usrname"), std::string::npos);
  EXPECT_NE(config_error("bearer: {token: ''}\n").find("token"), std::string::npos);
  EXPECT_NE(config_error("basic: {username: '', password: b}\n").find("username"),
            std::string::npos);
}

TEST(CredentialsFile, ErrorsFromAPathNameThePath) {
  test::TempDir dir;
  const std::string bad = dir.write("credentials.yaml", "bearer: {tokn: a}\n");
  try {
    ConfigFile provider(bad);
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("auth file " + bad), std::string::npos);
  }
  const std::string missing = dir.file("missing.yaml");
  try {
    ConfigFile provider(missing);
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("read auth file " + missing), std::string::npos);
  }
}

TEST(CredentialsFile, RefreshRereadsTheFileAndMaySwitchKinds) {
  test::TempDir dir;
  const std::string path = dir.write("credentials.yaml", "bearer:\n  token: old-token\n");
  ConfigFile provider(path);
  EXPECT_EQ(provider.authorization_header(), "Bearer old-token");
  dir.write("credentials.yaml", "bearer:\n  token: new-token\n");
  EXPECT_EQ(provider.authorization_header(), "Bearer old-token");  // not before a refresh
  provider.refresh();
  EXPECT_EQ(provider.authorization_header(), "Bearer new-token");
  dir.write("credentials.yaml", "basic:\n  username: alice\n  password: s3cret\n");
  provider.refresh();
  EXPECT_EQ(provider.authorization_header(), "Basic YWxpY2U6czNjcmV0");
  EXPECT_EQ(provider.kind(), "basic");
}

TEST(CredentialsFile, ABadRewriteKeepsTheOldCredentialAndReportsAnAuthError) {
  test::TempDir dir;
  const std::string path = dir.write("credentials.yaml", "bearer:\n  token: good\n");
  ConfigFile provider(path);
  dir.write("credentials.yaml", "bearer: [not, a, mapping\n");
  try {
    provider.refresh();
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), AvisoErrorKind_Auth);
    EXPECT_NE(std::string(error.what()).find("refresh parse " + path), std::string::npos);
  }
  std::filesystem::remove(path);
  try {
    provider.refresh();
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("refresh read " + path), std::string::npos);
  }
  EXPECT_EQ(provider.authorization_header(), "Bearer good");
}

TEST(CredentialsFile, RefreshOfAnInMemoryCredentialChangesNothing) {
  auto provider = ConfigFile::from_string("bearer: {token: fixed}\n");
  provider->refresh();
  EXPECT_EQ(provider->authorization_header(), "Bearer fixed");
}

}  // namespace
}  // namespace aviso::auth
