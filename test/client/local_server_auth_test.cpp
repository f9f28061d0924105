// The client's credentials against the real aviso-local-server with auth enabled: role checks
// (403 for a reader publishing), credential discovery and its precedence as the server sees it,
// and a cross-origin redirect that must leave the credential behind.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "aviso/aviso.hpp"
#include "http/mini_http_server.hpp"
#include "support/error_of.hpp"
#include "support/local_server.hpp"
#include "support/scoped_env.hpp"
#include "support/temp_dir.hpp"

namespace aviso {
namespace {

using test::error_of;

// One protected stream: readers may watch it, only writers (and admins) may publish to it.
constexpr const char* kSchema = R"(notification_schema:
  flood:
    topic: {base: flood, key_order: [basin]}
    identifier:
      basin: {type: StringHandler, required: true}
    payload: {required: false}
    auth:
      required: true
      read_roles: {local: [reader]}
      write_roles: {local: [writer]}
)";

constexpr const char* kCredentials = R"(mode: direct
admin_roles: {local: [admin]}
bearer_tokens:
  admin-token: {username: boss, realm: local, roles: [admin]}
  writer-token: {username: producer, realm: local, roles: [writer]}
basic_users:
  reader-user: {password: reader-pass, realm: local, roles: [reader]}
)";

const std::map<std::string, std::string> kBasin = {{"basin", "danube"}};

class ProtectedServer : public ::testing::Test {
 protected:
  ProtectedServer()
      : server_({"--config", dir_.write("server.yaml", kSchema), "--auth-file",
                 dir_.write("auth.yaml", kCredentials)}) {}

  test::ScopedEnv env_;  // every AVISO_* variable starts unset
  test::TempDir dir_;
  test::LocalServer server_;
};

TEST_F(ProtectedServer, AReaderPublishingIsForbiddenAndAWriterIsNot) {
  Client reader = ClientBuilder(server_.url()).basic_auth("reader-user", "reader-pass").build();
  const Error forbidden = error_of([&] { reader.notify("flood", kBasin); });
  EXPECT_EQ(forbidden.kind(), AvisoErrorKind_Http);
  EXPECT_EQ(forbidden.error().http_status, 403);
  EXPECT_NE(std::string(forbidden.what()).find("required write role"), std::string::npos)
      << forbidden.what();
  EXPECT_TRUE(forbidden.error().request_id.has_value());

  Client writer = ClientBuilder(server_.url()).bearer_auth("writer-token").build();
  EXPECT_EQ(writer.notify("flood", kBasin).status, "success");
  EXPECT_EQ(error_of([&] { writer.wipe_stream("FLOOD"); }).error().http_status, 403);

  Client admin = ClientBuilder(server_.url()).bearer_auth("admin-token").build();
  EXPECT_NO_THROW(admin.wipe_stream("FLOOD"));
}

TEST_F(ProtectedServer, AnonymousPublishingNeedsAuthentication) {
  Client anonymous = ClientBuilder(server_.url()).build();
  const Error error = error_of([&] { anonymous.notify("flood", kBasin); });
  EXPECT_EQ(error.error().http_status, 401);
  EXPECT_NE(std::string(error.what()).find("Authentication is required"), std::string::npos)
      << error.what();
}

// Discovery order as the server sees it: environment, then the config file's auth block, then
// the credentials file. Only the writer's credential may publish, so a success names the winner.
TEST_F(ProtectedServer, DiscoveryPrefersTheEnvironmentThenTheConfigFileThenTheCredentialsFile) {
  env_.set("HOME", dir_.path().string());  // no stray ~/.config/aviso
  env_.set("AVISO_BASE_URL", server_.url());
  env_.set("AVISO_CREDENTIALS_FILE",
           dir_.write("credentials.yaml", "bearer: {token: writer-token}\n"));
  EXPECT_EQ(ClientBuilder::from_environment().build().notify("flood", kBasin).status, "success");

  env_.set("AVISO_CLIENT_CONFIG_FILE",
           dir_.write("config.yaml",
                      "auth:\n  basic: {username: reader-user, password: reader-pass}\n"));
  EXPECT_EQ(error_of([&] { ClientBuilder::from_environment().build().notify("flood", kBasin); })
                .error()
                .http_status,
            403);  // the config file's reader beats the credentials file's writer

  env_.set("AVISO_TOKEN", "writer-token");
  EXPECT_EQ(ClientBuilder::from_environment().build().notify("flood", kBasin).status, "success");

  // Code beats every discovered source.
  EXPECT_EQ(error_of([&] {
              ClientBuilder::from_environment()
                  .basic_auth("reader-user", "reader-pass")
                  .build()
                  .notify("flood", kBasin);
            })
                .error()
                .http_status,
            403);
}

// A gateway in front of the server answers 307 with the server's address, another origin (other
// port): the credential must not follow, so the real server sees an anonymous publish.
TEST_F(ProtectedServer, ACrossOriginRedirectArrivesWithoutTheCredential) {
  test::MiniHttpServer gateway([&](const test::RecordedRequest& request) {
    test::ScriptedResponse response;
    response.status = 307;
    response.headers = {{"Location", server_.url() + request.target}};
    return response;
  });
  Client client = ClientBuilder(gateway.url()).bearer_auth("writer-token").build();
  const Error error = error_of([&] { client.notify("flood", kBasin); });
  EXPECT_EQ(error.error().http_status, 401);
  EXPECT_NE(std::string(error.what()).find("Authentication is required"), std::string::npos)
      << error.what();
  const auto at_gateway = gateway.requests();
  ASSERT_FALSE(at_gateway.empty());
  for (const auto& request : at_gateway) {
    EXPECT_EQ(request.header("Authorization"), "Bearer writer-token");
  }
  // The 401 is retried once after a refresh; each attempt went through the gateway.
  EXPECT_EQ(server_.request_count("/api/v1/notification"), static_cast<long>(at_gateway.size()));
}

}  // namespace
}  // namespace aviso
