// Every verb against a scripted aviso on 127.0.0.1: success paths, the error kinds, the facade
// text forms and the async forms.
#include <gtest/gtest.h>

#include <future>

#include "aviso/aviso.hpp"
#include "client/client_internals.hpp"
#include "client/fake_aviso.hpp"
#include "support/error_of.hpp"
#include "support/scoped_env.hpp"

namespace aviso {
namespace {

using test::error_of;

class Verbs : public ::testing::Test {
 protected:
  test::FakeAviso server_;
  Client client_ = ClientBuilder(server_.url() + "/").bearer_auth("tok").build();
};

TEST_F(Verbs, NotifyPostsTheBodyWithCredentialAndReturnsTheResponse) {
  const std::string text = client_.notify("mars", {{"class", "od"}, {"step", "12"}},
                                          std::string(R"({"location":"file:///f.grib"})"));
  EXPECT_EQ(text,
            R"({"status":"success","request_id":"rid-1","processed_at":"2026-06-10T09:00:05Z"})");
  const auto seen = server_.requests().at(0);
  EXPECT_EQ(seen.target, "/api/v1/notification");
  EXPECT_EQ(seen.header("Authorization"), "Bearer tok");
  EXPECT_EQ(seen.header("Content-Type"), "application/json");
  EXPECT_EQ(seen.header("User-Agent"), "aviso/" + version());
  EXPECT_EQ(seen.header("Accept"), "*/*");  // what the reference's HTTP client sends
  EXPECT_EQ(seen.body, R"({"event_type":"mars","identifier":{"class":"od","step":"12"},)"
                       R"("payload":{"location":"file:///f.grib"}})");
}

TEST_F(Verbs, NotifyJsonSendsStructuredIdentifierValues) {
  const NotifyResponse response =
      client_.notify_json("mars", R"({"point_cloud":[[46,8],[47,9]],"step":12})");
  EXPECT_EQ(response.status, "success");
  EXPECT_EQ(server_.requests().at(0).body,
            R"({"event_type":"mars","identifier":{"point_cloud":[[46,8],[47,9]],"step":12}})");
  EXPECT_EQ(error_of([&] { client_.notify_json("mars", "[1]"); }).kind(),
            AvisoErrorKind_InvalidInput);
  EXPECT_EQ(error_of([&] { client_.notify("mars", {}, std::string("{bad")); }).kind(),
            AvisoErrorKind_InvalidInput);
  EXPECT_EQ(server_.requests().size(), 1u);  // bad input sends nothing
}

TEST_F(Verbs, A400CarriesTheRequestIdAndTheServersCodeAndMessage) {
  const Error error = error_of([&] { client_.notify("mars", {{"outcome", "400"}}); });
  EXPECT_EQ(error.kind(), AvisoErrorKind_Http);
  EXPECT_EQ(error.error().http_status, 400);
  EXPECT_EQ(error.error().request_id, "rid-1");
  const std::string message = error.what();
  EXPECT_NE(message.find("rid-1"), std::string::npos);
  EXPECT_NE(message.find("INVALID_NOTIFICATION_REQUEST"), std::string::npos);
  EXPECT_NE(message.find("Field 'step' must be an integer"), std::string::npos);
}

TEST_F(Verbs, ForbiddenNotFoundAndServerErrorsAreHttpErrors) {
  EXPECT_EQ(error_of([&] {
              client_.notify("mars", {{"outcome", "403"}});
            })
                .error()
                .http_status,
            403);
  EXPECT_EQ(error_of([&] {
              client_.notify("mars", {{"outcome", "500"}});
            })
                .error()
                .http_status,
            500);
  const Error missing = error_of([&] { (void)client_.schema_for("nosuch"); });
  EXPECT_EQ(missing.error().http_status, 404);
  EXPECT_NE(std::string(missing.what()).find("Event type 'nosuch' not found"), std::string::npos);
}

TEST_F(Verbs, SchemaAndSchemaForDecodeAndPrintTheFacadeText) {
  const SchemaCatalog catalog = client_.schema();
  EXPECT_EQ(catalog.event_types, std::vector<std::string>{"mars"});
  EXPECT_EQ(catalog.total_schemas, 1u);
  EXPECT_EQ(catalog.schema.at("mars").identifier["class"]["max_length"], 2);
  const std::string text = catalog;
  EXPECT_EQ(text.rfind(R"({"status":"success","schema":{"mars":{"payload":{"required":false},)", 0),
            0u)
      << text;
  const SchemaResponse one = client_.schema_for("mars");
  EXPECT_EQ(one.event_type, "mars");
  EXPECT_EQ(one.schema.identifier["step"]["type"], "IntHandler");
}

TEST_F(Verbs, SchemaForRejectsAnEventTypeThatIsNotOnePathSegment) {
  for (const char* bad : {"", "../admin/wipe", "a/b", ".."}) {
    EXPECT_EQ(error_of([&] { (void)client_.schema_for(bad); }).kind(), AvisoErrorKind_Config)
        << bad;
  }
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(Verbs, AdminVerbsHitTheirEndpoints) {
  client_.wipe_stream("MARS");
  client_.wipe_all();
  client_.delete_notification("mars@42");
  const auto seen = server_.requests();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].method, "DELETE");
  EXPECT_EQ(seen[0].target, "/api/v1/admin/wipe/stream");
  EXPECT_EQ(seen[0].body, R"({"stream_name":"MARS"})");
  EXPECT_EQ(seen[0].header("Content-Type"), "application/json");
  EXPECT_EQ(seen[1].target, "/api/v1/admin/wipe/all");
  EXPECT_EQ(seen[2].target, "/api/v1/admin/notification/mars@42");
  EXPECT_EQ(error_of([&] { client_.delete_notification("mars@404"); }).error().http_status, 404);
}

TEST_F(Verbs, AsyncFormsDeliverTheSameResultsThroughFutures) {
  std::future<std::string> notified = client_.notify_async("mars", {{"class", "od"}});
  std::future<std::string> json = client_.notify_json_async("mars", R"({"step":1})");
  std::future<NotifyResponse> typed = client_.notify_async(NotificationRequest("mars"));
  std::future<std::string> catalog = client_.schema_async();
  std::future<std::string> one = client_.schema_for_async("mars");
  std::future<void> wiped = client_.wipe_stream_async("MARS");
  std::future<void> all = client_.wipe_all_async();
  std::future<void> deleted = client_.delete_notification_async("mars@1");
  EXPECT_NE(notified.get().find(R"("status":"success")"), std::string::npos);
  EXPECT_NE(json.get().find(R"("status":"success")"), std::string::npos);
  EXPECT_EQ(typed.get().status, "success");
  EXPECT_NE(catalog.get().find(R"("event_types":["mars"])"), std::string::npos);
  EXPECT_NE(one.get().find(R"("event_type":"mars")"), std::string::npos);
  EXPECT_NO_THROW(wiped.get());
  EXPECT_NO_THROW(all.get());
  EXPECT_NO_THROW(deleted.get());
  std::future<void> missing = client_.delete_notification_async("mars@404");
  EXPECT_EQ(error_of([&] { missing.get(); }).error().http_status, 404);
}

TEST_F(Verbs, BlockingVerbsRefuseToRunOnTheIoThread) {
  std::promise<ErrorKind> kind;
  detail::ClientAccess::core(client_).loop->post([&] {
    try {
      client_.notify("mars");
      kind.set_value(AvisoErrorKind_Unknown);
    } catch (const Error& error) {
      kind.set_value(error.kind());
    }
  });
  EXPECT_EQ(kind.get_future().get(), AvisoErrorKind_InvalidUsage);
}

TEST(VerbsTransport, ConnectionRefusedIsATransportError) {
  Client client =
      ClientBuilder("http://127.0.0.1:" + std::to_string(test::unused_loopback_port())).build();
  EXPECT_EQ(error_of([&] { client.notify("mars"); }).kind(), AvisoErrorKind_Transport);
  std::future<std::string> pending = client.schema_async();
  EXPECT_EQ(error_of([&] { pending.get(); }).kind(), AvisoErrorKind_Transport);
}

TEST(VerbsTransport, ASilentServerEndsInATransportTimeout) {
  test::MiniHttpServer silent([](const test::RecordedRequest&) {
    test::ScriptedResponse response;
    response.silent = true;
    return response;
  });
  Client client = ClientBuilder(silent.url()).timeout(std::chrono::milliseconds(200)).build();
  const Error error = error_of([&] { client.notify("mars"); });
  EXPECT_EQ(error.kind(), AvisoErrorKind_Transport);
  EXPECT_NE(std::string(error.what()).find("imeout"), std::string::npos) << error.what();
  EXPECT_EQ(silent.requests().size(), 1u);  // a publish is not retried
}

TEST(VerbsTransport, ARedirectToAnotherOriginLeavesTheCredentialBehind) {
  test::FakeAviso target;
  test::MiniHttpServer first([&](const test::RecordedRequest& request) {
    test::ScriptedResponse response;
    response.status = 302;
    response.headers = {{"Location", request.target == "/api/v1/schema"
                                         ? "/moved/schema"
                                         : target.url() + "/api/v1/schema"}};
    return response;
  });
  Client client = ClientBuilder(first.url()).bearer_auth("must-not-leave-first").build();
  EXPECT_EQ(client.schema().total_schemas, 1u);
  const auto at_first = first.requests();
  ASSERT_EQ(at_first.size(), 2u);
  EXPECT_EQ(at_first[0].header("Authorization"), "Bearer must-not-leave-first");
  EXPECT_EQ(at_first[1].header("Authorization"), "Bearer must-not-leave-first");
  ASSERT_EQ(target.requests().size(), 1u);
  EXPECT_FALSE(target.requests()[0].header("Authorization"));
}

test::ScriptedResponse notify_success(const test::RecordedRequest&) {
  test::ScriptedResponse response;
  response.body = R"({"status":"success","request_id":"r","processed_at":"t"})";
  return response;
}

// The client reads the proxy variables when it is built, as the reference's HTTP client does:
// the environment at build time decides for every request of that client.
TEST(VerbsTransport, AClientUsesTheProxyOfTheEnvironmentItWasBuiltIn) {
  test::ScopedEnv env;
  env.unset_proxy_variables();
  test::MiniHttpServer proxy(notify_success);
  env.set("http_proxy", proxy.url());
  Client behind_proxy = ClientBuilder("http://aviso.invalid/").build();
  env.unset("http_proxy");
  behind_proxy.notify("mars");
  ASSERT_EQ(proxy.requests().size(), 1u);
  EXPECT_EQ(proxy.requests()[0].target, "http://aviso.invalid/api/v1/notification");
  EXPECT_EQ(proxy.requests()[0].header("Host"), "aviso.invalid");

  test::MiniHttpServer direct(notify_success);
  Client built_without = ClientBuilder(direct.url()).build();
  env.set("http_proxy", proxy.url());
  built_without.notify("mars");
  EXPECT_EQ(direct.requests().size(), 1u);
  EXPECT_EQ(proxy.requests().size(), 1u);
}

TEST(VerbsTransport, AHostNamedInNoProxyIsReachedDirectly) {
  test::ScopedEnv env;
  env.unset_proxy_variables();
  test::MiniHttpServer proxy(notify_success);
  test::MiniHttpServer direct(notify_success);
  env.set("http_proxy", proxy.url());
  env.set("no_proxy", "localhost,127.0.0.1");
  Client client = ClientBuilder(direct.url()).build();
  client.notify("mars");
  EXPECT_EQ(direct.requests().size(), 1u);
  EXPECT_TRUE(proxy.requests().empty());
}

TEST(VerbsTransport, APathPrefixIsKeptForEveryEndpoint) {
  test::MiniHttpServer proxy(notify_success);
  Client client = ClientBuilder(proxy.url() + "/gateway/aviso").build();
  client.notify("mars");
  EXPECT_EQ(proxy.requests().at(0).target, "/gateway/aviso/api/v1/notification");
}

TEST(VerbsTransport, AnUnexpectedSuccessBodyIsADecodeError) {
  test::MiniHttpServer odd([](const test::RecordedRequest&) {
    test::ScriptedResponse response;
    response.body = R"({"status":"success"})";
    return response;
  });
  Client client = ClientBuilder(odd.url()).build();
  const Error error = error_of([&] { client.notify("mars"); });
  EXPECT_EQ(error.kind(), AvisoErrorKind_Decode);
  EXPECT_NE(std::string(error.what()).find("request_id"), std::string::npos);
}

}  // namespace
}  // namespace aviso
