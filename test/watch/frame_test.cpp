#include "watch/frame.hpp"

#include <gtest/gtest.h>

#include "aviso/error.hpp"

namespace {

using namespace aviso::watch::frames;

Frame decode(std::string event, std::string data) {
  aviso::sse::SseEvent e;
  e.event = std::move(event);
  e.data = std::move(data);
  return decode_frame(e);
}

aviso::Error decode_error(std::string event, std::string data) {
  try {
    decode(std::move(event), std::move(data));
  } catch (const aviso::Error& error) {
    return error;
  }
  ADD_FAILURE() << "decoded";
  return aviso::Error::internal("decoded");
}

const char* kCloudEvent =
    R"({"data":{"identifier":{"class":"od","step":"6"},"payload":{"path":"/a.grib"}},)"
    R"("datacontenttype":"application/json","id":"mars@42","source":"http://localhost",)"
    R"("specversion":"1.0","time":"2026-06-10T09:00:05.123Z","type":"int.ecmwf.aviso.mars"})";

TEST(Frame, ConnectionEstablishedOnLiveNotificationAndReplay) {
  const char* data =
      R"({"connection_will_close_in_seconds":3600,"request_id":"r-1","timestamp":"t",)"
      R"("topic":"mars.*","type":"connection_established"})";
  EXPECT_EQ(decode("live-notification", data), Frame(ConnectionEstablished{"r-1"}));
  EXPECT_EQ(decode("replay", data), Frame(ConnectionEstablished{"r-1"}));
}

TEST(Frame, CloudEventBecomesANotificationKeepingTheEnvelope) {
  for (const char* name : {"live-notification", "replay"}) {
    const Frame frame = decode(name, kCloudEvent);
    const auto& n = std::get<NotificationFrame>(frame).notification;
    EXPECT_EQ(n.event_type(), "mars");
    EXPECT_EQ(n.sequence(), 42u);
    EXPECT_EQ(n.identifier(), (nlohmann::json{{"class", "od"}, {"step", "6"}}));
    EXPECT_EQ(n.payload(), (nlohmann::json{{"path", "/a.grib"}}));
    ASSERT_TRUE(n.cloudevent());
    EXPECT_EQ(n.cloudevent()->at("type"), "int.ecmwf.aviso.mars");
    ASSERT_TRUE(n.cloudevent_text());
    EXPECT_EQ(*n.cloudevent_text(), kCloudEvent);  // byte for byte, for the post trigger
  }
}

TEST(Frame, ARepeatedIdentifierFieldIsJudgedByItsLastValue) {
  const Frame frame =
      decode("replay", R"({"id":"mars@1","data":{"identifier":{"step":6,"step":"6"}}})");
  EXPECT_EQ(std::get<NotificationFrame>(frame).notification.identifier(),
            (nlohmann::json{{"step", "6"}}));
  const auto error = decode_error(
      "replay", R"({"id":"mars@1","data":{"identifier":{"z":1,"b":"x","b":[],"a":"y"}}})");
  EXPECT_NE(std::string(error.what()).find("identifier field \"b\" is not a string"),
            std::string::npos)
      << error.what();  // the first bad field in key order
}

TEST(Frame, RepeatedMembersKeepTheirLastValue) {
  const Frame frame = decode(
      "replay",
      R"({"id":"mars@1","id":"mars@2","data":{"identifier":{"a":"1"},"payload":1,"payload":2}})");
  const auto& n = std::get<NotificationFrame>(frame).notification;
  EXPECT_EQ(n.sequence(), 2u);
  EXPECT_EQ(n.payload(), 2);
  EXPECT_EQ(n.identifier(), (nlohmann::json{{"a", "1"}}));
}

TEST(Frame, EscapedIdAndTypeMeanWhatTheyDecodeTo) {
  const Frame frame = decode("replay", R"({"id":"mars\u00407","data":{"identifier":{"a":"1"}}})");
  EXPECT_EQ(std::get<NotificationFrame>(frame).notification.id(), "mars@7");
  EXPECT_EQ(decode("live-notification",
                   R"({"type":"connection\u005festablished","request_id":"r\u002d1"})"),
            Frame(ConnectionEstablished{"r-1"}));
  EXPECT_EQ(decode("live-notification", R"({"type":"connection_established","request_id":7})"),
            Frame(ConnectionEstablished{std::nullopt}));
}

TEST(Frame, MissingPayloadIsNull) {
  const Frame frame = decode("replay", R"({"id":"mars@1","data":{"identifier":{}}})");
  EXPECT_TRUE(std::get<NotificationFrame>(frame).notification.payload().is_null());
}

TEST(Frame, MalformedIdIsAMalformedEvent) {
  const auto error = decode_error("replay", R"({"id":"mars","data":{"identifier":{}}})");
  EXPECT_EQ(error.kind(), AvisoErrorKind_MalformedEvent);
}

TEST(Frame, BadShapesAreDecodeErrorsNamingWhatWasWrong) {
  struct Case {
    const char* event;
    const char* data;
    const char* expected;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"replay", "{not json", "'replay' event data is not valid JSON"},
           {"replay", "[1]", "must be a JSON object, not array"},
           {"replay", R"({"data":{"identifier":{}}})", "has no string \"id\""},
           {"replay", R"({"id":"mars@1","data":5})", "has no object \"data\""},
           {"live-notification", R"({"id":"mars@1","data":{}})",
            "has no object \"data.identifier\""},
           {"replay", R"({"id":"mars@1","data":{"identifier":{"step":6}}})",
            "identifier field \"step\" is not a string"},
           // Members the decoder does not build are still checked as JSON.
           {"replay", R"({"id":"mars@1","time":1e400,"data":{"identifier":{}}})",
            "'replay' event data is not valid JSON"},
           {"replay", R"({"id":"mars@1","data":{"identifier":{}},"source":"a\x")",
            "'replay' event data is not valid JSON"},
           // A repeated "data" counts once, the last one, as a repeated key does anywhere.
           {"replay", R"({"id":"mars@1","data":{"identifier":{}},"data":{"payload":1}})",
            "has no object \"data.identifier\""},
           {"replay", R"({"id":"mars@1","data":{"identifier":{}},"data":[]})",
            "has no object \"data\""},
           {"connection-closing", R"({"message":"x"})", "has no string \"reason\""},
           {"replay-control", "", "'replay-control' event data is not valid JSON"},
       }) {
    const auto error = decode_error(c.event, c.data);
    EXPECT_EQ(error.kind(), AvisoErrorKind_Decode) << c.data;
    EXPECT_NE(std::string(error.what()).find(c.expected), std::string::npos)
        << error.what() << " / expected " << c.expected;
  }
}

