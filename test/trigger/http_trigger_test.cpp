// webhook, teams and post against a real loopback HTTP receiver through a real libcurl sender
// (spec 1.5-1.7, behaviours 6, 7, 18-28).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "curl_http_sender.hpp"
#include "support/loopback_http_server.hpp"
#include "test_support.hpp"

namespace aviso::trigger {
namespace {

using aviso::test::CannedResponse;
using aviso::test::LoopbackHttpServer;
using aviso::test::RecordedRequest;

class HttpTrigger : public ::testing::Test {
 protected:
  DispatchOutcome dispatch(const std::vector<Trigger>& triggers, const Notification& n,
                           templates::EnvLookup env = {}) {
    DispatcherOptions options;
    options.http_sender = &sender_;
    options.backoff = test::no_backoff();
    options.env = std::move(env);
    TriggerDispatcher dispatcher(triggers, options);
    return dispatcher.dispatch(n);
  }
  test::CurlHttpSender sender_;
};

Notification fixture() {
  return Notification("mars", 42, nlohmann::json{{"class", "od"}, {"country", "uk"}},
                      nlohmann::json{{"location", "south"}, {"qty", 7}});
}

TEST_F(HttpTrigger, WebhookDefaultsToPostingTheNotificationJson) {
  LoopbackHttpServer server;
  const auto outcome = dispatch({Trigger::webhook(server.url("/hook"))}, fixture());
  EXPECT_EQ(outcome.status, DispatchOutcome::Status::Completed);
  ASSERT_EQ(server.request_count(), 1u);
  const RecordedRequest request = server.requests()[0];
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/hook");
  EXPECT_EQ(request.body, fixture().to_json());
  EXPECT_EQ(request.header("content-type"), "application/json");
  EXPECT_EQ(request.header_count("content-type"), 1u);
  EXPECT_FALSE(request.header("authorization"));
}

TEST_F(HttpTrigger, UserContentTypeIsTheOnlyOne) {
  LoopbackHttpServer server;
  dispatch({Trigger::webhook(server.url()).header("content-TYPE", "text/plain")}, fixture());
  ASSERT_EQ(server.request_count(), 1u);
  EXPECT_EQ(server.requests()[0].header_count("content-type"), 1u);
  EXPECT_EQ(server.requests()[0].header("content-type"), "text/plain");
}

TEST_F(HttpTrigger, MethodHeadersBodyAndUrlAreRendered) {
  LoopbackHttpServer server;
  const auto env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "TOKEN") return std::string("tok-123");
    return std::nullopt;
  };
  const auto outcome = dispatch(
      {Trigger::webhook(
           server.url("/e/{{ notification.identifier.country }}?s={{ notification.sequence }}"))
           .method(HttpMethod::Put)
           .header("Authorization", "Bearer {{ env.TOKEN }}")
           .header("X-Seq", "{{ notification.sequence }}")
           .header("X-Seq", "again")
           .body_template("{\"event\": \"{{ notification.event_type }}\", \"seq\": {{ "
                          "notification.sequence }}}")},
      Notification("mars", 42, nlohmann::json{{"country", "u k/x"}}), env);
  EXPECT_EQ(outcome.status, DispatchOutcome::Status::Completed);
  ASSERT_EQ(server.request_count(), 1u);
  const RecordedRequest request = server.requests()[0];
  EXPECT_EQ(request.method, "PUT");
  EXPECT_EQ(request.target, "/e/u%20k%2Fx?s=42");
  EXPECT_EQ(request.header("authorization"), "Bearer tok-123");
  EXPECT_EQ(request.header_count("x-seq"), 2u);
  EXPECT_EQ(request.body, "{\"event\": \"mars\", \"seq\": 42}");
}

TEST_F(HttpTrigger, JsonBodyTemplateKeepsHostileValuesInsideTheirString) {
  LoopbackHttpServer server;
  dispatch({Trigger::webhook(server.url())
                .json_body_template("{\"text\": \"new {{ notification.event_type }}\"}")},
           Notification("m\"}, \"admin\": true, \"x\": {\"", 1));
  ASSERT_EQ(server.request_count(), 1u);
  const nlohmann::json body = nlohmann::json::parse(server.requests()[0].body);
  EXPECT_EQ(body.size(), 1u);
  EXPECT_EQ(body["text"], "new m\"}, \"admin\": true, \"x\": {\"");
}

