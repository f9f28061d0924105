// The scanners that skip runs of plain bytes (UTF-8 validation and JSON string escaping) held to
// plain byte-by-byte answers: a reference walk for validation, nlohmann's dump() for escaping.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <string_view>

#include "core/json_string.hpp"
#include "core/utf8.hpp"

namespace aviso {
namespace {

// What find_invalid_utf8 answers, one sequence at a time.
std::size_t first_invalid_by_walking(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

// Bytes a scanner must stop at or pass over: every class near the tests' thresholds.
const std::string kAlphabet =
    std::string("aZ09 ~/\x1f\x20\x21\"\\\x7f\x80\xbf\xc3\xa9\xe2\x82\xac") +
    std::string("\xed\xa0\xf0\x9f\x8c\x8d\xf4\x90\b\t\n\f\r", 13) + std::string(1, '\0');

std::string random_text(std::mt19937& random) {
  std::string text;
  const std::size_t length = random() % 60;
  // Mostly ASCII runs, so the run-skipping paths are taken, with other bytes among them.
  for (std::size_t i = 0; i < length; ++i) {
    text += random() % 4 == 0 ? kAlphabet[random() % kAlphabet.size()]
                              : static_cast<char>('a' + random() % 26);
  }
  return text;
}

TEST(FindInvalidUtf8, AgreesWithAWalkOverEverySequence) {
  std::mt19937 random(11);
  for (int round = 0; round < 50000; ++round) {
    const std::string text = random_text(random);
    ASSERT_EQ(find_invalid_utf8(text), first_invalid_by_walking(text))
        << testing::PrintToString(text);
  }
}

TEST(FindInvalidUtf8, FindsABadByteAtEveryPlaceInAndAroundTheBlocks) {
  for (std::size_t at = 0; at < 40; ++at) {
    std::string text(40, 'a');
    text[at] = '\xff';
    EXPECT_EQ(find_invalid_utf8(text), at);
    text[at] = '\xc3';  // a lead byte cut short by the ASCII after it (or by the end)
    EXPECT_EQ(find_invalid_utf8(text), at);
    text.insert(at + 1, 1, '\xa9');
    EXPECT_EQ(find_invalid_utf8(text), std::string_view::npos);
  }
}

TEST(AppendJsonString, WritesExactlyWhatNlohmannDumpWrites) {
  std::mt19937 random(13);
  for (int round = 0; round < 50000; ++round) {
    const std::string text = random_text(random);
    if (!is_valid_utf8(text)) {
      std::string out;
      EXPECT_THROW(append_json_string(out, text), InvalidUtf8);
      continue;
    }
    std::string out = "prefix";
    append_json_string(out, text);
    ASSERT_EQ(out, "prefix" + nlohmann::json(text).dump()) << testing::PrintToString(text);
  }
}

TEST(AppendJsonString, EscapesACharacterAtEveryPlaceInAndAroundTheBlocks) {
  for (const char special : {'"', '\\', '\n', '\x01', '\x1f'}) {
    for (std::size_t at = 0; at < 40; ++at) {
      std::string text(40, 'a');
      text[at] = special;
      std::string out;
      append_json_string(out, text);
      EXPECT_EQ(out, nlohmann::json(text).dump());
    }
  }
}

}  // namespace
}  // namespace aviso
