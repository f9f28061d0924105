// The client against the real aviso-local-server: every verb, the error kinds the server
// produces (and those its test hooks force), credential refresh and notify_many ordering.
#include "support/local_server.hpp"

#include <gtest/gtest.h>

#include "aviso/aviso.hpp"
#include "support/error_of.hpp"
#include "support/temp_dir.hpp"

namespace aviso {
namespace {

using test::error_of;

// Every key_order field of the built-in mars schema: notify requires them all.
const std::map<std::string, std::string> kMars = {
    {"class", "od"},  {"expver", "0001"}, {"domain", "g"}, {"date", "20260601"},
    {"time", "0000"}, {"stream", "oper"}, {"step", "12"}};

std::map<std::string, std::string> mars_step(int step) {
  std::map<std::string, std::string> identifier = kMars;
  identifier["step"] = std::to_string(step);
  return identifier;
}

TEST(LocalServer, EveryVerbSucceeds) {
  test::LocalServer server;
  Client client = ClientBuilder(server.url()).build();
  const NotifyResponse published =
      client.notify("mars", kMars, std::string(R"({"location":"file:///f.grib"})"));
  EXPECT_EQ(published.status, "success");
  EXPECT_EQ(published.processed_at.size(), 20u);
  EXPECT_EQ(client.notify_json("mars", nlohmann::json(mars_step(24)).dump()).status, "success");
  const SchemaCatalog catalog = client.schema();
  EXPECT_NE(std::find(catalog.event_types.begin(), catalog.event_types.end(), "mars"),
            catalog.event_types.end());
  EXPECT_EQ(catalog.total_schemas, catalog.event_types.size());
  const SchemaResponse mars = client.schema_for("mars");
  EXPECT_EQ(mars.schema.identifier["class"]["type"], "StringHandler");
  EXPECT_NO_THROW(client.delete_notification("mars@1"));
  EXPECT_NO_THROW(client.wipe_stream("MARS"));
  EXPECT_NO_THROW(client.wipe_all());
  EXPECT_EQ(server.request_count("/api/v1/notification"), 2);
}

TEST(LocalServer, EveryAsyncVerbSucceedsAndRethrowsOnGet) {
  test::LocalServer server;
  Client client = ClientBuilder(server.url()).build();
  std::future<NotifyResponse> typed =
      client.notify_async(NotificationRequest("mars").with_string_identifier(mars_step(1)));
  std::future<std::string> facade = client.notify_async("mars", mars_step(2));
  std::future<std::string> as_json =
      client.notify_json_async("mars", nlohmann::json(mars_step(3)).dump());
  EXPECT_EQ(typed.get().status, "success");
  EXPECT_EQ(nlohmann::json::parse(facade.get())["status"], "success");
  EXPECT_EQ(nlohmann::json::parse(as_json.get())["status"], "success");
  EXPECT_EQ(nlohmann::json::parse(client.schema_async().get())["total_schemas"], 4);
  EXPECT_EQ(nlohmann::json::parse(client.schema_for_async("mars").get())["event_type"], "mars");
  std::future<void> missing = client.delete_notification_async("mars@999999");
  EXPECT_EQ(error_of([&] { missing.get(); }).error().http_status, 404);
  EXPECT_NO_THROW(client.delete_notification_async("mars@1").get());
  EXPECT_NO_THROW(client.wipe_stream_async("MARS").get());
  EXPECT_NO_THROW(client.wipe_all_async().get());
  EXPECT_EQ(server.request_count("/api/v1/notification"), 3);
}

TEST(LocalServer, A400IsDecodedWithItsRequestId) {
  test::LocalServer server;
  Client client = ClientBuilder(server.url()).build();
  std::map<std::string, std::string> no_class = kMars;
  no_class.erase("class");
  const Error error = error_of([&] { client.notify("mars", no_class); });
  EXPECT_EQ(error.kind(), AvisoErrorKind_Http);
  EXPECT_EQ(error.error().http_status, 400);
  ASSERT_TRUE(error.error().request_id);
  EXPECT_EQ(error.error().request_id->size(), 36u);
  const std::string message = error.what();
  EXPECT_NE(message.find(*error.error().request_id), std::string::npos);
  EXPECT_NE(message.find("INVALID_NOTIFICATION_REQUEST"), std::string::npos) << message;
}

TEST(LocalServer, NotFoundForbiddenAndServerErrorsAreHttpErrors) {
  test::LocalServer server;
  Client client = ClientBuilder(server.url()).build();
  EXPECT_EQ(error_of([&] { client.schema_for("no_such_event"); }).error().http_status, 404);
  EXPECT_EQ(error_of([&] { client.delete_notification("mars@999999"); }).error().http_status, 404);
  server.hook("fail", R"({"route":"/api/v1/notification","status":403,"count":1})");
  EXPECT_EQ(error_of([&] { client.notify("mars", kMars); }).error().http_status, 403);
  server.hook("fail", R"({"route":"/api/v1/notification","status":503,"count":1})");
  EXPECT_EQ(error_of([&] { client.notify("mars", kMars); }).error().http_status, 503);
  EXPECT_EQ(client.notify("mars", kMars).status, "success");  // forced answers are used up
}

TEST(LocalServer, ASlowAnswerEndsInATimeoutAndIsNotRetried) {
  test::LocalServer server;
  Client client = ClientBuilder(server.url()).timeout(std::chrono::milliseconds(300)).build();
  server.hook("fail", R"({"route":"/api/v1/notification","status":200,"count":1,"delay_ms":3000})");
  EXPECT_EQ(error_of([&] { client.notify("mars", kMars); }).kind(), AvisoErrorKind_Transport);
  EXPECT_EQ(server.request_count("/api/v1/notification"), 1);
}

TEST(LocalServer, AStoppedServerIsATransportError) {
  test::LocalServer server;
  Client client = ClientBuilder(server.url()).build();
  server.kill();
  EXPECT_EQ(error_of([&] { client.notify("mars", kMars); }).kind(), AvisoErrorKind_Transport);
}

TEST(LocalServer, A401RefreshesFromTheRewrittenCredentialsFileAndRetriesOnce) {
  test::TempDir dir;
  const std::string table = dir.write(
      "auth.yaml",
      "admin_roles: {local: [admin]}\n"
      "bearer_tokens:\n  fresh-token: {username: producer, realm: local, roles: [producer]}\n");
  test::LocalServer server({"--auth-file", table});
  const std::string credentials = dir.write("credentials.yaml", "bearer: {token: stale-token}\n");
  Client client =
      ClientBuilder(server.url()).auth(std::make_shared<auth::ConfigFile>(credentials)).build();
  dir.write("credentials.yaml", "bearer: {token: fresh-token}\n");
  EXPECT_EQ(client.notify("mars", kMars).status, "success");
  EXPECT_EQ(server.request_count("/api/v1/notification"), 2);

  // A credential the server never accepts: one refresh, one retry, then the 401 itself.
  dir.write("credentials.yaml", "bearer: {token: still-wrong}\n");
  Client wrong =
      ClientBuilder(server.url()).auth(std::make_shared<auth::ConfigFile>(credentials)).build();
  const Error error = error_of([&] { wrong.notify("mars", kMars); });
  EXPECT_EQ(error.error().http_status, 401);
  EXPECT_EQ(server.request_count("/api/v1/notification"), 4);
  // A non-admin may publish but not wipe.
  EXPECT_EQ(error_of([&] { client.wipe_all(); }).error().http_status, 403);
}

class LocalServerBatch : public ::testing::TestWithParam<std::size_t> {};

TEST_P(LocalServerBatch, KeepsInputOrderWithFailuresMixedIn) {
  test::LocalServer server;
  Client client = ClientBuilder(server.url()).build();
  std::vector<NotificationRequest> batch;
  for (int i = 0; i < 120; ++i) {
    NotificationRequest request("mars");
    std::map<std::string, std::string> identifier = mars_step(i);
    if (i % 5 == 2) identifier.erase("class");  // a 400 among the successes
    request.with_string_identifier(identifier);
    batch.push_back(request);
  }
  const std::vector<NotifyResult> results = client.notify_many(batch, GetParam());
  ASSERT_EQ(results.size(), batch.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    EXPECT_EQ(results[i].index, i);
    EXPECT_EQ(results[i].ok(), i % 5 != 2) << i;
    if (!results[i].ok()) {
      EXPECT_EQ(results[i].error->http_status, 400) << i;
    }
  }
  EXPECT_EQ(server.request_count("/api/v1/notification"), 120);
}

INSTANTIATE_TEST_SUITE_P(Concurrency, LocalServerBatch, ::testing::Values(1u, 16u, 64u));

}  // namespace
}  // namespace aviso
