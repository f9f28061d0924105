#include "core/json_reader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "support/random_edits.hpp"
#include "support/recorded_members.hpp"

namespace {

using aviso::JsonSyntaxError;
using aviso::read_json;
using nlohmann::json;
using testing::HasSubstr;

std::string error_of(const std::string& text) {
  try {
    read_json(text);
  } catch (const JsonSyntaxError& error) {
    return error.what();
  }
  return "accepted";
}

// Every document here must read to exactly what nlohmann::json::parse builds, kinds included.
TEST(JsonReader, BuildsWhatNlohmannBuilds) {
  const std::string cloudevent =
      R"({"specversion":"1.0","id":"mars@12","data":{"identifier":{"class":"od","step":"12"},)"
      R"("payload":{"path":"/data/x","size":12.5e3,"n":-3,"ok":true,"none":null}}})";
  const std::vector<std::string> documents = {
      cloudevent,
      R"( [ 1 , -1 , 0 , -0 , 1.5 , -2.5E-3 , 1e5 , 18446744073709551615 ] )",
      "18446744073709551616",  // past uint64: a double, as nlohmann makes it
      "-9223372036854775808",  // int64 minimum
      "-9223372036854775809",  // past it: a double
      "1e-400",                // underflow is a finite 0
      R"("\u00e9\ud83d\ude00\n\t\"\\\/\b\f\r")",
      "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"",
      "\xEF\xBB\xBF{\"bom\":true}",
      R"({"a":1,"a":2})",  // the last repeated key wins
      R"({"":[[],{},[{}]]})",
      "\"\\u0000\"",
  };
  for (const std::string& text : documents) {
    const json expected = json::parse(text);
    const json actual = read_json(text);
    EXPECT_EQ(actual.dump(), expected.dump()) << text;
    EXPECT_EQ(actual.type(), expected.type()) << text;
    if (actual.is_array()) {
      for (std::size_t i = 0; i < actual.size(); ++i) {
        EXPECT_EQ(actual[i].type(), expected[i].type()) << text << " element " << i;
      }
    }
  }
}

// Strings and keys are scanned eight bytes at a time: a byte that needs attention must be found
// at every position of a word, and keys in any order must build the same object.
TEST(JsonReader, FindsEveryByteThatNeedsAttentionWhereverItFallsInAWord) {
  const std::vector<std::string> specials = {"\\\"", "\\n",  "\xC3\xA9", "\x7F",
                                             "\x1F", "\xFF", "\"",       "\\u00e9"};
  for (const std::string& special : specials) {
    for (std::size_t at = 0; at <= 40; ++at) {
      std::string inner(40, 'a');
      inner.insert(at, special);
      for (const std::string& text :
           {"\"" + inner + "\"", "{\"" + inner + "\":\"" + inner + "\"}"}) {
        const json expected = json::parse(text, nullptr, false);
        if (expected.is_discarded()) {
          EXPECT_NE(error_of(text), "accepted") << text;
        } else {
          EXPECT_EQ(read_json(text), expected) << text;
        }
      }
    }
  }
}

// The end of a run of plain string bytes, found by the reader's scan and by the scanners' inline
// first look, at every distance from the start and from the end of the text.
TEST(JsonReader, PlainRunsEndAtTheFirstByteThatIsNotPlainWhereverItIs) {
  const std::vector<char> not_plain = {'"', '\\', '\x1F', '\x00', '\x7F', '\x80', '\xFF', '\n'};
  for (const char stop : not_plain) {
    for (std::size_t length = 0; length <= 40; ++length) {
      for (std::size_t at = 0; at <= length; ++at) {
        std::string text(length, 'a');
        if (at < length) text[at] = stop;
        const std::size_t expected = stop == '\x7F' && at < length ? length : at;  // 0x7F is plain
        EXPECT_EQ(aviso::plain_string_run_end(text, 0), expected) << length << " " << at;
        EXPECT_EQ(aviso::plain_string_run_end_inline<1>(text, 0), expected) << length << " " << at;
        EXPECT_EQ(
            aviso::plain_string_run_end_inline<std::numeric_limits<std::size_t>::max()>(text, 0),
            expected)
            << length << " " << at;
        if (at > 0) {
          EXPECT_EQ(aviso::plain_string_run_end_inline<2>(text, 1), expected)
              << length << " " << at;
        }
      }
    }
  }
}

