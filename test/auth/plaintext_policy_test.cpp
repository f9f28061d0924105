#include "auth/plaintext_policy.hpp"

#include <gtest/gtest.h>

namespace aviso::auth {
namespace {

TEST(PlaintextPolicy, AllowsHttpsAndLoopback) {
  for (const char* url : {"https://aviso.example.org", "https://aviso.example.org:8443/path",
                          "HTTPS://x.org", "http://localhost:8000", "http://127.0.0.1:8000",
                          "http://[::1]:8000", "http://aviso.localhost:8000"}) {
    EXPECT_FALSE(is_public_plaintext(url)) << url;
  }
}

TEST(PlaintextPolicy, RefusesPlainHttpToOtherHosts) {
  for (const char* url :
       {"http://aviso.example.org", "http://10.0.0.5:8000", "http://192.168.1.10"}) {
    EXPECT_TRUE(is_public_plaintext(url)) << url;
  }
}

TEST(PlaintextPolicy, AnUnparseableUrlIsLeftToTheBuilder) {
  EXPECT_FALSE(is_public_plaintext("not a url"));
  EXPECT_EQ(url_without_userinfo("not a url"), "<unparseable url>");
}

TEST(PlaintextPolicy, TheRefusalNamesSourceAndAddressButNoSecret) {
  const CredentialSource source{CredentialSource::Kind::CredentialsFile, "/home/u/creds.yaml"};
  const Error error = plaintext_refusal(source, "http://alice:topsecret@aviso.example.org/");
  const std::string message = error.what();
  EXPECT_EQ(error.kind(), AvisoErrorKind_Auth);
  EXPECT_NE(message.find("refusing to send the credential from the credentials file "
                         "/home/u/creds.yaml to http://aviso.example.org/, which is not https and "
                         "not a loopback address. Use an https address, or pass the credential "
                         "explicitly if you intend to send it in the clear."),
            std::string::npos)
      << message;
  EXPECT_EQ(message.find("topsecret"), std::string::npos);
  EXPECT_EQ(message.find("alice"), std::string::npos);
}

}  // namespace
}  // namespace aviso::auth