TEST_F(HttpTrigger, LongErrorBodyKeepsExactlyTheLast4096Bytes) {
  std::string big(10000, 'a');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>('a' + i % 26);
  LoopbackHttpServer server([&](const RecordedRequest&) { return CannedResponse{500, big}; });
  const auto outcome = dispatch({Trigger::webhook(server.url())}, fixture());
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  const TriggerError& error = outcome.failure->error;
  EXPECT_EQ(error.status(), 500);
  EXPECT_EQ(error.tail(), big.substr(big.size() - 4096));
}

TEST_F(HttpTrigger, EmptyErrorBodyDisplay) {
  LoopbackHttpServer server([](const RecordedRequest&) { return CannedResponse{500, ""}; });
  const auto outcome = dispatch({Trigger::webhook(server.url())}, fixture());
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_EQ(outcome.failure->error.display(), "webhook: status=500 body_tail=<empty>");
}

TEST_F(HttpTrigger, ClientErrorUnderFailFastIsAttemptedOnce) {
  LoopbackHttpServer server([](const RecordedRequest&) { return CannedResponse{404, "nope"}; });
  const auto outcome = dispatch({Trigger::webhook(server.url()).retries(3)}, fixture());
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_EQ(server.request_count(), 1u);
  EXPECT_EQ(outcome.failure->error.display(), "webhook: status=404 body_tail=nope");
}

TEST_F(HttpTrigger, ClientErrorWithoutFailFastIsRetried) {
  LoopbackHttpServer server([](const RecordedRequest&) { return CannedResponse{404, ""}; });
  dispatch({Trigger::webhook(server.url()).retries(2).fail_fast(false)}, fixture());
  EXPECT_EQ(server.request_count(), 3u);
}

TEST_F(HttpTrigger, ServerErrorIsRetried) {
  LoopbackHttpServer server([](const RecordedRequest&) { return CannedResponse{503, ""}; });
  const auto outcome = dispatch({Trigger::webhook(server.url()).retries(2)}, fixture());
  EXPECT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_EQ(server.request_count(), 3u);
}

TEST_F(HttpTrigger, RecoveryAfterServerErrorsSucceeds) {
  int calls = 0;
  LoopbackHttpServer server([&](const RecordedRequest&) {
    return CannedResponse{++calls < 3 ? 502 : 204, ""};
  });
  const auto outcome = dispatch({Trigger::webhook(server.url()).retries(5)}, fixture());
  EXPECT_EQ(outcome.status, DispatchOutcome::Status::Completed);
  EXPECT_EQ(server.request_count(), 3u);
}

int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

TEST_F(HttpTrigger, TransportErrorIsRetryableEvenUnderFailFast) {
  const std::string url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/";
  const auto outcome = dispatch({Trigger::webhook(url).retries(2)}, fixture());
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_EQ(outcome.failure->attempts, 3u);
  EXPECT_EQ(outcome.failure->error.display(),
            "webhook: status=<transport error> body_tail=<empty>");
}

TEST_F(HttpTrigger, SlowResponseHitsTheTimeout) {
  LoopbackHttpServer server([](const RecordedRequest&) {
    return CannedResponse{200, "late", std::chrono::seconds(20)};
  });
  const auto outcome =
      dispatch({Trigger::webhook(server.url()).timeout(std::chrono::milliseconds(200))}, fixture());
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_EQ(outcome.failure->error.kind(), TriggerErrorKind::Timeout);
  EXPECT_EQ(outcome.failure->error.display(), "trigger timed out after 200ms");
}

TEST_F(HttpTrigger, UrlThatIsNotAUrlFailsToBuild) {
  const auto env = [](const std::string&) { return std::optional<std::string>("not a url"); };
  const auto outcome = dispatch({Trigger::webhook("{{ env.U }}").retries(3)}, fixture(), env);
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_EQ(outcome.failure->attempts, 1u);
  EXPECT_EQ(outcome.failure->error.display(),
            "webhook build: request build failed (invalid URL or header value)");
}

