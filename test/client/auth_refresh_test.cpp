// 401 handling: refresh once, retry once, a second 401 is an error, a failed refresh is surfaced,
// and a burst of 401s refreshes only once.
#include <gtest/gtest.h>

#include <atomic>

#include "aviso/aviso.hpp"
#include "client/fake_aviso.hpp"
#include "support/temp_dir.hpp"

namespace aviso {
namespace {

TEST(AuthRefresh, ARewrittenCredentialsFileIsPickedUpAfterA401) {
  test::FakeAviso server;
  test::TempDir dir;
  const std::string path = dir.write("credentials.yaml", "bearer: {token: old-token}\n");
  Client client =
      ClientBuilder(server.url()).auth(std::make_shared<auth::ConfigFile>(path)).build();
  server.require_token("old-token");
  EXPECT_EQ(client.notify("mars").status, "success");
  dir.write("credentials.yaml", "bearer: {token: new-token}\n");
  server.require_token("new-token");
  EXPECT_EQ(client.notify("mars").status, "success");
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[1].header("Authorization"), "Bearer old-token");  // rejected
  EXPECT_EQ(seen[2].header("Authorization"), "Bearer new-token");  // the one retry
}

TEST(AuthRefresh, ASecond401IsAnHttpErrorAfterExactlyOneRetry) {
  test::FakeAviso server;
  server.require_token("never-matches");
  Client client = ClientBuilder(server.url()).bearer_auth("wrong").build();
  try {
    client.wipe_all();
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), AvisoErrorKind_Http);
    EXPECT_EQ(error.error().http_status, 401);
  }
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST(AuthRefresh, WithoutAProviderA401IsNotRetried) {
  test::FakeAviso server;
  server.require_token("x");
  Client client = ClientBuilder(server.url()).build();
  EXPECT_THROW(client.notify("mars"), Error);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(AuthRefresh, AFailedRefreshIsSurfacedWithoutARetry) {
  test::FakeAviso server;
  test::TempDir dir;
  const std::string path = dir.write("credentials.yaml", "bearer: {token: old-token}\n");
  Client client =
      ClientBuilder(server.url()).auth(std::make_shared<auth::ConfigFile>(path)).build();
  server.require_token("new-token");
  dir.write("credentials.yaml", "bearer: {tokn: broken}\n");
  try {
    client.notify("mars");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), AvisoErrorKind_Auth);
    EXPECT_NE(std::string(error.what()).find("refresh parse " + path), std::string::npos);
  }
  EXPECT_EQ(server.requests().size(), 1u);
}

// Hands out "old" until refreshed, then "new"; counts refreshes.
class CountingProvider : public AuthProvider {
 public:
  std::string authorization_header() override {
    return refreshes_.load() == 0 ? "Bearer old" : "Bearer new";
  }
  void refresh() override { ++refreshes_; }
  std::string kind() const override { return "counting"; }
  int refreshes() const { return refreshes_.load(); }

 private:
  std::atomic<int> refreshes_{0};
};

TEST(AuthRefresh, ConcurrentRejectionsShareOneRefresh) {
  test::FakeAviso server;
  server.require_token("new");
  auto provider = std::make_shared<CountingProvider>();
  Client client = ClientBuilder(server.url()).auth(provider).build();
  std::vector<NotificationRequest> batch(32, NotificationRequest("mars"));
  const auto results = client.notify_many(batch, 32);
  for (const auto& result : results) EXPECT_TRUE(result.ok());
  EXPECT_EQ(provider->refreshes(), 1);
}

}  // namespace
}  // namespace aviso
