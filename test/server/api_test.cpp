// The API router in-process: every non-streaming exchange of protocol section 7.3, the error
// bodies of section 4, admin and schema routes, auth rules of section 5, 404/405/413.
#include "api.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "schema_loader.hpp"
#include "server/uuid_check.hpp"

namespace aviso::server {
namespace {

using nlohmann::json;

using aviso::server_test::is_utc_seconds;
using aviso::server_test::is_uuid_v4;

const json kMarsIdentifier = {{"class", "od"},        {"expver", "1"},   {"domain", "G"},
                              {"date", "2025-07-06"}, {"time", "12:00"}, {"stream", "enfo"},
                              {"step", "006"}};

class ApiTest : public ::testing::Test {
 protected:
  ApiTest() { settings.schemas = default_schemas(); }

  HttpResponse call(const std::string& method, const std::string& path,
                    const std::string& body = "",
                    std::vector<std::pair<std::string, std::string>> headers = {}) {
    if (!api) api = std::make_unique<Api>(settings, store, auth);
    const HttpRequest request{method, path, std::move(headers), body};
    auto outcome = api->handle(request);
    if (auto* plan = std::get_if<StreamPlan>(&outcome)) {
      last_plan = *plan;
      HttpResponse streaming;
      streaming.status = 200;
      streaming.content_type = "text/event-stream";
      streaming.request_id = plan->request_id;
      return streaming;
    }
    return std::get<HttpResponse>(outcome);
  }
  json call_json(const std::string& method, const std::string& path, const std::string& body,
                 unsigned status, std::vector<std::pair<std::string, std::string>> headers = {}) {
    const auto response = call(method, path, body, std::move(headers));
    EXPECT_EQ(response.status, status) << response.body;
    EXPECT_TRUE(is_uuid_v4(response.request_id));
    const json parsed = json::parse(response.body);
    if (parsed.contains("request_id")) {
      EXPECT_EQ(parsed["request_id"], response.request_id);
    }
    return parsed;
  }
  void notify_mars() {
    ASSERT_EQ(call("POST", "/api/v1/notification",
                   json{{"event_type", "mars"}, {"identifier", kMarsIdentifier}}.dump())
                  .status,
              200);
  }

