// The tight pass over a notification event (scan_common_notification) against the full walk
// with the JSON reader (read_notification_members): whatever the pass accepts must be valid
// JSON and give exactly the members the walk gives; the rest it must leave to the walk.
#include "watch/notification_members.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "aviso/error.hpp"
#include "core/json_reader.hpp"
#include "support/random_edits.hpp"
#include "support/recorded_members.hpp"
#include "support/server_cloudevent.hpp"

namespace {

using aviso::watch::frames::FieldRecording;
using aviso::watch::frames::NotificationMembers;
using aviso::watch::frames::read_notification_members;
using aviso::watch::frames::scan_common_notification;

const std::string& kCloudEvent = aviso::test::kServerCloudEvent;

std::optional<NotificationMembers> full_walk(const std::string& data) {
  aviso::sse::SseEvent event;
  event.event = "replay";
  event.data = data;
  try {
    return read_notification_members(event);
  } catch (const aviso::Error&) {
    return std::nullopt;
  }
}

using Recorded = std::optional<std::span<const aviso::PlainStringMember>>;

// A field's recording, against the field's text: an object of plain strings is recorded member
// for member (unless the fields together have more members than a recording holds), and builds
// what read_json builds; anything else is not recorded.
void expect_recorded_as_its_text(const std::string& data,
                                 const std::optional<aviso::detail::TextSpan>& field,
                                 const Recorded& recorded, std::size_t members_of_both) {
  if (!field) {
    EXPECT_FALSE(recorded) << data;
    return;
  }
  const auto expected = aviso::test::recorded_members(data, field->offset, field->length);
  if (!recorded) {
    EXPECT_TRUE(!expected || members_of_both > FieldRecording::kCapacity)
        << "an object of plain strings was not recorded: " << data;
    return;
  }
  ASSERT_TRUE(expected) << "recorded what is not an object of plain strings: " << data;
  EXPECT_EQ(std::vector<aviso::PlainStringMember>(recorded->begin(), recorded->end()), *expected)
      << data;
  EXPECT_EQ(aviso::build_plain_string_object(data, *recorded, nlohmann::json()),
            aviso::read_json(data.substr(field->offset, field->length)))
      << data;
}

// The property every test here checks, with a message naming the text.
void expect_pass_agrees_with_walk(const std::string& data) {
  FieldRecording recording;
  const std::optional<NotificationMembers> scanned = scan_common_notification(data, &recording);
  EXPECT_EQ(scanned, scan_common_notification(data)) << "the recording changed the pass: " << data;
  if (!scanned) return;  // left to the walk: always allowed
  const std::optional<NotificationMembers> walked = full_walk(data);
  ASSERT_TRUE(walked) << "the pass accepted what the reader refuses: " << data;
  EXPECT_TRUE(*scanned == *walked) << "different members for: " << data;
  EXPECT_FALSE(nlohmann::json::parse(data, nullptr, false).is_discarded()) << data;

  const auto members_of = [&data](const std::optional<aviso::detail::TextSpan>& field) {
    if (!field) return std::size_t{0};
    const auto members = aviso::test::recorded_members(data, field->offset, field->length);
    return members ? members->size() : 0;
  };
  const std::size_t members_of_both =
      members_of(scanned->identifier) + members_of(scanned->payload);
  const aviso::detail::RecordedFields fields = recording.fields();
  expect_recorded_as_its_text(data, scanned->identifier, fields.identifier, members_of_both);
  expect_recorded_as_its_text(data, scanned->payload, fields.payload, members_of_both);
}

std::string span_text(const std::string& data, const std::optional<aviso::detail::TextSpan>& span) {
  return span ? data.substr(span->offset, span->length) : "(none)";
}

TEST(NotificationMembers, ThePassTakesTheServersCloudEventsAndLocatesTheirMembers) {
  const std::vector<std::string> common = {
      kCloudEvent,
      // Whitespace everywhere the grammar allows it, and payloads of every kind.
      std::string(
          " {\n\t\"id\" : \"mars@1\" ,\r\n \"type\":\"t\", \"data\" : { \"identifier\" : { } ,") +
          " \"payload\" : [ 1 , -0.5 , true , false , null , { \"a\" : [ ] } , \"s\" ] } } \n",
      R"({"id":"mars@1","type":"t","data":{"payload":-12.0,"identifier":{"a":""}}})",
      R"({"id":"mars@1","type":"t","data":{"identifier":{"k":"v"}},"request_id":"r"})",
      R"({"id":"mars@1","type":"t","data":{"identifier":{"k":"v"},"payload":"x"},"extra":{}})",
  };
  for (const std::string& data : common) {
    const std::optional<NotificationMembers> scanned = scan_common_notification(data);
    ASSERT_TRUE(scanned) << data;
    expect_pass_agrees_with_walk(data);
  }
  const NotificationMembers members = *scan_common_notification(kCloudEvent);
  EXPECT_EQ(span_text(kCloudEvent, members.id), "\"mars@4243\"");
  EXPECT_EQ(span_text(kCloudEvent, members.type), "\"int.ecmwf.aviso.mars\"");
  EXPECT_EQ(span_text(kCloudEvent, members.payload), R"({"path":"/data/od/4242"})");
  EXPECT_EQ(span_text(kCloudEvent, members.identifier).substr(0, 14), R"({"class":"od",)");
  EXPECT_FALSE(members.request_id);
}

// The pass records the members of the identifier and of a payload that is an object of plain
// strings, so that the consumer builds them without reading them again; payloads of any other
// kind, and fields with more members than a recording holds, are left to be read from the text.
TEST(NotificationMembers, ThePassRecordsTheFieldsThatAreObjectsOfPlainStrings) {
  const auto object_of = [](std::size_t members, const std::string& prefix) {
    std::string object = "{";
    for (std::size_t member = 0; member < members; ++member) {
      object += (member > 0 ? ",\"" : "\"") + prefix + std::to_string(member) + "\":\"v\"";
    }
    return object + "}";
  };
  const auto event = [](const std::string& identifier, const std::string& payload) {
    return R"({"id":"mars@1","type":"t","data":{"identifier":)" + identifier +
           (payload.empty() ? "" : R"(,"payload":)" + payload) + "}}";
  };
  struct Case {
    std::string data;
    bool identifier_recorded;
    bool payload_recorded;
  };
  const std::size_t capacity = FieldRecording::kCapacity;
  const std::vector<Case> cases = {
      {kCloudEvent, true, true},
      {event("{}", "{}"), true, true},
      {event(R"({"b":"1","a":"2","b":"3"})", ""), true, false},  // any order, repeats
      {event(R"({"k":"v"})", R"("text")"), true, false},
      {event(R"({"k":"v"})", "null"), true, false},
      {event(R"({"k":"v"})", R"({"path":"/p","size":12})"), true, false},
      {event(R"({"k":"v"})", R"({"path":"/p","more":{"a":"b"}})"), true, false},
      {event(R"({"k":"v"})", R"({"list":["a"],"path":"/p"})"), true, false},
      {event(object_of(capacity, "i"), ""), true, false},
      {event(object_of(capacity + 1, "i"), R"({"path":"/p"})"), false, true},
      {event(object_of(capacity - 1, "i"), R"({"path":"/p"})"), true, true},
      {event(object_of(capacity - 1, "i"), R"({"path":"/p","size":"1"})"), true, false},
  };
  for (const Case& each : cases) {
    FieldRecording recording;
    ASSERT_TRUE(scan_common_notification(each.data, &recording)) << each.data;
    const aviso::detail::RecordedFields fields = recording.fields();
    EXPECT_EQ(fields.identifier.has_value(), each.identifier_recorded) << each.data;
    EXPECT_EQ(fields.payload.has_value(), each.payload_recorded) << each.data;
    expect_pass_agrees_with_walk(each.data);
  }
}

// Each of these is valid but outside the common shape, or invalid: the pass must leave every
// one to the walk, which has the exact semantics (last repeated key wins) and errors.
TEST(NotificationMembers, ThePassLeavesEverythingUnusualToTheFullWalk) {
  const std::vector<std::string> unusual = {
      R"({"id":"mars@1","type":"t","data":{"identifier":{"k":"v\"q"}}})",  // escape
      "{\"id\":\"mars@1\",\"type\":\"t\",\"data\":{\"identifier\":{\"k\":\"caf\xC3\xA9\"}}}",
      R"({"id":"mars@1","type":"t","data":{"identifier":{"k":"v"},"payload":1e5}})",  // exponent
      R"({"id":"mars@1","id":"mars@2","type":"t","data":{"identifier":{}}})",         // repeated
      R"({"id":"mars@1","type":"t","data":{"identifier":{}},"data":{"identifier":{}}})",
      R"({"id":"mars@1","type":"t","data":{"identifier":{},"identifier":{}}})",
      R"({"id":"mars@1","type":"t","data":{"identifier":{},"payload":1,"payload":2}})",
      R"({"id":"mars@1","type":"t","data":{"identifier":{"k":1}}})",  // not a string: an error
      R"({"id":7,"type":"t","data":{"identifier":{}}})",
      R"({"id":"mars@1","type":"t","data":[]})",
      R"({"id":"mars@1","type":"t","data":{"identifier":[]}})",
      R"({"id":"mars@1","type":"t"})",
      R"({"type":"connection_established","request_id":"r"})",
      "\xEF\xBB\xBF{\"id\":\"mars@1\",\"type\":\"t\",\"data\":{\"identifier\":{}}}",  // BOM
      R"({"id":"mars@1","type":"t","data":{"identifier":{}}} x)",                     // trailing
      R"({"id":"mars@1","type":"t","data":{"identifier":{}},})",                      // comma
      R"({"id":"mars@1","type":"t","data":{"identifier":{}},"p":01})",                // number
      R"({"id":"mars@1","type":"t","data":{"identifier":{}},"p":-})",
      R"({"id":"mars@1","type":"t","data":{"identifier":{}},"p":1.})",
      R"({"id":"mars@1","type":"t","data":{"identifier":{}},"p":tru})",
      std::string(R"({"id":"mars@1","type":"t","data":{"identifier":{}},"p":)") +
          std::string(70, '[') + std::string(70, ']') + "}",  // deeper than the pass goes
      std::string(R"({"id":"mars@1","type":"t","data":{"identifier":{}},"p":)") +
          std::string(400, '9') + "}",  // more digits than the pass takes
      std::string(R"({"id":"mars@1","type":"t","data":{"identifier":{}}})") +
          std::string(1, '\0'),  // a NUL after the value
  };
  for (const std::string& data : unusual) {
    EXPECT_FALSE(scan_common_notification(data)) << data;
  }
}

