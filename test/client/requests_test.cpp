// The JSON forms of the value types: exactly what the reference facade returns.
#include "aviso/requests.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "client/notification_body.hpp"
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

// The body is written member by member into one buffer; it must be byte for byte what
// nlohmann's dump() gives for the whole object, for every kind of value and every character class
// (escapes, control characters, DEL, non-ASCII, numbers of each type).
TEST(Requests, TheWireBodyIsExactlyTheLibraryDumpOfTheWholeObject) {
  const std::vector<std::string> texts = {"",
                                          "mars",
                                          "a\"b",
                                          "back\\slash",
                                          "tab\tnl\ncr\r",
                                          std::string("nul\0x", 5),
                                          "\x01\x1f\x7f",
                                          "caf\xc3\xa9",
                                          "\xf0\x9f\x8c\x8d",
                                          "slash/ok",
                                          "\b\f"};
  const std::vector<nlohmann::json> values = {
      nullptr,
      true,
      false,
      0,
      -7,
      18446744073709551615ULL,
      -9223372036854775807LL - 1,
      1.5,
      0.1,
      1e300,
      -2.5e-8,
      3.0,
      nlohmann::json::array(),
      nlohmann::json::object(),
      nlohmann::json{{"z", 1}, {"a", {{"nested", nlohmann::json::array({1, "two", nullptr})}}}}};
  client::NotificationBodyWriter writer;  // one writer for all, as notify_many uses it
  const auto check = [&](const NotificationRequest& request) {
    nlohmann::ordered_json whole;
    whole["event_type"] = request.event_type;
    whole["identifier"] =
        request.identifier.is_null() ? nlohmann::json::object() : request.identifier;
    if (request.payload) whole["payload"] = *request.payload;
    EXPECT_EQ(writer.write(request), whole.dump());
    EXPECT_EQ(request.to_json(), whole.dump());
  };
  for (const std::string& text : texts) {
    check(NotificationRequest(text));
    check(NotificationRequest("mars").with_string_identifier({{text, text}, {"k", "v"}}));
    check(NotificationRequest("mars").with_payload(text));
  }
  for (const nlohmann::json& value : values) {
    check(NotificationRequest("mars").with_payload(value));
    check(NotificationRequest("mars").with_identifier({{"class", "od"}, {"x", value}}));
  }
  // A refused body leaves the writer fit for the next one.
  EXPECT_THROW(writer.write(NotificationRequest("mars").with_payload("\xff")), Error);
  check(NotificationRequest("mars").with_payload({{"after", "refusal"}}));
}

// notify_many checks a whole batch with can_write before it sends anything, then writes the
// bodies while the first ones are on the wire: the check must refuse exactly what write refuses.
TEST(Requests, TheUpFrontCheckRefusesExactlyWhatTheWriterRefuses) {
  std::vector<std::string> texts = {"ok",
                                    "\xc3\xa9",
                                    "\xc3",
                                    "\xe0\x80\x80",
                                    "\xed\xa0\x80",
                                    "\xf4\x90\x80\x80",
                                    "\xf0\x9f\x8c\x8d",
                                    "\x80",
                                    "\xfe"};
  std::uint32_t state = 12345;
  for (int i = 0; i < 3000; ++i) {  // short random byte strings, biased to the high half
    std::string text;
    for (int n = 0; n < 1 + i % 4; ++n) {
      state = state * 1103515245u + 12345u;
      text.push_back(static_cast<char>(0x7f + (state >> 16) % 0x81));
    }
    texts.push_back(text);
  }
  client::NotificationBodyWriter writer;
  for (const std::string& text : texts) {
    for (const NotificationRequest& request :
         {NotificationRequest(text), NotificationRequest("m").with_string_identifier({{text, "v"}}),
          NotificationRequest("m").with_payload(nlohmann::json::array({1, {{"k", text}}}))}) {
      bool refused = false;
      try {
        (void)writer.write(request);
      } catch (const Error&) {
        refused = true;
      }
      EXPECT_EQ(client::NotificationBodyWriter::can_write(request), !refused) << request.event_type;
    }
  }
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