  Settings settings;
  Store store{RetentionLimits{}, SequenceMode::Global};
  std::optional<AuthTable> auth;
  std::unique_ptr<Api> api;
  std::optional<StreamPlan> last_plan;
};

TEST_F(ApiTest, E1Health) {
  EXPECT_EQ(call_json("GET", "/health", "", 200), json({{"status", "ok"}}));
}

TEST_F(ApiTest, E2NotifyAnswersInTheReferenceKeyOrder) {
  const auto response = call("POST", "/api/v1/notification",
                             json{{"event_type", "mars"},
                                  {"identifier", kMarsIdentifier},
                                  {"payload", {{"path", "/p"}, {"size", 1048576}}}}
                                 .dump());
  ASSERT_EQ(response.status, 200);
  // Field order matters here: status, request_id, processed_at (not alphabetical).
  const auto body = nlohmann::ordered_json::parse(response.body);
  ASSERT_EQ(body.size(), 3U);
  auto field = body.begin();
  EXPECT_EQ(field.key(), "status");
  EXPECT_EQ(field.value(), "success");
  ++field;
  EXPECT_EQ(field.key(), "request_id");
  EXPECT_EQ(field.value(), response.request_id);
  ++field;
  EXPECT_EQ(field.key(), "processed_at");
  EXPECT_TRUE(is_utc_seconds(field.value().get<std::string>())) << field.value();
  const auto stored = store.replay_batch(
      build_watch_filter(*settings.schemas.find("mars"), {{"class", "od"}}, "watch"), 0,
      std::nullopt, std::nullopt, 10);
  ASSERT_EQ(stored.size(), 1U);
  EXPECT_EQ(stored[0]->topic_key, "mars.od.0001.g.20250706.1200.enfo.6");
}

TEST_F(ApiTest, E3NotifyMissingADeclaredOptionalField) {
  const auto body = call_json("POST", "/api/v1/notification",
                              R"({"event_type":"mars","identifier":{"class":"od"}})", 400);
  EXPECT_EQ(body["code"], "INVALID_NOTIFICATION_REQUEST");
  EXPECT_EQ(body["error"], "Invalid Notification Request");
  const std::string message = body["message"];
  EXPECT_EQ(message.rfind("Required field '", 0), 0U) << message;
  EXPECT_NE(message.find("' missing for notify operation"), std::string::npos) << message;
  EXPECT_EQ(body["details"], body["message"]);
}

TEST_F(ApiTest, E4RequiredPayloadMissing) {
  const auto body = call_json(
      "POST", "/api/v1/notification",
      R"J({"event_type":"test_polygon","identifier":{"date":"20250706","time":"1200","polygon":"(50.0,10.0,52.0,10.0,52.0,12.0,50.0,12.0,50.0,10.0)"}})J",
      400);
  EXPECT_EQ(body["code"], "INVALID_NOTIFICATION_REQUEST");
  EXPECT_EQ(body["message"],
            "Payload is required for notify operation based on schema configuration");
}

TEST_F(ApiTest, E5UnknownEventTypeListsSortedTypes) {
  for (const char* path : {"/api/v1/watch", "/api/v1/replay", "/api/v1/notification"}) {
    const auto body = call_json("POST", path, R"({"event_type":"marz","identifier":{}})", 400);
    EXPECT_EQ(body, json({{"code", "UNKNOWN_EVENT_TYPE"},
                          {"configured_event_types",
                           {"dissemination", "extreme_event", "mars", "test_polygon"}},
                          {"error", "unknown_event_type"},
                          {"message", "unknown event type 'marz'"},
                          {"request_id", body["request_id"]}}));
  }
}

TEST_F(ApiTest, E6ParseErrors) {
  auto body = call_json("POST", "/api/v1/watch",
                        R"({"event_type":"mars","identifier":{"class":"od"},"since":"5"})", 400);
  EXPECT_EQ(body["code"], "UNKNOWN_FIELD");
  EXPECT_EQ(body["error"], "Invalid Watch Request");
  EXPECT_EQ(body["message"],
            "Request contains unknown fields: Unknown field 'since' in request. Allowed fields: "
            "[\"event_type\", "
            "\"identifier\", \"from_id\", \"from_date\", \"payload\"]");
  body = call_json("POST", "/api/v1/replay",
                   R"({"event_type":"mars","identifier":{"class":"od"},"from_id":5})", 400);
  EXPECT_EQ(body["code"], "INVALID_REQUEST_SHAPE");
  EXPECT_EQ(body["error"], "Invalid Replay Request");
  body = call_json("POST", "/api/v1/watch", R"({"event_type":"mars"})", 400);
  EXPECT_EQ(body["code"], "INVALID_REQUEST_SHAPE");
  EXPECT_EQ(body["message"], "Request deserialization failed: missing field `identifier`");
  for (const char* text : {"", "{", "not json", "{\"event_type\":}"}) {
    EXPECT_EQ(call_json("POST", "/api/v1/notification", text, 400)["code"], "INVALID_JSON") << text;
  }
  EXPECT_EQ(call_json("POST", "/api/v1/notification", "[]", 400)["code"], "INVALID_REQUEST_SHAPE");
  EXPECT_EQ(call_json("POST", "/api/v1/notification", R"({"event_type":"mars","identifier":[]})",
                      400)["code"],
            "INVALID_REQUEST_SHAPE");
  EXPECT_EQ(
      call_json("POST", "/api/v1/notification", R"({"event_type":5,"identifier":{}})", 400)["code"],
      "INVALID_REQUEST_SHAPE");
  EXPECT_EQ(call_json("POST", "/api/v1/notification",
                      R"({"event_type":"mars","identifier":{},"to_id":"5"})", 400)["code"],
            "UNKNOWN_FIELD");
}

TEST_F(ApiTest, NotifyRejectsPointAndUndeclaredKeys) {
  json request = {{"event_type", "mars"}, {"identifier", kMarsIdentifier}};
  request["identifier"]["point"] = "1,1";
  auto body = call_json("POST", "/api/v1/notification", request.dump(), 400);
  EXPECT_EQ(body["message"],
            "identifier.point is only supported for watch/replay endpoints, not /notification");

  request["identifier"].erase("point");
  request["identifier"]["colour"] = "red";
  body = call_json("POST", "/api/v1/notification", request.dump(), 500);
  EXPECT_EQ(body["code"], "NOTIFICATION_PROCESSING_FAILED");
  EXPECT_EQ(body["error"], "Notification Processing Failed");
  EXPECT_EQ(body["message"], "Unknown field 'colour' provided for notify operation");

  settings.undeclared_key_status = 400;
  body = call_json("POST", "/api/v1/notification", request.dump(), 400);
  EXPECT_EQ(body["code"], "INVALID_NOTIFICATION_REQUEST");
  EXPECT_EQ(store.message_count(), 0U);
}

TEST_F(ApiTest, E10StreamValidationFailures) {
  const auto message = [&](const std::string& path, const std::string& request, const char* code) {
    const auto body = call_json("POST", path, request, 400);
    EXPECT_EQ(body["code"], code) << request;
    return body["message"].get<std::string>();
  };
  EXPECT_EQ(message("/api/v1/replay", R"({"event_type":"mars","identifier":{"class":"od"}})",
                    "INVALID_REPLAY_REQUEST"),
            "Replay endpoint requires either from_id or from_date parameter. Use from_id for "
            "sequence-based replay or "
            "from_date for time-based replay.");
  EXPECT_EQ(
      message(
          "/api/v1/watch",
          R"({"event_type":"mars","identifier":{"class":"od"},"from_id":"5","from_date":"2026-03-01T12:00:00Z"})",
          "INVALID_WATCH_REQUEST")
          .rfind("Cannot specify both from_id and from_date.", 0),
      0U);
  EXPECT_EQ(message("/api/v1/watch",
                    R"({"event_type":"mars","identifier":{"class":"od"},"from_id":"abc"})",
                    "INVALID_WATCH_REQUEST")
                .rfind("from_id must be a valid positive integer. Got: 'abc'.", 0),
            0U);
  EXPECT_EQ(
      message("/api/v1/watch", R"({"event_type":"mars","identifier":{"class":"od"},"from_id":" "})",
              "INVALID_WATCH_REQUEST")
          .rfind("from_id cannot be empty", 0),
      0U);
  EXPECT_EQ(message("/api/v1/watch", R"({"event_type":"mars","identifier":{"step":{"gte":1}}})",
                    "INVALID_WATCH_REQUEST"),
            "Required field 'class' missing for watch operation");
  EXPECT_EQ(message("/api/v1/watch",
                    R"({"event_type":"mars","identifier":{"class":"od","step":{"gte":1,"lte":5}}})",
                    "INVALID_WATCH_REQUEST"),
            "Field 'step' constraint must contain exactly one operator");
  EXPECT_EQ(message("/api/v1/watch",
                    R"({"event_type":"mars","identifier":{"class":"od","stream":{"eq":"enfo"}}})",
                    "INVALID_WATCH_REQUEST"),
            "Field 'stream' does not support constraint filters; expected scalar value");
  EXPECT_EQ(
      message(
          "/api/v1/replay",
          R"J({"event_type":"test_polygon","identifier":{"polygon":"(0,0,1,0,1,1,0,0)","point":"0.5,0.2"},"from_id":"1"})J",
          "INVALID_REPLAY_REQUEST"),
      "Cannot specify both identifier.polygon and identifier.point. Provide only one spatial "
      "filter.");
  message("/api/v1/watch",
          R"({"event_type":"mars","identifier":{"class":"od"},"from_date":"2025-01-15"})",
          "INVALID_WATCH_REQUEST");
  message("/api/v1/watch", R"({"event_type":"mars","identifier":{"class":"od"},"from_date":"-5"})",
          "INVALID_WATCH_REQUEST");
  message("/api/v1/watch", R"({"event_type":"test_polygon","identifier":{"polygon":"1,2,3"}})",
          "INVALID_WATCH_REQUEST");
}

TEST_F(ApiTest, RangeExtensionIsValidated) {
  const auto base = std::string(R"({"event_type":"mars","identifier":{"class":"od"},)");
  auto body = call_json("POST", "/api/v1/replay", base + R"("from_id":"5","to_id":"3"})", 400);
  EXPECT_EQ(body["message"], "to_id (3) must not be lower than from_id (5)");
  call_json("POST", "/api/v1/replay", base + R"("from_id":"5","to_id":"6","to_date":"1740509903"})",
            400);
  call_json("POST", "/api/v1/watch", base + R"("to_id":"6"})", 400);
  call_json("POST", "/api/v1/replay", base + R"("from_id":"1","to_id":"x"})", 400);

  notify_mars();
  notify_mars();
  EXPECT_EQ(call("POST", "/api/v1/replay", base + R"("from_id":"1","to_id":"1"})").status, 200);
  EXPECT_EQ(last_plan->end_sequence, 1U);
  EXPECT_EQ(
      call("POST", "/api/v1/replay", base + R"("from_id":"1","to_date":"2999-01-01T00:00:00Z"})")
          .status,
      200);
  EXPECT_EQ(last_plan->end_sequence, 2U);
  EXPECT_EQ(
      call("POST", "/api/v1/replay", base + R"("from_id":"1","to_date":"1000000000"})").status,
      200);
  EXPECT_EQ(last_plan->end_sequence, 0U);
}

TEST_F(ApiTest, E11Admin) {
  notify_mars();  // mars@1
  auto body = call("DELETE", "/api/v1/admin/notification/mars@1");
  EXPECT_EQ(body.status, 200);
  EXPECT_EQ(
      body.body,
      R"({"success":true,"message":"Notification deleted","notification_id":"mars@1","request_id":")" +
          body.request_id + "\"}");
  EXPECT_EQ(call_json("DELETE", "/api/v1/admin/notification/mars@1", "", 404)["message"],
            "Notification not found");
  EXPECT_EQ(call_json("DELETE", "/api/v1/admin/notification/mars@0", "", 400)["message"],
            "notification_id sequence must be greater than zero");
  EXPECT_EQ(call_json("DELETE", "/api/v1/admin/notification/mars@x", "", 400)["message"],
            "notification_id sequence must be a positive integer");
  EXPECT_EQ(call_json("DELETE", "/api/v1/admin/notification/mars", "", 400)["message"],
            "notification_id must be in '<stream>@<sequence>' format");