TEST_F(HttpTrigger, HeaderValueWithANewlineFailsToBuild) {
  LoopbackHttpServer server;
  const auto env = [](const std::string&) { return std::optional<std::string>("a\r\nX-Evil: 1"); };
  const auto outcome =
      dispatch({Trigger::webhook(server.url()).header("X-Token", "{{ env.T }}")}, fixture(), env);
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_EQ(outcome.failure->error.kind(), TriggerErrorKind::WebhookBuild);
  EXPECT_EQ(server.request_count(), 0u);
}

TEST_F(HttpTrigger, TemplateErrorNamesContextAndFieldButNotTheTemplate) {
  LoopbackHttpServer server;
  const auto outcome = dispatch(
      {Trigger::webhook(server.url())
           .header("Authorization", "Bearer SUPER_SECRET_TOKEN {{ notification.missing }}")},
      fixture());
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  const std::string text = outcome.failure->to_error().what();
  EXPECT_NE(text.find("webhook header"), std::string::npos);
  EXPECT_NE(text.find("notification.missing"), std::string::npos);
  EXPECT_EQ(text.find("SUPER_SECRET_TOKEN"), std::string::npos);
  EXPECT_EQ(server.request_count(), 0u);
}

TEST_F(HttpTrigger, UrlValueInTheAuthorityIsRefused) {
  const auto outcome =
      dispatch({Trigger::webhook("http://{{ notification.event_type }}/x")}, fixture());
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_EQ(
      outcome.failure->error.display(),
      "template render in webhook url failed at notification.event_type: ValueInUrlAuthority");
}

TEST_F(HttpTrigger, PostWithoutEnvelopeSendsTheFallbackWithoutTime) {
  LoopbackHttpServer server;
  dispatch({Trigger::post(server.url())}, fixture());
  ASSERT_EQ(server.request_count(), 1u);
  const RecordedRequest request = server.requests()[0];
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.header("content-type"), "application/cloudevents+json");
  EXPECT_EQ(
      request.body,
      "{\"specversion\":\"1.0\",\"type\":\"co.ecmwf.aviso.event\",\"source\":\"aviso-client\","
      "\"id\":\"mars@42\",\"data\":{\"identifier\":{\"class\":\"od\",\"country\":\"uk\"},"
      "\"payload\":{\"location\":\"south\",\"qty\":7}}}");
  EXPECT_EQ(request.body.find("\"time\""), std::string::npos);
}

TEST_F(HttpTrigger, PostForwardsTheRawEnvelopeUnchanged) {
  const nlohmann::json envelope = {
      {"specversion", "1.0"},
      {"type", "int.ecmwf.aviso.mars"},
      {"source", "/host/aviso"},
      {"id", "mars@42"},
      {"time", "2026-05-01T00:00:00Z"},
      {"datacontenttype", "application/json"},
      {"data", {{"identifier", {{"class", "od"}}}, {"payload", "{{ foo }}"}}}};
  const Notification n("mars", 42, nlohmann::json{{"class", "od"}}, "{{ foo }}", envelope);
  LoopbackHttpServer server;
  dispatch({Trigger::post(server.url()).header("X-Auth", "k")}, n);
  ASSERT_EQ(server.request_count(), 1u);
  const RecordedRequest request = server.requests()[0];
  EXPECT_EQ(nlohmann::json::parse(request.body), envelope);
  EXPECT_NE(request.body.find("{{ foo }}"), std::string::npos);
  EXPECT_EQ(request.header("content-type"), "application/cloudevents+json");
  EXPECT_EQ(request.header("x-auth"), "k");
}

TEST_F(HttpTrigger, PostWithUserContentTypeSendsOnlyThatOne) {
  LoopbackHttpServer server;
  dispatch({Trigger::post(server.url()).header("Content-Type", "application/json")}, fixture());
  ASSERT_EQ(server.request_count(), 1u);
  EXPECT_EQ(server.requests()[0].header_count("content-type"), 1u);
  EXPECT_EQ(server.requests()[0].header("content-type"), "application/json");
}

class TeamsTrigger : public HttpTrigger {
 protected:
  nlohmann::json card(const Notification& n, Trigger trigger) {
    const std::size_t before = server_.request_count();
    EXPECT_EQ(dispatch({trigger}, n).status, DispatchOutcome::Status::Completed);
    EXPECT_EQ(server_.request_count(), before + 1);
    const RecordedRequest request = server_.requests().back();
    EXPECT_EQ(request.header("content-type"), "application/json");
    EXPECT_EQ(request.method, "POST");
    return nlohmann::json::parse(request.body);
  }
  static const nlohmann::json& blocks(const nlohmann::json& message) {
    return message["attachments"][0]["content"]["body"];
  }
  LoopbackHttpServer server_;
};

