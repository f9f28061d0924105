// The learnt shape of a stream's CloudEvents (NotificationTemplate) against the tight pass it
// stands in for: whatever a template matches, the pass must accept, locating the same members
// and recording the same fields; an event shaped like the learnt one must match, so that the
// comparison of bytes is what a stream of similar notifications actually pays.
#include "watch/notification_template.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "aviso/error.hpp"
#include "support/random_edits.hpp"
#include "support/server_cloudevent.hpp"
#include "watch/frame.hpp"

namespace {

using aviso::watch::frames::FieldRecording;
using aviso::watch::frames::NotificationMembers;
using aviso::watch::frames::NotificationTemplate;
using aviso::watch::frames::scan_common_notification;

const std::string& kCloudEvent = aviso::test::kServerCloudEvent;

// Shapes the pass accepts: the server's, with spacing, payloads of other kinds, a request id.
// (Long events are written as adjacent literals, which is no missing comma.)
// NOLINTBEGIN(bugprone-suspicious-missing-comma)
const std::vector<std::string> kShapes = {
    kCloudEvent,
    " {\n\t\"id\" : \"mars@1\" ,\r\n \"type\":\"t\", \"data\" : { \"identifier\" : { } ,"
    " \"payload\" : [ 1 , -0.5 , true , \"s\" , { \"a\" : [ \"b\" ] } ] } } \n",
    R"({"id":"mars@1","type":"t","data":{"payload":"a string","identifier":{"a":""}}})",
    R"({"id":"mars@1","type":"t","data":{"identifier":{"k":"v"},"payload":{"n":12,"s":"x"}},)"
    R"("request_id":"r","extra":{"deep":["x",{"y":"z"}]}})",
    R"({"type":"t","id":"mars@7","data":{"identifier":{"b":"1","a":"2","b":"3"},"payload":null}})",
};
// NOLINTEND(bugprone-suspicious-missing-comma)

// The shape `text` teaches, as a stream decoder would learn it.
NotificationTemplate learnt_from(const std::string& text) {
  NotificationTemplate shape;
  FieldRecording recording;
  const std::optional<NotificationMembers> members = scan_common_notification(text, &recording);
  EXPECT_TRUE(members) << "not a shape the pass accepts: " << text;
  if (members) shape.learn(text, *members, recording);
  return shape;
}

void expect_same_recording(const FieldRecording& a, const FieldRecording& b,
                           const std::string& data) {
  const auto same = [](const auto& x, const auto& y) {
    if (x.has_value() != y.has_value()) return false;
    return !x || std::equal(x->begin(), x->end(), y->begin(), y->end());
  };
  EXPECT_TRUE(same(a.fields().identifier, b.fields().identifier)) << data;
  EXPECT_TRUE(same(a.fields().payload, b.fields().payload)) << data;
}

// The property: a match is what the pass gives. True when the template matched.
bool expect_match_agrees_with_pass(NotificationTemplate& shape, const std::string& data) {
  FieldRecording by_template;
  const std::optional<NotificationMembers> matched = shape.match(data, &by_template);
  if (!matched) return false;
  FieldRecording by_pass;
  const std::optional<NotificationMembers> scanned = scan_common_notification(data, &by_pass);
  EXPECT_TRUE(scanned) << "the template matched what the pass refuses: " << data;
  if (!scanned) return true;
  EXPECT_TRUE(*matched == *scanned) << "different members for: " << data;
  expect_same_recording(by_template, by_pass, data);
  return true;
}

// The contents of every value string of `text` replaced by `replace(old contents)`.
template <class Replace>
std::string with_values_replaced(const std::string& text, Replace replace) {
  std::string out;
  std::size_t pos = 0;
  for (;;) {
    const std::size_t open = text.find('"', pos);
    if (open == std::string::npos) break;
    const std::size_t close = text.find('"', open + 1);
    std::size_t after = close + 1;
    while (after < text.size() && std::isspace(static_cast<unsigned char>(text[after]))) ++after;
    const bool is_key = after < text.size() && text[after] == ':';
    out.append(text, pos, open + 1 - pos);
    const std::string contents = text.substr(open + 1, close - open - 1);
    out += is_key ? contents : replace(contents);
    out += '"';
    pos = close + 1;
  }
  return out + text.substr(pos);
}

std::string random_plain(std::mt19937& random) {
  std::string value(random() % 40, ' ');
  for (char& c : value) c = static_cast<char>(' ' + random() % 95);
  for (char& c : value) {
    if (c == '"' || c == '\\') c = 'q';
  }
  return value;
}

// Other values in the same places: every one must match, and agree with the pass.
TEST(NotificationTemplate, EventsThatDifferOnlyInTheirStringValuesMatch) {
  std::mt19937 random(20261127);
  for (const std::string& shape_text : kShapes) {
    NotificationTemplate shape = learnt_from(shape_text);
    ASSERT_FALSE(shape.empty()) << shape_text;
    EXPECT_TRUE(expect_match_agrees_with_pass(shape, shape_text)) << shape_text;
    for (int round = 0; round < 300; ++round) {
      const std::string data = with_values_replaced(
          shape_text, [&](const std::string&) { return random_plain(random); });
      EXPECT_TRUE(expect_match_agrees_with_pass(shape, data)) << "no match for " << data;
      if (testing::Test::HasFailure()) return;
    }
  }
}

// A CloudEvent with another structure is left to the pass, whatever it is.
TEST(NotificationTemplate, EventsShapedOtherwiseAreLeftToThePass) {
  NotificationTemplate shape = learnt_from(kShapes[3]);
  // NOLINTBEGIN(bugprone-suspicious-missing-comma): adjacent literals make one long event
  const std::vector<std::string> others = {
      R"({"type":"t","id":"mars@1","data":{"identifier":{"k":"v"},"payload":{"n":12,"s":"x"}},)"
      R"("request_id":"r","extra":{"deep":["x",{"y":"z"}]}})",  // another order
      R"({"id":"mars@1","type":"t","data":{"identifier":{"k":"v"},"payload":{"n":13,"s":"x"}},)"
      R"("request_id":"r","extra":{"deep":["x",{"y":"z"}]}})",  // another number
      R"({"id":"mars@1","type":"t","data":{"identifier":{"k":"v"},"payload":{"n":12,"s":"x"}},)"
      R"("request_id":"r","extra":{"deep":["x",{"y":"z"}]}} )",  // a trailing space
      R"({"id":"mars@1","type":"t","data":{"identifier":{"k":"v\"w"},"payload":{"n":12,"s":"x"}},)"
      R"("request_id":"r","extra":{"deep":["x",{"y":"z"}]}})",  // an escape
      "{\"id\":\"mars@1\",\"type\":\"t\",\"data\":{\"identifier\":{\"k\":\"caf\xC3\xA9\"},"
      "\"payload\":{\"n\":12,\"s\":\"x\"}},\"request_id\":\"r\",\"extra\":{\"deep\":[\"x\","
      "{\"y\":\"z\"}]}}",  // a byte of UTF-8
      R"({"id":"mars@1","type":"t","data":{"identifier":{"k":"v"},"payload":{"n":12,"s":7}},)"
      R"("request_id":"r","extra":{"deep":["x",{"y":"z"}]}})",  // a string became a number
      R"({"id":"mars@1","type":"t","data":{"identifier":{"k":"v"},"payload":{"n":12,"s":"x"}},)"
      R"("request_id":"r"})",  // a member fewer
      R"({"id":"mars@1","type":"t","data":{"identifier":{"k":"v"},"payload":{"n":12,"s":"x"}},)"
      R"("request_id":"r","extra":{"deep":["x",{"y":"z"}]})",  // cut short
      "",
  };
  // NOLINTEND(bugprone-suspicious-missing-comma)
  for (const std::string& data : others) {
    FieldRecording recording;
    EXPECT_FALSE(shape.match(data, &recording)) << data;
  }
  EXPECT_FALSE(NotificationTemplate().match(kCloudEvent, nullptr)) << "nothing learnt yet";
}