TEST(JsonReader, BuildsObjectsWhateverTheOrderOfTheirKeys) {
  for (const std::string text :
       {R"({"a":1,"b":2,"c":3})", R"({"c":3,"b":2,"a":1})", R"({"b":2,"a":1,"c":3,"a":4})",
        R"({"ab":1,"a":2,"abc":3,"":4})"}) {
    EXPECT_EQ(read_json(text), json::parse(text)) << text;
  }
}

TEST(JsonReader, RefusesWhatNlohmannRefusesAndSaysWhere) {
  struct Case {
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"", "at byte 0: unexpected end of input, expected a value"},
      {"{\"a\":1,}", "at byte 7: unexpected character '}', expected a string key"},
      {"[1 2]", "at byte 3: unexpected character '2', expected ',' or ']'"},
      {"{\"a\" 1}", "expected ':' after a key"},
      {"01", "at byte 1: unexpected character '1' after the JSON value"},
      {"1.", "expected a digit after '.'"},
      {"1e", "expected a digit in the exponent"},
      {"-", "invalid number: expected a digit"},
      {"+1", "unexpected character '+', expected a value"},
      {"1e400", "number overflow at byte 0: 1e400"},
      {"tru", "invalid literal, expected true"},
      {"\"a\nb\"", "at byte 2: control character byte 0x0A in a string must be escaped"},
      {"\"\\x\"", "invalid escape character 'x'"},
      {"\"\\u12G4\"", "invalid hex digit character 'G'"},
      {"\"\\udc00\"", "lone low surrogate"},
      {"\"\\ud800x\"", "high surrogate \\u escape without its low half"},
      // Overlong, a surrogate, past U+10FFFF, cut short: named by the byte that starts them.
      {"\"\xC0\xAF\"", "at byte 1: invalid UTF-8 sequence starting with byte 0xC0"},
      {"\"\xED\xA0\x80\"", "at byte 1: invalid UTF-8 sequence starting with byte 0xED"},
      {"\"\xF4\x90\x80\x80\"", "at byte 1: invalid UTF-8 sequence starting with byte 0xF4"},
      {"\"\xE2\x82", "at byte 1: invalid UTF-8 sequence starting with byte 0xE2"},
      {"\"abc", "unexpected end of input inside a string"},
      {"{} x", "at byte 3: unexpected character 'x' after the JSON value"},
  };
  for (const Case& c : cases) {
    EXPECT_TRUE(json::parse(c.text, nullptr, false).is_discarded()) << c.text;
    EXPECT_THAT(error_of(c.text), HasSubstr(c.message)) << c.text;
  }
}

// nlohmann stops at a NUL byte and ignores the rest ("9\0garbage" reads as 9): refused here.
TEST(JsonReader, RefusesARawNulByteWhereNlohmannWouldStopReading) {
  const std::string text("9\0\"a\":}", 7);
  EXPECT_FALSE(json::parse(text, nullptr, false).is_discarded());
  EXPECT_THAT(error_of(text), HasSubstr("at byte 1: unexpected byte 0x00 after the JSON value"));
  EXPECT_THAT(error_of(std::string("[\0]", 3)), HasSubstr("at byte 1: unexpected byte 0x00"));
}

TEST(JsonReader, RefusesNestingDeeperThanTheLimitInsteadOfExhaustingTheStack) {
  const std::string at_limit =
      std::string(aviso::kMaxJsonDepth, '[') + std::string(aviso::kMaxJsonDepth, ']');
  EXPECT_EQ(read_json(at_limit), json::parse(at_limit));
  const std::string too_deep = "[" + at_limit + "]";
  EXPECT_THAT(error_of(too_deep), HasSubstr("nesting deeper than 512 levels"));
  EXPECT_THAT(error_of(std::string(100000, '[')), HasSubstr("nesting deeper than 512 levels"));
}

