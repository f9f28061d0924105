#include "state/base_url.hpp"

#include <gtest/gtest.h>

namespace aviso::state {
namespace {

TEST(BaseUrl, LowercasesSchemeAndHost) {
  EXPECT_EQ(normalize_base_url("HTTPS://Aviso.Example/"), "https://aviso.example/");
}

TEST(BaseUrl, DropsDefaultPortsOnly) {
  EXPECT_EQ(normalize_base_url("https://aviso.example:443/"), "https://aviso.example/");
  EXPECT_EQ(normalize_base_url("http://aviso.example:80/"), "http://aviso.example/");
  EXPECT_EQ(normalize_base_url("https://aviso.example:8443/"), "https://aviso.example:8443/");
  EXPECT_EQ(normalize_base_url("http://aviso.example:443/"), "http://aviso.example:443/");
  EXPECT_EQ(normalize_base_url("https://aviso.example:80/"), "https://aviso.example:80/");
}

TEST(BaseUrl, DropsUserinfoQueryAndFragment) {
  EXPECT_EQ(normalize_base_url("https://user:pass@aviso.example:443/"), "https://aviso.example/");
  EXPECT_EQ(normalize_base_url("https://aviso.example/x/?a=1#top"), "https://aviso.example/x/");
}

TEST(BaseUrl, KeepsThePathAndMakesAnEmptyOneSlash) {
  EXPECT_EQ(normalize_base_url("https://aviso.example/path/"), "https://aviso.example/path/");
  EXPECT_EQ(normalize_base_url("https://aviso.example"), "https://aviso.example/");
  EXPECT_EQ(normalize_base_url("http://localhost:8000"), "http://localhost:8000/");
  EXPECT_EQ(normalize_base_url("https://aviso.example/a/./b/../c/"), "https://aviso.example/a/c/");
}

TEST(BaseUrl, BracketsAndCompressesIpv6Hosts) {
  EXPECT_EQ(normalize_base_url("https://[::1]:8443/"), "https://[::1]:8443/");
  EXPECT_EQ(normalize_base_url("https://[0:0:0:0:0:0:0:1]/"), "https://[::1]/");
  EXPECT_EQ(normalize_base_url("https://[2001:DB8:0:0:0:0:0:1]/"), "https://[2001:db8::1]/");
}

TEST(BaseUrl, RejectsTextThatIsNotAnAbsoluteUrl) {
  EXPECT_THROW(normalize_base_url("aviso.example/"), InvalidBaseUrl);
  EXPECT_THROW(normalize_base_url(""), InvalidBaseUrl);
  EXPECT_THROW(normalize_base_url("https://[::1/"), InvalidBaseUrl);
  EXPECT_THROW(normalize_base_url("https://aviso.example:99999/"), InvalidBaseUrl);
}

}  // namespace
}  // namespace aviso::state