// Seeded random edits of real CloudEvents: single bytes replaced, inserted or deleted, and cuts.
// Most break the text or leave the common shape; every one the pass still accepts must agree
// with the walk. The counts show both sides were exercised.
TEST(NotificationMembers, ThePassAgreesWithTheWalkOnEditedCloudEvents) {
  const std::vector<std::string> seeds = {
      kCloudEvent,
      R"({"id":"mars@1","type":"t","data":{"identifier":{"a":"b"},"payload":[1,-2.5,{"c":null}]}})",
      R"( { "data" : { "payload" : { "x" : [ true , false ] } , "identifier" : { "k" : "v" } } , )"
      R"("type" : "t" , "id" : "mars@9" } )",
  };
  std::string alphabet = "\"\\{}[],: \t\n0123456789-.eEtrufalsn\x01\x7F\xC3\x80";
  alphabet.push_back('\0');
  std::mt19937 random(20261126);
  std::size_t accepted = 0;
  std::size_t edits = 0;
  for (const std::string& seed : seeds) {
    for (int round = 0; round < 4000; ++round) {
      const std::string data = aviso::test::randomly_edited(seed, alphabet, random);
      ++edits;
      if (scan_common_notification(data)) ++accepted;
      expect_pass_agrees_with_walk(data);
      if (testing::Test::HasFailure()) return;
    }
  }
  EXPECT_GT(accepted, edits / 50) << "the edits hardly ever kept the common shape";
  EXPECT_LT(accepted, edits / 2) << "the edits hardly ever broke the common shape";
}

}  // namespace