  ASSERT_EQ(
      call(
          "POST", "/api/v1/notification",
          R"({"event_type":"dissemination","identifier":{"destination":"X","target":"t","class":"od","expver":"1","domain":"g","date":"20250706","time":"1200","stream":"enfo","step":6},"payload":1})")
          .status,
      200);  // diss@2: the event type is an alias of its base
  EXPECT_EQ(
      call_json("DELETE", "/api/v1/admin/notification/Dissemination@2", "", 200)["notification_id"],
      "Dissemination@2");

  notify_mars();  // mars@3
  body = call("DELETE", "/api/v1/admin/wipe/stream", R"({"stream_name":"MARS"})",
              {{"Content-Type", "application/json"}});
  EXPECT_EQ(body.body,
            R"({"success":true,"message":"Successfully wiped stream: MARS","request_id":")" +
                body.request_id + "\"}");
  EXPECT_EQ(store.message_count(), 0U);
  EXPECT_EQ(call("DELETE", "/api/v1/admin/wipe/stream", R"({"stream_name":"MARS"})").status,
            400);  // no content type
  EXPECT_EQ(
      call("DELETE", "/api/v1/admin/wipe/stream", R"({})", {{"Content-Type", "application/json"}})
          .status,
      400);
  EXPECT_EQ(call_json("DELETE", "/api/v1/admin/wipe/all", "", 200)["message"],
            "Successfully wiped all data");
  notify_mars();
  EXPECT_EQ(store.newest_sequence(
                build_watch_filter(*settings.schemas.find("mars"), {{"class", "od"}}, "watch"),
                std::nullopt),
            4U);  // counters survive wipes
}

