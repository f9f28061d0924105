// The JSON forms of the value types: exactly what the reference facade returns.
#include "aviso/requests.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "support/error_of.hpp"

namespace aviso {
namespace {

TEST(Requests, ANotificationRequestIsTheWireBody) {
  NotificationRequest request("mars");
  request.with_string_identifier({{"step", "12"}, {"class", "od"}});
  EXPECT_EQ(request.to_json(), R"({"event_type":"mars","identifier":{"class":"od","step":"12"}})");
  request.with_payload(nlohmann::json{{"location", "file:///f.grib"}});
  EXPECT_EQ(request.to_json(), R"({"event_type":"mars","identifier":{"class":"od","step":"12"},)"
                               R"("payload":{"location":"file:///f.grib"}})");
  EXPECT_EQ(NotificationRequest("x").to_json(), R"({"event_type":"x","identifier":{}})");
  EXPECT_THROW(request.with_identifier(nlohmann::json::array()), Error);
}

TEST(Requests, TextThatIsNotUtf8IsRefusedNamingTheMember) {
  const auto refusal = [](const NotificationRequest& request) {
    const Error error = test::error_of([&] { (void)request.to_json(); });
    EXPECT_EQ(error.kind(), AvisoErrorKind_InvalidInput);
    return error.error().message;
  };
  EXPECT_THAT(refusal(NotificationRequest("mars\xff")),
              testing::HasSubstr("notification event_type is not valid UTF-8"));
  EXPECT_THAT(refusal(NotificationRequest("mars").with_string_identifier({{"class", "o\xc3"}})),
              testing::HasSubstr("notification identifier is not valid UTF-8"));
  EXPECT_THAT(refusal(NotificationRequest("mars").with_payload({{"path", "\xed\xa0\x80"}})),
              testing::HasSubstr("notification payload is not valid UTF-8"));
}

TEST(Requests, ANotifyResponseConvertsToTheFacadeText) {
  const NotifyResponse response{"success", "rid-1", "2026-06-10T09:00:05Z"};
  const std::string text = response;
  EXPECT_EQ(text,
            R"({"status":"success","request_id":"rid-1","processed_at":"2026-06-10T09:00:05Z"})");
  std::ostringstream out;
  out << response;
  EXPECT_EQ(out.str(), text);
}

TEST(Requests, SchemaTypesKeepTheReferenceFieldOrder) {
  SchemaCatalog catalog;
  catalog.status = "success";
  catalog.schema["mars"].identifier = {{"class", {{"type", "StringHandler"}}}};
  catalog.schema["mars"].payload = {{"required", false}};
  catalog.event_types = {"mars"};
  catalog.total_schemas = 1;
  EXPECT_EQ(catalog.to_json(),
            R"({"status":"success","schema":{"mars":{"payload":{"required":false},)"
            R"("identifier":{"class":{"type":"StringHandler"}}}},"event_types":["mars"],)"
            R"("total_schemas":1})");
  SchemaResponse one;
  one.status = "success";
  one.event_type = "mars";
  EXPECT_EQ(
      static_cast<std::string>(one),
      R"({"status":"success","event_type":"mars","schema":{"payload":null,"identifier":{}}})");
}

TEST(Requests, NotifyResultsUseTheFacadeBatchShape) {
  NotifyResult ok;
  ok.index = 0;
  ok.response = NotifyResponse{"success", "rid-1", "t"};
  NotifyResult failed;
  failed.index = 1;
  ErrorInfo info;
  info.kind = AvisoErrorKind_Http;
  info.http_status = 400;
  info.message = "http 400 (request_id=rid-2): bad";
  info.request_id = "rid-2";
  failed.error = info;
  NotifyResult transport;
  transport.index = 2;
  ErrorInfo down;
  down.kind = AvisoErrorKind_Transport;
  down.message = "transport: refused";
  transport.error = down;
  EXPECT_EQ(to_json({ok, failed, transport}),
            R"([{"index":0,"status":"ok","response":{"status":"success","request_id":"rid-1",)"
            R"("processed_at":"t"}},{"index":1,"status":"error","error":{"kind":"http",)"
            R"("http_status":400,"message":"http 400 (request_id=rid-2): bad","request_id":)"
            R"("rid-2"}},{"index":2,"status":"error","error":{"kind":"transport","http_status":0,)"
            R"("message":"transport: refused"}}])");
}

}  // namespace
}  // namespace aviso
