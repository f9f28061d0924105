#include "sse/sse_parser.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using aviso::sse::SseEvent;
using aviso::sse::SseLimits;
using aviso::sse::SseParser;

std::vector<SseEvent> drain(SseParser& parser) {
  std::vector<SseEvent> events;
  while (auto event = parser.next_event()) {
    events.push_back(std::move(*event));
  }
  return events;
}

std::vector<SseEvent> parse_chunks(const std::vector<std::string_view>& chunks,
                                   SseLimits limits = {}) {
  SseParser parser(limits);
  for (const auto chunk : chunks) {
    parser.feed(chunk);
  }
  EXPECT_FALSE(parser.failed()) << parser.failure()->what();
  return drain(parser);
}

std::vector<SseEvent> parse(std::string_view stream) { return parse_chunks({stream}); }

SseEvent event(std::string name, std::string data) {
  SseEvent e;
  e.event = std::move(name);
  e.data = std::move(data);
  return e;
}

TEST(SseParser, ParsesTheServerFraming) {
  const auto events = parse(
      "event: live-notification\ndata: {\"type\":\"connection_established\"}\n\n"
      "event: heartbeat\ndata: {\"timestamp\":\"2026-02-25T18:58:23Z\"}\n\n");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0], event("live-notification", R"({"type":"connection_established"})"));
  EXPECT_EQ(events[1], event("heartbeat", R"({"timestamp":"2026-02-25T18:58:23Z"})"));
}

TEST(SseParser, AcceptsLfCrlfAndCrLineEnds) {
  const std::vector<SseEvent> expected = {event("a", "1"), event("b", "2")};
  EXPECT_EQ(parse("event: a\ndata: 1\n\nevent: b\ndata: 2\n\n"), expected);
  EXPECT_EQ(parse("event: a\r\ndata: 1\r\n\r\nevent: b\r\ndata: 2\r\n\r\n"), expected);
  EXPECT_EQ(parse("event: a\rdata: 1\r\revent: b\rdata: 2\r\r"), expected);
  EXPECT_EQ(parse("event: a\r\ndata: 1\n\revent: b\rdata: 2\r\n\n"), expected);
}

