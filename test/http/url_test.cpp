#include "http/url.hpp"

#include <gtest/gtest.h>

namespace aviso::http {
namespace {

TEST(Url, ParsesThePartsOfAnAddress) {
  const auto url = Url::parse("HTTPS://alice:s3cret@Gw.Example.org:8443/aviso/api?x=1");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->user, "alice");
  EXPECT_EQ(url->password, "s3cret");
  EXPECT_EQ(url->port, 8443);
  EXPECT_EQ(url->path, "/aviso/api");
  EXPECT_EQ(url->query, "x=1");
  EXPECT_EQ(url->without_userinfo().find("s3cret"), std::string::npos);
  EXPECT_EQ(url->without_userinfo().find("alice"), std::string::npos);
}

TEST(Url, RejectsTextThatIsNotAnAbsoluteUrl) {
  std::string why;
  EXPECT_FALSE(Url::parse("not a url", &why));
  EXPECT_FALSE(why.empty());
  EXPECT_FALSE(Url::parse(""));
}

TEST(Url, KnowsWhichHostsAreLoopback) {
  for (const char* text : {"http://localhost:8000", "http://127.0.0.1:8000", "http://[::1]:8000",
                           "http://aviso.localhost:8000", "http://127.9.8.7", "http://LOCALHOST"}) {
    EXPECT_TRUE(Url::parse(text)->host_is_loopback()) << text;
  }
  for (const char* text :
       {"http://aviso.example.org", "http://10.0.0.5:8000", "http://192.168.1.10",
        "http://localhost.example.org", "http://128.0.0.1"}) {
    EXPECT_FALSE(Url::parse(text)->host_is_loopback()) << text;
  }
}

TEST(Url, ComparesOriginsBySchemeHostAndEffectivePort) {
  const auto a = *Url::parse("http://example.org/a");
  EXPECT_TRUE(same_origin(a, *Url::parse("http://EXAMPLE.org:80/b")));
  EXPECT_FALSE(same_origin(a, *Url::parse("https://example.org/a")));
  EXPECT_FALSE(same_origin(a, *Url::parse("http://example.org:8080/a")));
  EXPECT_FALSE(same_origin(a, *Url::parse("http://other.org/a")));
}

}  // namespace
}  // namespace aviso::http