TEST_F(ApiTest, E13Schemas) {
  auto body = call_json("GET", "/api/v1/schema/extreme_event", "", 200);
  EXPECT_EQ(body, json::parse(R"({"event_type":"extreme_event","schema":{"identifier":{
      "anomaly":{"type":"FloatHandler","range":[0.0,100.0],"required":false},
      "region":{"type":"EnumHandler","values":["north","south","east","west"],"required":true},
      "run_time":{"type":"TimeHandler","required":true},
      "severity":{"type":"IntHandler","range":[1,7],"required":true}},"payload":{"required":false}},"status":"success"})"));
  body = call_json("GET", "/api/v1/schema/nope", "", 404);
  EXPECT_EQ(body["message"], "Event type 'nope' not found");
  EXPECT_EQ(body["status"], "error");
  EXPECT_EQ(body["available_types"].size(), 4U);
  EXPECT_EQ(call_json("GET", "/api/v1/schema/Mars", "", 404)["status"], "error");  // case-sensitive

  body = call_json("GET", "/api/v1/schema", "", 200);
  EXPECT_EQ(body["total_schemas"], 4);
  EXPECT_EQ(body["status"], "success");
  EXPECT_EQ(body["schema"]["mars"]["identifier"]["class"], json({{"description", "MARS class"},
                                                                 {"type", "StringHandler"},
                                                                 {"max_length", 2},
                                                                 {"required", true}}));
  EXPECT_EQ(body["schema"]["mars"]["identifier"]["stream"]["max_length"], nullptr);
  EXPECT_EQ(body["schema"]["mars"]["identifier"]["expver"]["default"], "0001");
  EXPECT_EQ(body["schema"]["mars"]["identifier"]["date"]["canonical_format"], "%Y%m%d");
}