TEST(SseParser, CrEndingOneChunkAndLfStartingTheNextAreOneLineEnd) {
  // Counted as two line ends, the CR LF pair would end the block after "a" and emit it alone.
  const auto events = parse_chunks({"data: a\r", "\ndata: b\r", "\n\r", "\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "a\nb");
}

TEST(SseParser, LfAfterACrLineEndFromAnEarlierChunkIsNotSwallowedTwice) {
  // "\r" then "x\n": the skipped-LF rule only applies to the very next byte.
  const auto events = parse_chunks({"data: a\r", "data: b\n", "\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "a\nb");
}

TEST(SseParser, JoinsMultiLineDataWithLf) {
  const auto events = parse("data: first\ndata: second\ndata:\ndata: fourth\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "first\nsecond\n\nfourth");
}

TEST(SseParser, IgnoresComments) {
  const auto events = parse(": keep-alive\nevent: a\n:another comment\ndata: x\n\n:\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0], event("a", "x"));
}

TEST(SseParser, StripsOnlyALeadingUtf8Bom) {
  EXPECT_EQ(parse("\xEF\xBB\xBF"
                  "data: x\n\n"),
            std::vector<SseEvent>{event("message", "x")});
  // Inside the stream the same bytes are content.
  EXPECT_EQ(parse("data: \xEF\xBB\xBFx\n\n"),
            std::vector<SseEvent>{event("message", "\xEF\xBB\xBFx")});
  // A second BOM at the start is not stripped: it makes the field name unknown.
  EXPECT_TRUE(parse("\xEF\xBB\xBF\xEF\xBB\xBF"
                    "data: x\n\n")
                  .empty());
}

TEST(SseParser, StripsABomSplitAcrossChunks) {
  EXPECT_EQ(parse_chunks({"\xEF", "\xBB",
                          "\xBF"
                          "data: x\n\n"}),
            std::vector<SseEvent>{event("message", "x")});
}

TEST(SseParser, KeepsBytesThatOnlyLookedLikeTheStartOfABom) {
  // "\xEF\xBB" followed by something other than "\xBF" is ordinary content of the first line.
  const auto events = parse_chunks({"\xEF\xBB", ": comment\ndata: y\n\n"});
  // The first line is the unknown field "\xEF\xBB" with value "comment": ignored.
  EXPECT_EQ(events, std::vector<SseEvent>{event("message", "y")});
}

TEST(SseParser, FieldWithoutColonHasAnEmptyValue) {
  EXPECT_EQ(parse("data\n\n"), std::vector<SseEvent>{event("message", "")});
  EXPECT_EQ(parse("event: a\nevent\ndata: x\n\n"), std::vector<SseEvent>{event("message", "x")});
}

TEST(SseParser, RemovesExactlyOneSpaceAfterTheColon) {
  EXPECT_EQ(parse("data:x\n\n")[0].data, "x");
  EXPECT_EQ(parse("data: x\n\n")[0].data, "x");
  EXPECT_EQ(parse("data:  x \n\n")[0].data, " x ");
  EXPECT_EQ(parse("data:\tx\n\n")[0].data, "\tx");
  EXPECT_EQ(parse("event:  a\ndata: x\n\n")[0].event, " a");
}

TEST(SseParser, ValueMayContainColons) {
  EXPECT_EQ(parse("data: {\"a\":\"b:c\"}\n\n")[0].data, "{\"a\":\"b:c\"}");
}

TEST(SseParser, DefaultEventNameIsMessageAndResetsAfterEachBlock) {
  const auto events = parse("event: a\ndata: 1\n\ndata: 2\n\n");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].event, "a");
  EXPECT_EQ(events[1].event, "message");
}

TEST(SseParser, BlockWithoutDataDispatchesNothingButEndsTheBlock) {
  const auto events = parse("event: a\n\ndata: x\n\n\n\n");
  EXPECT_EQ(events, std::vector<SseEvent>{event("message", "x")});
}

TEST(SseParser, IgnoresUnknownFieldsAndFieldNamesAreCaseSensitive) {
  EXPECT_EQ(parse("foo: bar\nData: no\nEVENT: no\ndata: x\n\n"),
            std::vector<SseEvent>{event("message", "x")});
}

TEST(SseParser, IdPersistsAcrossEventsAndRetryNeedsDigits) {
  using namespace std::string_literals;
  const auto events = parse(
      "id: 7\nretry: 1500\ndata: a\n\n"
      "retry: 15x\ndata: b\n\n"
      "id: with\0nul\ndata: c\n\n"
      "id\ndata: d\n\n"s);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].id, "7");
  EXPECT_EQ(events[0].retry, 1500u);
  EXPECT_EQ(events[1].id, "7");                             // ids persist
  EXPECT_EQ(events[1].retry, std::nullopt);                 // "15x" is not a retry value
  EXPECT_EQ(events[2].id, "7");                             // an id holding NUL is ignored
  EXPECT_EQ(events[3].id, std::optional<std::string>(""));  // an empty id resets it
}

TEST(SseParser, IncompleteFinalEventIsNotDispatched) {
  SseParser parser;
  parser.feed("data: complete\n\ndata: incomplete\n");
  const auto events = drain(parser);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "complete");
}

TEST(SseParser, EventsAreAvailableAsSoonAsTheirBlankLineArrives) {
  SseParser parser;
  parser.feed("data: a\n");
  EXPECT_FALSE(parser.has_event());
  parser.feed("\n");
  EXPECT_TRUE(parser.has_event());
  EXPECT_EQ(parser.next_event()->data, "a");
  EXPECT_FALSE(parser.next_event().has_value());
}

TEST(SseParser, LineOfExactlyTheBoundIsAccepted) {
  SseLimits limits;
  limits.max_line_bytes = 16;
  const std::string line = "data: " + std::string(10, 'x');  // 16 bytes
  EXPECT_EQ(parse_chunks({line + "\n\n"}, limits).at(0).data, std::string(10, 'x'));
  EXPECT_EQ(parse_chunks({line.substr(0, 5), line.substr(5), "\n\n"}, limits).at(0).data,
            std::string(10, 'x'));
}

TEST(SseParser, OverlongLineFailsAndKeepsEarlierEvents) {
  SseLimits limits;
  limits.max_line_bytes = 16;
  SseParser parser(limits);
  parser.feed("data: ok\n\ndata: " + std::string(11, 'x') + "\n\ndata: after\n\n");
  ASSERT_TRUE(parser.failed());
  EXPECT_EQ(parser.failure()->kind(), AvisoErrorKind_StreamProtocol);
  const std::string message = parser.failure()->what();
  EXPECT_NE(message.find("SSE line longer than 16 bytes"), std::string::npos) << message;
  EXPECT_NE(message.find("starts at byte 10"), std::string::npos) << message;
  const auto events = drain(parser);
  EXPECT_EQ(events, std::vector<SseEvent>{event("message", "ok")});
  // Once failed, input is ignored.
  parser.feed("data: more\n\n");
  EXPECT_FALSE(parser.has_event());
}

TEST(SseParser, UnterminatedLineFailsAsSoonAsItPassesTheBoundAcrossChunks) {
  SseLimits limits;
  limits.max_line_bytes = 1024;
  SseParser parser(limits);
  const std::string chunk(100, 'y');
  int fed = 0;
  while (!parser.failed() && fed < 1000) {
    parser.feed(chunk);  // never a line end: would grow forever without the bound
    ++fed;
  }
  EXPECT_TRUE(parser.failed());
  EXPECT_EQ(fed, 11);  // 1000 bytes fit, the 11th chunk crosses 1024
}

TEST(SseParser, DefaultLineBoundIsOneMebibyte) {
  SseParser parser;
  EXPECT_EQ(parser.limits().max_line_bytes, 1048576u);
  const std::string payload(1048576 - 6, 'p');
  parser.feed("data: " + payload + "\n\n");
  ASSERT_FALSE(parser.failed());
  EXPECT_EQ(parser.next_event()->data.size(), payload.size());
  parser.feed("data: " + payload + "p\n\n");
  EXPECT_TRUE(parser.failed());
}

TEST(SseParser, EventDataIsBoundedAcrossManyShortLines) {
  SseLimits limits;
  limits.max_event_data_bytes = 10;
  SseParser parser(limits);
  parser.feed("data: 12345\ndata: 6789\n\n");  // 5 + 1 + 4 = 10: accepted
  ASSERT_FALSE(parser.failed());
  EXPECT_EQ(parser.next_event()->data, "12345\n6789");
  parser.feed("data: 12345\ndata: 67890\n\n");  // 11: rejected
  ASSERT_TRUE(parser.failed());
  EXPECT_NE(std::string(parser.failure()->what()).find("SSE event data larger than 10 bytes"),
            std::string::npos);
  EXPECT_FALSE(parser.has_event());
}

// A stream using every rule at once; any way of cutting it into chunks gives the same events.
const std::string kMixedStream =
    "\xEF\xBB\xBF"
    ": comment\r\n"
    "event: live-notification\r\n"
    "data: {\"type\":\"connection_established\"}\r\n"
    "\r\n"
    "event:heartbeat\r"
    "data\r"
    "\r"
    "id: 5\n"
    "retry: 3000\n"
    "event: replay\n"
    "data: line one\n"
    "data:  line two\r\n"
    "unknown: field\n"
    "\n"
    "event: empty\n"
    "\n"
    "data: last\r\n"
    "\r\n";

TEST(SseParser, MixedStreamVector) {
  SseEvent replay = event("replay", "line one\n line two");
  replay.id = "5";
  replay.retry = 3000;
  SseEvent last = event("message", "last");
  last.id = "5";
  const std::vector<SseEvent> expected = {
      event("live-notification", R"({"type":"connection_established"})"), event("heartbeat", ""),
      replay, last};
  EXPECT_EQ(parse(kMixedStream), expected);
}

TEST(SseParser, EverySplitIntoTwoOrThreeChunksGivesTheSameEvents) {
  const auto expected = parse(kMixedStream);
  const std::string_view stream = kMixedStream;
  for (std::size_t i = 0; i <= stream.size(); ++i) {
    for (std::size_t j = i; j <= stream.size(); ++j) {
      const auto events =
          parse_chunks({stream.substr(0, i), stream.substr(i, j - i), stream.substr(j)});
      ASSERT_EQ(events, expected) << "split at " << i << " and " << j;
    }
  }
}

TEST(SseParser, ByteByByteGivesTheSameEvents) {
  std::vector<std::string_view> bytes;
  const std::string_view stream = kMixedStream;
  for (std::size_t i = 0; i < stream.size(); ++i) {
    bytes.push_back(stream.substr(i, 1));
  }
  EXPECT_EQ(parse_chunks(bytes), parse(kMixedStream));
}

TEST(SseParser, CountsConsumedBytes) {
  SseParser parser;
  parser.feed(kMixedStream);
  EXPECT_EQ(parser.bytes_consumed(), kMixedStream.size());
}

// A handed-back event's data storage serves a later event: the later event holds only its own
// data (whatever was longer before, and across multi-line joins), and the storage is the same.
TEST(SseParser, HandedBackStorageServesLaterEventsWithOnlyTheirOwnData) {
  SseParser parser;
  const std::string long_data(200, 'a');
  parser.feed("data: " + long_data + "\n\n");
  std::optional<SseEvent> first = parser.next_event();
  ASSERT_TRUE(first);
  ASSERT_EQ(first->data, long_data);
  const char* const storage = first->data.data();
  parser.recycle(std::move(*first));

  parser.feed("event: replay\ndata: b\ndata: c\n\ndata: d\n\n");
  std::optional<SseEvent> second = parser.next_event();
  ASSERT_TRUE(second);
  EXPECT_EQ(*second, event("replay", "b\nc"));
  EXPECT_EQ(second->data.data(), storage);  // reused, not allocated again
  std::optional<SseEvent> third = parser.next_event();
  ASSERT_TRUE(third);
  EXPECT_EQ(*third, event("message", "d"));
  EXPECT_NE(third->data.data(), storage);
}

// Storage is kept up to a bound, so a watch idle after a burst of large events does not hold
// their memory; events handed back beyond it are simply freed.
TEST(SseParser, KeepsHandedBackStorageOnlyUpToABound) {
  SseParser parser;
  const std::string large(100 * 1024, 'x');
  parser.feed("data: " + large + "\n\ndata: " + large + "\n\n");
  std::vector<SseEvent> events = drain(parser);
  ASSERT_EQ(events.size(), 2U);
  const char* const kept = events[0].data.data();
  for (SseEvent& handed_back : events) parser.recycle(std::move(handed_back));
  parser.feed("data: 1\n\ndata: 2\n\n");
  std::optional<SseEvent> first = parser.next_event();
  std::optional<SseEvent> second = parser.next_event();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->data, "1");
  EXPECT_EQ(second->data, "2");
  EXPECT_EQ(first->data.data(), kept);               // the first fit under the bound
  EXPECT_LT(second->data.capacity(), large.size());  // the second was not kept
}

}  // namespace