TEST_F(TeamsTrigger, CardEnvelopeAndDefaultTitle) {
  const nlohmann::json message = card(Notification("mars", 99, nlohmann::json{{"class", "od"}}),
                                      Trigger::teams(server_.url()));
  EXPECT_EQ(message["type"], "message");
  const nlohmann::json& attachment = message["attachments"][0];
  EXPECT_EQ(attachment["contentType"], "application/vnd.microsoft.card.adaptive");
  EXPECT_EQ(attachment["content"]["type"], "AdaptiveCard");
  EXPECT_EQ(attachment["content"]["$schema"], "http://adaptivecards.io/schemas/adaptive-card.json");
  EXPECT_EQ(attachment["content"]["version"], "1.4");
  const nlohmann::json& body = blocks(message);
  ASSERT_EQ(body.size(), 2u);
  EXPECT_EQ(body[0], (nlohmann::json{{"type", "TextBlock"},
                                     {"text", "aviso mars #99"},
                                     {"weight", "Bolder"},
                                     {"size", "Medium"},
                                     {"color", "Accent"},
                                     {"wrap", true}}));
  EXPECT_EQ(body[1]["type"], "FactSet");
  EXPECT_EQ(body[1]["facts"], nlohmann::json::parse(R"([{"title":"Event","value":"mars"},
      {"title":"Sequence","value":"99"},{"title":"class","value":"od"}])"));
}

TEST_F(TeamsTrigger, ObjectPayloadAddsAPayloadFactSet) {
  const nlohmann::json message =
      card(Notification("mars", 1, nlohmann::json::object(),
                        nlohmann::json{{"s", "{{ foo }}"}, {"n", nullptr}, {"num", 3}}),
           Trigger::teams(server_.url()).title_template("Custom {{ notification.event_type }}"));
  const nlohmann::json& body = blocks(message);
  ASSERT_EQ(body.size(), 4u);
  EXPECT_EQ(body[0]["text"], "Custom mars");
  EXPECT_EQ(body[2], (nlohmann::json{{"type", "TextBlock"},
                                     {"text", "Payload"},
                                     {"weight", "Bolder"},
                                     {"spacing", "Medium"}}));
  EXPECT_EQ(body[3]["facts"], nlohmann::json::parse(R"([{"title":"n","value":"null"},
      {"title":"num","value":"3"},{"title":"s","value":"{{ foo }}"}])"));
}

TEST_F(TeamsTrigger, ScalarPayloadIsOneMonospaceBlock) {
  const nlohmann::json message =
      card(Notification("mars", 1, nlohmann::json::object(), "{{ foo }}"),
           Trigger::teams(server_.url()));
  const nlohmann::json& body = blocks(message);
  ASSERT_EQ(body.size(), 3u);
  EXPECT_EQ(body[2], (nlohmann::json{{"type", "TextBlock"},
                                     {"text", "Payload: \"{{ foo }}\""},
                                     {"fontType", "Monospace"},
                                     {"wrap", true},
                                     {"spacing", "Medium"}}));
  EXPECT_EQ(blocks(card(Notification("mars", 1, nlohmann::json::object(), nlohmann::json::object()),
                        Trigger::teams(server_.url())))
                .size(),
            3u);
}

TEST_F(TeamsTrigger, TitleTemplateErrorHasTheTeamsContext) {
  const auto outcome = dispatch(
      {Trigger::teams(server_.url()).title_template("{{ notification.nope }}")}, fixture());
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_EQ(outcome.failure->error.display(),
            "template render in teams title failed at notification.nope: Missing");
}

TEST_F(HttpTrigger, NoSenderIsAClearError) {
  DispatcherOptions options;
  options.backoff = test::no_backoff();
  TriggerDispatcher dispatcher({Trigger::webhook("http://127.0.0.1:9/")}, options);
  const auto outcome = dispatcher.dispatch(fixture());
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_EQ(outcome.failure->error.kind(), TriggerErrorKind::Io);
}

}  // namespace
}  // namespace aviso::trigger