TEST_F(ApiTest, SchemasWhenNoneAreConfigured) {
  settings.schemas = SchemaSet{};
  EXPECT_EQ(
      call_json("GET", "/api/v1/schema", "", 200),
      json::parse(
          R"({"event_types":[],"message":"No notification schema configured","schema":{},"status":"success","total_schemas":0})"));
  EXPECT_EQ(call_json("GET", "/api/v1/schema/mars", "", 404)["message"],
            "No notification schema configured");
  EXPECT_EQ(call_json("POST", "/api/v1/notification", R"({"event_type":"mars","identifier":{}})",
                      400)["code"],
            "UNKNOWN_EVENT_TYPE");
}

TEST_F(ApiTest, FrameworkStatuses) {
  EXPECT_EQ(call("GET", "/nope").status, 404);
  EXPECT_EQ(call("GET", "/api/v1/notification").status, 405);
  EXPECT_EQ(call("POST", "/health").status, 405);
  EXPECT_EQ(call("GET", "/api/v1/admin/wipe/all").status, 405);
  EXPECT_EQ(call("GET", "/_test/requests").status, 404);  // hooks are off by default
  const auto big = call("POST", "/api/v1/notification", std::string(Api::kMaxRequestBody + 1, ' '));
  EXPECT_EQ(big.status, 413);
  EXPECT_TRUE(is_uuid_v4(big.request_id));
}