// Seeded random edits of the learnt texts: most break the shape, and every one that still
// matches must be one the pass accepts with the same members.
TEST(NotificationTemplate, EditedEventsMatchOnlyWhenThePassAgrees) {
  std::string alphabet = "\"\\{}[],: \t\n0123456789-.eEtrufalsnxyz\x01\x7F\xC3\x80";
  alphabet.push_back('\0');
  std::mt19937 random(20261127);
  std::size_t matched = 0;
  std::size_t edits = 0;
  for (const std::string& shape_text : kShapes) {
    NotificationTemplate shape = learnt_from(shape_text);
    for (int round = 0; round < 3000; ++round) {
      const std::string data = aviso::test::randomly_edited(shape_text, alphabet, random);
      ++edits;
      if (expect_match_agrees_with_pass(shape, data)) ++matched;
      if (testing::Test::HasFailure()) return;
    }
  }
  EXPECT_GT(matched, edits / 50) << "the edits hardly ever kept the shape";
  EXPECT_LT(matched, edits / 2) << "the edits hardly ever broke the shape";
}

// A text with more value strings than a template holds teaches nothing: the pass decides.
TEST(NotificationTemplate, ATextWithTooManyValueStringsTeachesNothing) {
  std::string payload = "[";
  for (std::size_t i = 0; i < NotificationTemplate::kMaxValueStrings; ++i) {
    payload += (i > 0 ? ",\"v" : "\"v") + std::to_string(i) + "\"";
  }
  payload += "]";
  const std::string text =
      R"({"id":"mars@1","type":"t","data":{"identifier":{},"payload":)" + payload + "}}";
  EXPECT_TRUE(learnt_from(text).empty());
}

