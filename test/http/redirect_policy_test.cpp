#include "http/redirect_policy.hpp"

#include <gtest/gtest.h>

namespace aviso::http {
namespace {

Request post_with_credentials() {
  Request request;
  request.method = "POST";
  request.url = "http://127.0.0.1:8000/api/v1/notification";
  request.headers = {{"Authorization", "Bearer secret"}, {"Content-Type", "application/json"}};
  request.body = R"({"event_type":"mars"})";
  return request;
}

bool has_header(const Request& request, const std::string& name) {
  for (const Header& h : request.headers) {
    if (h.name == name) return true;
  }
  return false;
}

TEST(RedirectPolicy, KeepsAuthorizationOnASameOriginHop) {
  const auto next =
      redirected_request(post_with_credentials(), 307, "http://127.0.0.1:8000/moved/notification");
  ASSERT_TRUE(next);
  EXPECT_TRUE(has_header(*next, "Authorization"));
  EXPECT_EQ(next->method, "POST");
  EXPECT_EQ(next->body, post_with_credentials().body);
}

TEST(RedirectPolicy, DropsAuthorizationWhenPortSchemeOrHostDiffers) {
  for (const char* target :
       {"http://127.0.0.1:8001/x", "https://127.0.0.1:8000/x", "http://localhost:8000/x"}) {
    const auto next = redirected_request(post_with_credentials(), 307, target);
    ASSERT_TRUE(next) << target;
    EXPECT_FALSE(has_header(*next, "Authorization")) << target;
  }
}

TEST(RedirectPolicy, SeeOtherAndLegacyRedirectsOfAPostBecomeAGetWithoutBody) {
  for (long status : {301L, 302L, 303L}) {
    const auto next =
        redirected_request(post_with_credentials(), status, "http://127.0.0.1:8000/y");
    ASSERT_TRUE(next);
    EXPECT_EQ(next->method, "GET") << status;
    EXPECT_TRUE(next->body.empty()) << status;
    EXPECT_FALSE(has_header(*next, "Content-Type")) << status;
  }
  const auto permanent =
      redirected_request(post_with_credentials(), 308, "http://127.0.0.1:8000/y");
  EXPECT_EQ(permanent->method, "POST");
}

TEST(RedirectPolicy, RefusesToFollowToANonHttpScheme) {
  EXPECT_FALSE(redirected_request(post_with_credentials(), 302, "ftp://127.0.0.1/x"));
  EXPECT_FALSE(redirected_request(post_with_credentials(), 302, "file:///etc/passwd"));
}

}  // namespace
}  // namespace aviso::http