class AuthApiTest : public ApiTest {
 protected:
  AuthApiTest() {
    settings.schemas = load_schemas(YAML::Load(R"(
mars:
  topic: {base: mars, key_order: [class]}
  identifier: {class: {type: StringHandler, required: true}}
  auth: {required: true}
diss:
  topic: {base: diss, key_order: [class]}
  identifier: {class: {type: StringHandler, required: true}}
  auth: {required: true, read_roles: {localrealm: [reader]}, write_roles: {localrealm: [writer]}}
open:
  topic: {base: open, key_order: [class]}
  identifier: {class: {type: StringHandler, required: true}}
)"));
    AuthTable table;
    table.admin_roles = {{"localrealm", {"admin"}}};
    table.bearer_tokens["admin-token"] = User{"admin", "localrealm", {"admin"}};
    table.bearer_tokens["writer-token"] = User{"writer", "localrealm", {"writer"}};
    table.basic_users["reader-user"] = {"reader-pass",
                                        User{"reader-user", "localrealm", {"reader"}}};
    auth = table;
  }
  static std::pair<std::string, std::string> bearer(const std::string& token) {
    return {"Authorization", "Bearer " + token};
  }
  static std::pair<std::string, std::string> reader() {
    return {"Authorization", "Basic cmVhZGVyLXVzZXI6cmVhZGVyLXBhc3M="};
  }
};

TEST_F(AuthApiTest, E12StreamAndAdminRules) {
  const auto response =
      call("POST", "/api/v1/watch", R"({"event_type":"mars","identifier":{"class":"od"}})");
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(response.headers, (std::vector<std::pair<std::string, std::string>>{
                                  {"WWW-Authenticate", "Bearer"}, {"WWW-Authenticate", "Basic"}}));
  EXPECT_EQ(json::parse(response.body),
            json({{"code", "UNAUTHORIZED"},
                  {"error", "unauthorized"},
                  {"message", "Authentication is required for this stream"},
                  {"request_id", response.request_id}}));
  EXPECT_EQ(call_json("DELETE", "/api/v1/admin/wipe/all", "", 403, {reader()})["message"],
            "User does not have required administrative role");
  EXPECT_EQ(call_json("DELETE", "/api/v1/admin/wipe/all", "", 401)["message"],
            "Authorization header is required");
  EXPECT_EQ(call_json("DELETE", "/api/v1/admin/wipe/all", "", 401,
                      {{"Authorization", "Token x"}})["message"],
            "Authorization header must use Bearer or Basic scheme");
  EXPECT_EQ(call("DELETE", "/api/v1/admin/wipe/all", "", {bearer("admin-token")}).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/schema", "", {bearer("garbage")}).status, 200);
}

TEST_F(AuthApiTest, ReadAndWriteRoles) {
  const std::string mars = R"({"event_type":"mars","identifier":{"class":"od"}})";
  const std::string diss = R"({"event_type":"diss","identifier":{"class":"od"}})";
  EXPECT_EQ(call("POST", "/api/v1/watch", mars, {reader()}).status,
            200);  // any authenticated user reads
  EXPECT_EQ(call_json("POST", "/api/v1/notification", mars, 403, {reader()})["message"],
            "Only administrators can write to this stream");
  EXPECT_EQ(call("POST", "/api/v1/notification", mars, {bearer("admin-token")}).status, 200);
  EXPECT_EQ(call("POST", "/api/v1/watch", diss, {reader()}).status, 200);
  EXPECT_EQ(call_json("POST", "/api/v1/watch", diss, 403, {bearer("writer-token")})["message"],
            "User does not have required read role for this stream");
  EXPECT_EQ(call_json("POST", "/api/v1/notification", diss, 403, {reader()})["message"],
            "User does not have required write role for this stream");
  EXPECT_EQ(call("POST", "/api/v1/notification", diss, {bearer("writer-token")}).status, 200);
  const std::string open = R"({"event_type":"open","identifier":{"class":"od"}})";
  EXPECT_EQ(call("POST", "/api/v1/notification", open).status, 200);
  EXPECT_EQ(call_json("POST", "/api/v1/notification", open, 401, {bearer("wrong")})["message"],
            "Invalid or expired token");
  EXPECT_EQ(call("POST", "/api/v1/notification", open, {{"Authorization", "Garbage"}}).status,
            200);  // malformed: ignored
}

}  // namespace
}  // namespace aviso::server