// Misses raise a score that matches lower: a stream whose events keep changing shape learns only
// one of them in kLearnEvery, and one that settles again learns at once.
TEST(NotificationTemplate, AShapeThatKeepsMissingIsLearntOnlyNowAndThen) {
  NotificationTemplate shape;
  std::size_t learnt = 0;
  for (std::uint32_t miss = 0; miss < 4 * NotificationTemplate::kLearnEvery; ++miss) {
    if (shape.wants_to_learn()) ++learnt;
  }
  EXPECT_EQ(learnt, NotificationTemplate::kEagerLearns + 4);  // and misses 64, 128, 192, 256
  shape = learnt_from(kCloudEvent);
  for (std::uint32_t match = 0; match < 2 * NotificationTemplate::kEagerLearns; ++match) {
    ASSERT_TRUE(shape.match(kCloudEvent, nullptr));
  }
  EXPECT_TRUE(shape.wants_to_learn()) << "matches did not bring eager learning back";
}

// Through decode_frame: a stream's frames are the same with a learnt shape as without, including
// the opening event, other shapes in between and the decode errors.
TEST(NotificationTemplate, AStreamDecodesTheSameFramesWithAShapeAsWithout) {
  std::vector<std::string> stream = {R"({"type":"connection_established","request_id":"r"})"};
  std::mt19937 random(7);
  for (int i = 1; i <= 300; ++i) {
    std::string event = with_values_replaced(kCloudEvent, [&](const std::string& old) {
      if (old.rfind("mars@", 0) == 0) return "mars@" + std::to_string(i);
      return old.size() < 6 ? random_plain(random) : old;
    });
    if (i % 10 == 0) event = kShapes[3];  // another shape
    if (i > 20 && i % 2 == 0) {           // shapes taking turns, one with a number that changes
      event = kShapes[3];
      event.replace(event.find("\"n\":12"), 6, "\"n\":" + std::to_string(i));
    }
    if (const std::size_t at = event.find("/json"); i % 13 == 0 && at != std::string::npos) {
      event.replace(at, 5, "\\/json");  // an escape
    }
    if (i % 17 == 0) event.replace(event.find("mars@"), 5, "mars#");  // a malformed id
    stream.push_back(event);
  }
  NotificationTemplate shape;
  for (const std::string& data : stream) {
    aviso::sse::SseEvent event;
    event.event = "replay";
    event.data = data;
    std::optional<aviso::watch::frames::Frame> without;
    std::string error_without;
    try {
      without = aviso::watch::frames::decode_frame(event);
    } catch (const aviso::Error& error) {
      error_without = error.what();
    }
    try {
      const aviso::watch::frames::Frame with = aviso::watch::frames::decode_frame(event, &shape);
      ASSERT_TRUE(without) << "decoded what the plain decode refuses (" << error_without
                           << "): " << data;
      EXPECT_TRUE(with == *without) << data;
    } catch (const aviso::Error& error) {
      EXPECT_EQ(error.what(), error_without) << data;
    }
  }
  EXPECT_FALSE(shape.empty());
}

}  // namespace