TEST(JsonReader, PiecewiseReadsWantedMembersAndChecksSkippedOnes) {
  aviso::JsonReader reader(
      R"( {"skip":{"deep":[1,"\u00e9",null]}, "want":{"b":2,"a":1}, "n\u00e9":5, )"
      "\"caf\xC3\xA9\":0} ");
  ASSERT_TRUE(reader.enter_object());
  std::vector<std::string> keys;
  json wanted;
  while (const auto key = reader.next_key()) {
    keys.emplace_back(*key);
    if (*key == "want") {
      wanted = reader.read_value();
    } else {
      reader.skip_value();
    }
  }
  reader.finish();
  // Keys with escapes or UTF-8 come decoded, like any string.
  EXPECT_EQ(keys, (std::vector<std::string>{"skip", "want", "n\xC3\xA9", "caf\xC3\xA9"}));
  EXPECT_EQ(wanted, (json{{"a", 1}, {"b", 2}}));

  // A skipped value is checked as a read one: bad UTF-8, a number overflow, a missing comma.
  for (const std::string text : {"{\"skip\":\"\xC0\xAF\"}", "{\"skip\":[1e400]}",
                                 "{\"skip\":1 \"x\":2}", "{\"skip\":{}} trailing"}) {
    aviso::JsonReader bad(text);
    EXPECT_THROW(
        {
          ASSERT_TRUE(bad.enter_object());
          while (bad.next_key()) bad.skip_value();
          bad.finish();
        },
        JsonSyntaxError)
        << text;
  }

  aviso::JsonReader not_an_object("[1]");
  EXPECT_FALSE(not_an_object.enter_object());
  EXPECT_EQ(not_an_object.read_value(), json::array({1}));
}

// read_json_string_object builds plain-string objects itself and leaves the rest to read_json:
// either way, the same value (keys, order, kinds) or the same error as read_json. With
// `reusable`, it builds in that object (as a consumer's next identifier is built in the last
// one's). Returns what was built, to be reused by the next one.
json expect_same_as_read_json(const std::string& text,
                              std::optional<json> reusable = std::nullopt) {
  std::string expected_error;
  json expected;
  try {
    expected = read_json(text);
  } catch (const JsonSyntaxError& error) {
    expected_error = error.what();
  }
  try {
    json actual = reusable ? aviso::read_json_string_object(text, std::move(*reusable))
                           : aviso::read_json_string_object(text);
    EXPECT_EQ(expected_error, "") << "accepted what read_json refuses: " << text;
    EXPECT_EQ(actual.type(), expected.type()) << text;
    EXPECT_EQ(actual, expected) << text;
    EXPECT_EQ(actual.dump(), expected.dump()) << text;
    return actual;
  } catch (const JsonSyntaxError& error) {
    EXPECT_EQ(error.what(), expected_error) << text;
    return json();
  }
}

TEST(JsonReader, StringObjectsBuildWhatReadJsonBuilds) {
  const std::vector<std::string> texts = {
      R"({"class":"od","date":"20260601","domain":"g","expver":"0001","step":"0"})",
      " {\n\t\"b\" : \"2\" ,\r\n \"a\":\"1\" } ",  // whitespace, keys out of order
      R"({"k":"first","j":"","k":"last"})",        // a repeated key keeps the last value
      R"({})",
      R"({ })",
      R"({"~":"\u007f","x":" !#$%&'()*+,-./:;<=>?@[]^_`{|}~"})",
      "{\"del\":\"\x7F\"}",
      // Not plain: left to read_json, same value.
      R"({"k":"a\"b"})",
      "{\"k\":\"caf\xC3\xA9\"}",
      R"({"k":1,"j":[true,null],"i":{"x":"y"}})",
      "\xEF\xBB\xBF{\"bom\":\"x\"}",
      // Not JSON: the same error.
      R"({"k":"v",})",
      R"({"k":"v"} x)",
      R"({"k" "v"})",
      R"({"k":"v")",
      R"({"k":"v)",
      "{\"k\":\"\x01\"}",
      std::string("{\"k\":\"v\"}") + std::string(1, '\0'),
      R"([])",
      "",
  };
  for (const std::string& text : texts) expect_same_as_read_json(text);
}

