// Decoding the server's answer to a publish: the three strings kept, every other member skipped
// but still checked, and a clear decode error naming what was wrong.
#include "client/response_decoding.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/error_of.hpp"

namespace aviso::client {
namespace {

http::Response ok(std::string body) {
  http::Response response;
  response.status = 200;
  response.body = std::move(body);
  return response;
}

std::string decode_error(const std::string& body) {
  const Error error = test::error_of([&] { decode_notify_response(ok(body)); });
  EXPECT_EQ(error.kind(), AvisoErrorKind_Decode) << body;
  return error.error().message;
}

TEST(NotifyResponseDecoding, KeepsTheThreeFieldsWhateverElseTheServerSends) {
  const NotifyResponse response = decode_notify_response(
      ok(R"({"extra":{"nested":[1,2,{"x":null}]},"status":"success","request_id":"r-1",)"
         R"("processed_at":"2026-11-26T18:00:00Z","more":true})"));
  EXPECT_EQ(response.status, "success");
  EXPECT_EQ(response.request_id, "r-1");
  EXPECT_EQ(response.processed_at, "2026-11-26T18:00:00Z");
}

TEST(NotifyResponseDecoding, TheLastOfRepeatedMembersCountsAsInAWholeDocumentParse) {
  const NotifyResponse response = decode_notify_response(ok(
      R"({"status":1,"status":"success","request_id":"a\u00e9","processed_at":"t","status":"x"})"));
  EXPECT_EQ(response.status, "x");
  EXPECT_EQ(response.request_id, "a\xc3\xa9");
  EXPECT_THAT(decode_error(R"({"status":"s","request_id":"r","processed_at":"t","status":2})"),
              testing::HasSubstr("missing string field 'status'"));
}

TEST(NotifyResponseDecoding, NamesTheMissingOrMistypedField) {
  EXPECT_EQ(decode_error(R"({"status":"s","processed_at":"t"})"),
            "decode: notify response: missing string field 'request_id'");
  EXPECT_EQ(decode_error(R"({"status":"s","request_id":7,"processed_at":"t"})"),
            "decode: notify response: missing string field 'request_id'");
}

TEST(NotifyResponseDecoding, RefusesWhatIsNotAJsonObject) {
  EXPECT_EQ(decode_error(R"(["status"])"), "decode: notify response: expected a JSON object");
  EXPECT_EQ(decode_error("<html>busy</html>"),
            "decode: notify response: the body is not JSON: <html>busy</html>");
  // A broken member after the wanted ones still makes the whole body unreadable.
  EXPECT_THAT(decode_error(R"({"status":"s","request_id":"r","processed_at":"t","x":tru})"),
              testing::HasSubstr("the body is not JSON"));
  EXPECT_THAT(decode_error(R"({"status":"s","request_id":"r","processed_at":"t"} trailing)"),
              testing::HasSubstr("the body is not JSON"));
}

}  // namespace
}  // namespace aviso::client