TEST(Frame, ReplayControlTypes) {
  EXPECT_EQ(
      decode("replay-control",
             R"({"type":"replay_started","from_sequence":5,"end_sequence":9,"request_id":"q"})"),
      Frame(ReplayStarted{5, 9, "q"}));
  EXPECT_EQ(
      decode("replay-control", R"({"type":"replay_started","from_sequence":null,"from_date":"d"})"),
      Frame(ReplayStarted{}));
  EXPECT_EQ(decode("replay-control", R"({"type":"replay_completed","topic":"t"})"),
            Frame(ReplayCompleted{}));
  EXPECT_EQ(
      decode("replay-control", R"({"type":"notification_replay_limit_reached","max_allowed":100})"),
      Frame(ReplayLimitReached{100}));
  EXPECT_EQ(decode("replay-control", R"({"type":"notification_replay_limit_reached"})"),
            Frame(ReplayLimitReached{}));
  EXPECT_EQ(decode("replay-control", R"({"type":"replay_paused"})"),
            Frame(Unknown{"replay-control", "replay_paused"}));
}

// Vector 42
TEST(Frame, NonIntegerEndSequenceIsAStreamProtocolError) {
  for (const char* end : {R"("two")", "-1", "1.5", R"("3")"}) {
    const auto error = decode_error(
        "replay-control", std::string(R"({"type":"replay_started","end_sequence":)") + end + "}");
    EXPECT_EQ(error.kind(), AvisoErrorKind_StreamProtocol) << end;
    EXPECT_NE(std::string(error.what()).find("invalid end_sequence"), std::string::npos);
  }
}

TEST(Frame, HeartbeatDataIsNotInspected) {
  EXPECT_EQ(decode("heartbeat", "anything"), Frame(Heartbeat{}));
}

TEST(Frame, ErrorEventMessageFallsBackToErrorThenADefault) {
  EXPECT_EQ(
      decode("error",
             R"({"error":"stream_processing_failed","message":"batch failed","request_id":"r"})"),
      Frame(ErrorFrame{"batch failed", "r"}));
  EXPECT_EQ(decode("error", R"({"error":"CloudEvent creation failed"})"),
            Frame(ErrorFrame{"CloudEvent creation failed", std::nullopt}));
  EXPECT_EQ(decode("error", "{}"), Frame(ErrorFrame{"server error event", std::nullopt}));
  EXPECT_EQ(decode("error", "plain text"), Frame(ErrorFrame{"plain text", std::nullopt}));
}

TEST(Frame, ConnectionClosingAndUnknownNames) {
  EXPECT_EQ(decode("connection-closing", R"({"reason":"max_duration_reached","request_id":"r"})"),
            Frame(ConnectionClosing{"max_duration_reached", "r"}));
  EXPECT_EQ(decode("progress", "{}"), Frame(Unknown{"progress", ""}));
  EXPECT_EQ(decode("message", "{}"), Frame(Unknown{"message", ""}));
}

}  // namespace