// Seeded random edits of an identifier: replaced, inserted and deleted bytes and cuts.
TEST(JsonReader, StringObjectsMatchReadJsonOnEditedIdentifiers) {
  const std::string identifier =
      R"({"class":"od","date":"20260601","domain":"g","expver":"0001","step":"4242",)"
      R"("stream":"enfo","time":"1200"})";
  std::string alphabet = "\"\\{}[],: \t\n0a-\x01\x7F\xC3\x80";
  alphabet.push_back('\0');
  std::mt19937 random(424242);
  for (int round = 0; round < 5000 && !testing::Test::HasFailure(); ++round) {
    const std::string text = aviso::test::randomly_edited(identifier, alphabet, random);
    expect_same_as_read_json(text);
  }
}

// One object reused from text to text, as a consumer's identifier is: each result must be what
// read_json builds from its own text, whatever the previous one held.
TEST(JsonReader, StringObjectsReusingThePreviousOneBuildWhatReadJsonBuilds) {
  const std::string long_value(300, 'x');
  const std::vector<std::string> texts = {
      R"({"class":"od","date":"20260601","domain":"g","expver":"0001","step":"0"})",
      R"({"class":"rd","date":"20260602","domain":"h","expver":"0002","step":"12"})",  // same keys
      R"({"class":"od","date":"20260601","domain":"g"})",                              // fewer
      R"({"class":"od","date":"20260601","domain":"g","expver":"1","step":"6","time":"12"})",
      R"({"time":"12","step":"6","class":"od"})",               // another order
      R"({"class":"od","class":"rd","step":"1","class":"e"})",  // a repeated key, last wins
      R"({"class":"od","step":"1","class":"e"})",               // repeated after a match
      R"({"a":"1","c":"3","b":"2"})",                           // other keys
      R"({"a":"\"quoted\"","b":"caf\u00e9","c":"tab\there"})",  // escapes: the full reader
      R"({"a":"1","b":"2","c":"3"})",
      R"({"a":"1","b":2,"c":"3"})",  // a number: the full reader
      R"({"a":"1","b":{"x":"y"},"c":["z"]})",
      R"({"a":"1","b":"2","c":"3"})",
      "{\"a\":\"" + long_value + "\",\"b\":\"" + long_value + "\"}",  // longer than the spare
      R"({"a":"short","b":"2"})",
      R"({})",
      R"({"a":"1"})",
      R"( { "a" : "2" , "b" : "3" } )",
      R"({"a":"1",})",   // not JSON: read_json's error
      R"({"a":"1"} x)",  // trailing text
      R"([1,2])",
      R"("text")",
      R"(null)",
      std::string(R"({"k":"caf)") + "\xC3\xA9" + R"(","l":"x"})",
  };
  json previous;
  for (const std::string& text : texts) {
    previous = expect_same_as_read_json(text, std::move(previous));
  }
  // Also starting from values of every other kind.
  for (json start : {json(), json(1), json("s"), json::array({"a"}), json::object({{"a", 1}})}) {
    expect_same_as_read_json(texts[0], std::move(start));
  }
}

// While the keys match, the strings already there are reused: a value assigned into a longer
// string keeps that string's storage (a fresh one would be built at the new value's size).
TEST(JsonReader, StringObjectsReuseTheStringsOfMatchingKeys) {
  const std::string long_path = "/data/od/enfo/20260601/1200/" + std::string(40, '9');
  json previous = aviso::read_json_string_object(R"({"class":"od","path":")" + long_path + "\"}");
  const std::size_t old_capacity = previous["path"].get_ref<const std::string&>().capacity();
  ASSERT_GE(old_capacity, long_path.size());

  json next = aviso::read_json_string_object(R"({"class":"rd","path":"/data/short/enough/1"})",
                                             std::move(previous));
  EXPECT_EQ(next, json({{"class", "rd"}, {"path", "/data/short/enough/1"}}));
  EXPECT_EQ(next["path"].get_ref<const std::string&>().capacity(), old_capacity);

  const json fresh = aviso::read_json_string_object(R"({"class":"rd","path":"/data/short/1"})");
  EXPECT_LT(fresh["path"].get_ref<const std::string&>().capacity(), old_capacity);
}

