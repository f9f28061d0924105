#include <gtest/gtest.h>

#include "aviso/auth.hpp"
#include "aviso/error.hpp"
#include "support/error_of.hpp"
#include "support/scoped_env.hpp"

namespace aviso::auth {
namespace {

using test::error_of;

TEST(Bearer, PrefixesTheToken) {
  EXPECT_EQ(Bearer("jwt-xyz").authorization_header(), "Bearer jwt-xyz");
}

TEST(Bearer, RejectsAnEmptyToken) {
  EXPECT_EQ(error_of([] { Bearer(""); }).kind(), AvisoErrorKind_Config);
}

TEST(Basic, EncodesUserAndPasswordInBase64) {
  EXPECT_EQ(Basic("alice", "wonderland").authorization_header(), "Basic YWxpY2U6d29uZGVybGFuZA==");
  EXPECT_EQ(Basic("alice", "s3cret").authorization_header(), "Basic YWxpY2U6czNjcmV0");
  EXPECT_EQ(Basic("alice", "").authorization_header(), "Basic YWxpY2U6");
}

TEST(Basic, RejectsAnEmptyUsername) {
  EXPECT_EQ(error_of([] { Basic("", "pw"); }).kind(), AvisoErrorKind_Config);
}

TEST(Env, TheTokenWinsOverBasicVariables) {
  test::ScopedEnv env;
  env.set("AVISO_TOKEN", "jwt-xyz");
  env.set("AVISO_USERNAME", "alice");
  env.set("AVISO_PASSWORD", "wonderland");
  Env provider;
  EXPECT_EQ(provider.authorization_header(), "Bearer jwt-xyz");
  EXPECT_EQ(provider.kind(), "bearer");
}

TEST(Env, AnEmptyTokenFallsBackToBasic) {
  test::ScopedEnv env;
  env.set("AVISO_TOKEN", "");
  env.set("AVISO_USERNAME", "alice");
  env.set("AVISO_PASSWORD", "wonderland");
  EXPECT_EQ(Env().authorization_header(), "Basic YWxpY2U6d29uZGVybGFuZA==");
}

TEST(Env, ReadsTheVariablesOnceAtConstruction) {
  test::ScopedEnv env;
  env.set("AVISO_TOKEN", "first");
  Env provider;
  env.set("AVISO_TOKEN", "second");
  EXPECT_EQ(provider.authorization_header(), "Bearer first");
}

TEST(Env, WithoutCredentialsTheHeaderIsAnAuthError) {
  test::ScopedEnv env;
  env.set("AVISO_USERNAME", "alice");  // no password: not enough
  Env provider;
  const Error error = error_of([&] { provider.authorization_header(); });
  EXPECT_EQ(error.kind(), AvisoErrorKind_Auth);
  EXPECT_NE(std::string(error.what())
                .find("no credentials available: set AVISO_TOKEN or both "
                      "AVISO_USERNAME and AVISO_PASSWORD"),
            std::string::npos);
}

TEST(Env, ANonUtf8ValueIsAConfigError) {
  test::ScopedEnv env;
  env.set("AVISO_TOKEN", "bad\xff");
  EXPECT_EQ(error_of([] { Env(); }).kind(), AvisoErrorKind_Config);
}

// A provider whose answers the test scripts, counting refreshes.
class Scripted : public AuthProvider {
 public:
  // A null header makes every call fail with `failure`.
  explicit Scripted(const char* header, std::string failure = "no")
      : header_(header != nullptr ? header : ""),
        fails_(header == nullptr),
        failure_(std::move(failure)) {}
  std::string authorization_header() override {
    if (fails_) throw Error::auth(failure_);
    return header_;
  }
  void refresh() override { ++refreshes; }
  std::string kind() const override { return "scripted"; }
  int refreshes = 0;

 private:
  std::string header_;
  bool fails_;
  std::string failure_;
};

TEST(Chain, TheFirstMemberThatYieldsAHeaderWins) {
  auto failing = std::make_shared<Scripted>(nullptr);
  auto first = std::make_shared<Scripted>("Bearer one");
  auto second = std::make_shared<Scripted>("Bearer two");
  Chain chain({failing, first, second});
  EXPECT_EQ(chain.authorization_header(), "Bearer one");
}

TEST(Chain, WhenAllFailTheLastErrorIsThrown) {
  Chain chain({std::make_shared<Scripted>(nullptr, "first failure"),
               std::make_shared<Scripted>(nullptr, "last failure")});
  const Error error = error_of([&] { chain.authorization_header(); });
  EXPECT_NE(std::string(error.what()).find("last failure"), std::string::npos);
}

TEST(Chain, AnEmptyChainIsAnAuthError) {
  Chain chain({});
  const Error error = error_of([&] { chain.authorization_header(); });
  EXPECT_EQ(error.kind(), AvisoErrorKind_Auth);
  EXPECT_NE(std::string(error.what()).find("empty AuthProvider chain"), std::string::npos);
}

TEST(Chain, RefreshTouchesOnlyTheMemberInUse) {
  auto failing = std::make_shared<Scripted>(nullptr);
  auto in_use = std::make_shared<Scripted>("Bearer one");
  auto spare = std::make_shared<Scripted>("Bearer two");
  Chain chain({failing, in_use, spare});
  chain.refresh();
  EXPECT_EQ(failing->refreshes, 0);
  EXPECT_EQ(in_use->refreshes, 1);
  EXPECT_EQ(spare->refreshes, 0);
}

}  // namespace
}  // namespace aviso::auth
