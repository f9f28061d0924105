// The discovery table of spec 5.3: which source wins, what falls through and what is an error.
#include "auth/discovery.hpp"

#include <gtest/gtest.h>

#include "support/scoped_env.hpp"
#include "support/temp_dir.hpp"
#include "aviso/error.hpp"

namespace aviso::auth {
namespace {

class Discovery : public ::testing::Test {
 protected:
  DiscoveryPaths paths() const {
    DiscoveryPaths p;
    p.config_file = dir_.file("config.yaml");
    p.credentials_file = dir_.file("credentials.yaml");
    return p;
  }
  test::ScopedEnv env_;
  test::TempDir dir_;
};

TEST_F(Discovery, NothingAnywhereMeansAnonymous) { EXPECT_FALSE(discover(paths())); }

TEST_F(Discovery, TheEnvironmentComesFirst) {
  env_.set("AVISO_TOKEN", "from-env");
  dir_.write("config.yaml", "auth:\n  bearer_token: from-config\n");
  dir_.write("credentials.yaml", "bearer: {token: from-credentials}\n");
  const auto found = discover(paths());
  ASSERT_TRUE(found);
  EXPECT_EQ(found->provider->authorization_header(), "Bearer from-env");
  EXPECT_EQ(found->source.display(), "environment");
}

TEST_F(Discovery, APartialEnvironmentIsAnErrorAndDoesNotFallThrough) {
  env_.set("AVISO_USERNAME", "alice");
  dir_.write("credentials.yaml", "bearer: {token: from-credentials}\n");
  try {
    discover(paths());
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), AvisoErrorKind_Auth);
  }
}

TEST_F(Discovery, TheConfigFileAuthBlockBeatsTheCredentialsFile) {
  dir_.write("config.yaml", "base_url: https://x\nauth:\n  bearer_token: from-config\n");
  dir_.write("credentials.yaml", "bearer: {token: from-credentials}\n");
  const auto found = discover(paths());
  ASSERT_TRUE(found);
  EXPECT_EQ(found->provider->authorization_header(), "Bearer from-config");
  EXPECT_EQ(found->source.display(), "config file " + dir_.file("config.yaml"));
}

TEST_F(Discovery, TheConfigBlockMayHoldBasicCredentials) {
  dir_.write("config.yaml", "auth:\n  basic: {username: alice, password: s3cret}\n");
  EXPECT_EQ(discover(paths())->provider->authorization_header(), "Basic YWxpY2U6czNjcmV0");
}

TEST_F(Discovery, UsesTheTextAlreadyReadInsteadOfTheFile) {
  DiscoveryPaths p = paths();
  dir_.write("config.yaml", "auth:\n  bearer_token: on-disk\n");
  p.config_content = "auth:\n  bearer_token: read-before\n";
  EXPECT_EQ(discover(p)->provider->authorization_header(), "Bearer read-before");
}

TEST_F(Discovery, BothKindsInTheAuthBlockIsAnAuthError) {
  dir_.write("config.yaml", "auth:\n  bearer_token: a\n  basic: {username: b, password: c}\n");
  try {
    discover(paths());
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), AvisoErrorKind_Auth);
    EXPECT_NE(
        std::string(error.what()).find("sets both auth.bearer_token and auth.basic; keep one"),
        std::string::npos);
  }
}

TEST_F(Discovery, AnUnknownKeyInTheAuthBlockIsAConfigErrorNamingIt) {
  dir_.write("config.yaml", "auth:\n  bearer_tokne: a\n");
  try {
    discover(paths());
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), AvisoErrorKind_Config);
    EXPECT_NE(std::string(error.what()).find("bearer_tokne"), std::string::npos);
  }
}

TEST_F(Discovery, AConfigFileWithoutAnAuthBlockFallsThroughToTheCredentialsFile) {
  dir_.write("config.yaml", "base_url: https://x\nunrelated: 1\n");
  dir_.write("credentials.yaml", "bearer: {token: from-credentials}\n");
  const auto found = discover(paths());
  ASSERT_TRUE(found);
  EXPECT_EQ(found->provider->authorization_header(), "Bearer from-credentials");
  EXPECT_EQ(found->source.display(), "credentials file " + dir_.file("credentials.yaml"));
  EXPECT_EQ(found->provider->kind(), "bearer");
}

TEST_F(Discovery, AMalformedCredentialsFileIsAnErrorNotAFallThrough) {
  dir_.write("credentials.yaml", "bearer: {tokn: x}\n");
  EXPECT_THROW(discover(paths()), Error);
}

TEST_F(Discovery, ADanglingSymlinkCountsAsAnExistingFile) {
  std::filesystem::create_symlink(dir_.file("nowhere.yaml"), dir_.file("credentials.yaml"));
  EXPECT_THROW(discover(paths()), Error);
}

}  // namespace
}  // namespace aviso::auth