// Appends the members of a seeded random object over a few keys: mostly distinct keys in sorted
// order (the usual shape), sometimes any order with repeats. Each member's value is
// `value_text()`, and `separator()` goes between members.
template <class ValueText, class Separator>
void append_random_members(std::string& text, std::mt19937& random, ValueText value_text,
                           Separator separator) {
  static const std::vector<std::string> keys = {"class", "date", "domain", "expver",
                                                "step",  "a",    "z"};
  const std::size_t members = random() % 9;
  const bool shuffled = random() % 4 == 0;
  std::size_t next_key = random() % 3;
  for (std::size_t member = 0; member < members; ++member) {
    const std::size_t key =
        shuffled ? random() % keys.size() : (next_key += 1 + random() % 2) % keys.size();
    if (member > 0) text += separator();
    text += '"' + keys[key] + "\":" + value_text();
  }
}

// Seeded random objects: orders, repeats, counts, escapes, long values and non-string values vary
// from one text to the next, each read into the previous result.
TEST(JsonReader, StringObjectsReusingThePreviousOneMatchReadJsonOnRandomSequences) {
  const std::vector<std::string> values = {
      "od", "", "20260601", std::string(40, 'v'), std::string(300, 'w'), "a\\\"b", "\\u00e9"};
  std::mt19937 random(20261126);
  json previous;
  for (int round = 0; round < 3000 && !testing::Test::HasFailure(); ++round) {
    std::string text = "{";
    append_random_members(
        text, random,
        [&] {
          if (random() % 10 == 0) return std::to_string(random() % 100);
          return '"' + values[random() % values.size()] + '"';
        },
        [] { return std::string(","); });
    text += '}';
    if (random() % 20 == 0) text.insert(random() % text.size(), 1, ',');  // not JSON
    previous = expect_same_as_read_json(text, std::move(previous));
  }
}

// The same sequences built from recorded members (what the stream decoder's check records of an
// object of plain strings), each into the previous result, and each afresh.
TEST(JsonReader, ObjectsBuiltFromRecordedMembersAreWhatReadJsonBuilds) {
  const std::vector<std::string> values = {"od", "", "20260601", std::string(40, 'v'),
                                           std::string(300, 'w')};
  std::mt19937 random(20261127);
  json previous;
  std::size_t built = 0;
  for (int round = 0; round < 3000 && !testing::Test::HasFailure(); ++round) {
    // Some text around the object, as in a CloudEvent: the members' offsets are the text's.
    std::string text = R"({"data":{"identifier":)";
    const std::size_t object_at = text.size();
    text += random() % 8 == 0 ? " { " : "{";
    append_random_members(
        text, random, [&] { return '"' + values[random() % values.size()] + '"'; },
        [&] { return std::string(random() % 8 == 0 ? " , " : ","); });
    text += "}";
    const std::size_t object_length = text.size() - object_at;
    text += "}}";
    const std::string object = text.substr(object_at, object_length);
    const auto recorded = aviso::test::recorded_members(text, object_at, object_length);
    ASSERT_TRUE(recorded) << object;
    const json expected = read_json(object);
    json actual = aviso::build_plain_string_object(text, *recorded, std::move(previous));
    EXPECT_EQ(actual, expected) << object;
    EXPECT_EQ(actual.dump(), expected.dump()) << object;
    EXPECT_EQ(aviso::build_plain_string_object(text, *recorded, json()), expected) << object;
    previous = std::move(actual);
    ++built;
  }
  EXPECT_EQ(built, 3000U);
}

}  // namespace
