#include "core/json_reader.hpp"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <system_error>

#include "core/utf8.hpp"

namespace aviso {
namespace {

using nlohmann::json;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A byte that a string holds as itself: not '"', '\\', a control byte or part of a UTF-8
// sequence (those need decoding or checking).
bool is_plain_string_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 0x20 && byte < 0x80 && byte != '"' && byte != '\\';
}

// plain_run_end tests eight bytes at once with word arithmetic, since most of a CloudEvent is
// long runs of plain string bytes. Each helper sets the high bit of exactly the bytes it names
// (no carries cross bytes: the low seven bits are added separately from the high one).
constexpr std::uint64_t kLowBits = 0x7F7F7F7F7F7F7F7FULL;
constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
constexpr std::uint64_t repeat(unsigned char byte) { return 0x0101010101010101ULL * byte; }

constexpr std::uint64_t zero_bytes(std::uint64_t word) {
  return ~(((word & kLowBits) + kLowBits) | word) & kHighBits;
}

// The bytes of `word` that are not plain string bytes: below 0x20, 0x80 or above, '"' or '\\'.
constexpr std::uint64_t special_bytes(std::uint64_t word) {
  const std::uint64_t at_least_0x20 = ((word & kLowBits) + repeat(0x80 - 0x20)) & kHighBits;
  return (~at_least_0x20 & kHighBits) | (word & kHighBits) | zero_bytes(word ^ repeat('"')) |
         zero_bytes(word ^ repeat('\\'));
}

// The end of the run of plain string bytes starting at `pos`.
std::size_t plain_run_end(std::string_view text, std::size_t pos) {
#if defined(__SSE2__)
  while (text.size() - pos >= 16) {  // sixteen bytes at a time
    if (const unsigned mask = not_plain_bytes_of_16(text.data() + pos); mask != 0) {
      return pos + static_cast<std::size_t>(std::countr_zero(mask));
    }
    pos += 16;
  }
#endif
  while (text.size() - pos >= sizeof(std::uint64_t)) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + pos, sizeof word);
    if (const std::uint64_t special = special_bytes(word); special != 0) {
      const int first_bit = std::endian::native == std::endian::little ? std::countr_zero(special)
                                                                       : std::countl_zero(special);
      return pos + static_cast<std::size_t>(first_bit) / 8;
    }
    pos += sizeof word;
  }
  while (pos < text.size() && is_plain_string_byte(text[pos])) ++pos;
  return pos;
}

// Adds a member as nlohmann does: a repeated key keeps its last value. Keys usually arrive sorted
// (every aviso-server object does), and then the end of the map is where the key goes.
void put_member(json::object_t& members, std::string_view key, json value) {
  if (members.empty() || std::string_view(members.rbegin()->first) < key) {
    members.emplace_hint(members.end(), std::string(key), std::move(value));
  } else {
    members.insert_or_assign(std::string(key), std::move(value));
  }
}

}  // namespace

// Recursive descent over the whole text held in memory: strings are copied a run of plain bytes
// at a time instead of a character at a time. The skip_ functions run the same checks, in the
// same order and with the same messages, and build nothing (the piecewise reader's skip_value):
// no JSON value to construct and destroy, no string to fill.
struct JsonReader::Scanner {
  std::string_view text_;
  std::size_t& pos_;

  [[noreturn]] void fail(const std::string& what) const {
    throw JsonSyntaxError("syntax error at byte " + std::to_string(pos_) + ": " + what, pos_);
  }

  std::string describe_here() const {
    if (pos_ >= text_.size()) return "end of input";
    const auto byte = static_cast<unsigned char>(text_[pos_]);
    if (byte >= 0x21 && byte < 0x7F) return std::string("character '") + text_[pos_] + "'";
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", byte);
    return std::string("byte ") + hex;
  }

  void skip_whitespace() { pos_ = skip_json_whitespace(text_, pos_); }

  bool consume(char expected) {
    if (pos_ < text_.size() && text_[pos_] == expected) {
      ++pos_;
      return true;
    }
    return false;
  }

  void expect_word(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) {
      fail("invalid literal, expected " + std::string(word));
    }
    pos_ += word.size();
  }

  [[noreturn]] void fail_expected_value() const {
    if (pos_ >= text_.size()) fail("unexpected end of input, expected a value");
    fail("unexpected " + describe_here() + ", expected a value");
  }

  json read_value(std::size_t depth) {
    if (pos_ >= text_.size()) fail_expected_value();
    switch (text_[pos_]) {
      case '{':
        return read_object(depth + 1);
      case '[':
        return read_array(depth + 1);
      case '"':
        return json(read_string());
      case 't':
        expect_word("true");
        return json(true);
      case 'f':
        expect_word("false");
        return json(false);
      case 'n':
        expect_word("null");
        return json(nullptr);
      default:
        if (text_[pos_] == '-' || is_digit(text_[pos_])) return read_number();
        fail_expected_value();
    }
  }

  Kind skip_value(std::size_t depth) {
    if (pos_ >= text_.size()) fail_expected_value();
    switch (text_[pos_]) {
      case '{':
        skip_object(depth + 1);
        return Kind::Object;
      case '[':
        skip_array(depth + 1);
        return Kind::Array;
      case '"':
        skip_string();
        return Kind::String;
      case 't':
        expect_word("true");
        return Kind::Boolean;
      case 'f':
        expect_word("false");
        return Kind::Boolean;
      case 'n':
        expect_word("null");
        return Kind::Null;
      default:
        if (text_[pos_] == '-' || is_digit(text_[pos_])) {
          read_number();  // converted too: a double that overflows is refused
          return Kind::Number;
        }
        fail_expected_value();
    }
  }

  void check_depth(std::size_t depth) const {
    if (depth > kMaxJsonDepth) {
      fail("nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    }
  }

  void expect_key_start() const {
    if (pos_ >= text_.size() || text_[pos_] != '"') {
      fail("unexpected " + describe_here() + ", expected a string key");
    }
  }

  void expect_colon_after_key() {
    skip_whitespace();
    if (!consume(':')) fail("unexpected " + describe_here() + ", expected ':' after a key");
    skip_whitespace();
  }

  // After '{' or ',': the member's key and the ':' after it. A key of plain bytes (the usual
  // case) is a view into the text; one with escapes or non-ASCII bytes is decoded and checked
  // into `buffer`, which must outlive the view.
  std::string_view read_key(std::string& buffer) {
    expect_key_start();
    const std::size_t start = pos_ + 1;
    const std::size_t end = plain_run_end(text_, start);
    std::string_view key;
    if (end < text_.size() && text_[end] == '"') {
      key = text_.substr(start, end - start);
      pos_ = end + 1;
    } else {
      buffer = read_string();
      key = buffer;
    }
    expect_colon_after_key();
    return key;
  }

  json read_object(std::size_t depth) {
    check_depth(depth);
    ++pos_;  // '{'
    json value = json::object();
    skip_whitespace();
    if (consume('}')) return value;
    auto& members = value.get_ref<json::object_t&>();
    std::string buffer;
    while (true) {
      const std::string_view key = read_key(buffer);
      put_member(members, key, read_value(depth));
      skip_whitespace();
      if (consume('}')) return value;
      if (!consume(',')) fail("unexpected " + describe_here() + ", expected ',' or '}'");
      skip_whitespace();
    }
  }

  void skip_object(std::size_t depth) {
    check_depth(depth);
    ++pos_;  // '{'
    skip_whitespace();
    if (consume('}')) return;
    while (true) {
      expect_key_start();
      skip_string();
      expect_colon_after_key();
      skip_value(depth);
      skip_whitespace();
      if (consume('}')) return;
      if (!consume(',')) fail("unexpected " + describe_here() + ", expected ',' or '}'");
      skip_whitespace();
    }
  }

  json read_array(std::size_t depth) {
    check_depth(depth);
    ++pos_;  // '['
    json value = json::array();
    skip_whitespace();
    if (consume(']')) return value;
    while (true) {
      json element = read_value(depth);
      value.get_ref<json::array_t&>().push_back(std::move(element));
      skip_whitespace();
      if (consume(']')) return value;
      if (!consume(',')) fail("unexpected " + describe_here() + ", expected ',' or ']'");
      skip_whitespace();
    }
  }

  void skip_array(std::size_t depth) {
    check_depth(depth);
    ++pos_;  // '['
    skip_whitespace();
    if (consume(']')) return;
    while (true) {
      skip_value(depth);
      skip_whitespace();
      if (consume(']')) return;
      if (!consume(',')) fail("unexpected " + describe_here() + ", expected ',' or ']'");
      skip_whitespace();
    }
  }

  std::string read_string() {
    ++pos_;  // opening quote
    std::string out;
    while (true) {
      const std::size_t run_start = pos_;
      pos_ = plain_run_end(text_, pos_);
      out.append(text_.data() + run_start, pos_ - run_start);
      if (pos_ >= text_.size()) fail("unexpected end of input inside a string");
      const auto byte = static_cast<unsigned char>(text_[pos_]);
      if (byte == '"') {
        ++pos_;
        return out;
      }
      if (byte == '\\') {
        read_escape(out);
      } else if (byte < 0x20) {
        fail("control character " + describe_here() + " in a string must be escaped");
      } else {
        read_utf8_sequence(out);
      }
    }
  }

  void skip_string() {
    ++pos_;  // opening quote
    while (true) {
      pos_ = plain_run_end(text_, pos_);
      if (pos_ >= text_.size()) fail("unexpected end of input inside a string");
      const auto byte = static_cast<unsigned char>(text_[pos_]);
      if (byte == '"') {
        ++pos_;
        return;
      }
      if (byte == '\\') {
        std::string unused;  // escapes are rare; decoding one checks it
        read_escape(unused);
      } else if (byte < 0x20) {
        fail("control character " + describe_here() + " in a string must be escaped");
      } else {
        skip_utf8_sequence();
      }
    }
  }

  // RFC 3629 well-formed sequences only: no overlong forms, no surrogates, nothing past U+10FFFF.
  void read_utf8_sequence(std::string& out) {
    const std::size_t start = pos_;
    skip_utf8_sequence();
    out.append(text_.data() + start, pos_ - start);
  }

  void skip_utf8_sequence() {
    const std::size_t length = utf8_sequence_length(text_, pos_);
    if (length == 0) {
      fail("invalid UTF-8 sequence starting with " + describe_here() + " in a string");
    }
    pos_ += length;
  }

  void read_escape(std::string& out) {
    ++pos_;  // backslash
    if (pos_ >= text_.size()) fail("unexpected end of input inside a string");
    const char c = text_[pos_++];
    switch (c) {
      case '"':
      case '\\':
      case '/':
        out.push_back(c);
        return;
      case 'b':
        out.push_back('\b');
        return;
      case 'f':
        out.push_back('\f');
        return;
      case 'n':
        out.push_back('\n');
        return;
      case 'r':
        out.push_back('\r');
        return;
      case 't':
        out.push_back('\t');
        return;
      case 'u':
        append_code_point(read_unicode_escape(), out);
        return;
      default:
        --pos_;
        fail("invalid escape " + describe_here() + " in a string");
    }
  }

  std::uint32_t read_hex4() {
    if (text_.size() - pos_ < 4) fail("unexpected end of input in a \\u escape");
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = text_[pos_];
      std::uint32_t digit = 0;
      if (c >= '0' && c <= '9') {
        digit = static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        digit = static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        digit = static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        fail("invalid hex digit " + describe_here() + " in a \\u escape");
      }
      value = value * 16 + digit;
      ++pos_;
    }
    return value;
  }

  // After "\u": one code point, joining a UTF-16 surrogate pair written as two escapes.
  std::uint32_t read_unicode_escape() {
    const std::uint32_t first = read_hex4();
    if (first >= 0xDC00 && first <= 0xDFFF) fail("\\u escape is a lone low surrogate");
    if (first < 0xD800 || first > 0xDBFF) return first;
    if (text_.substr(pos_, 2) != "\\u") fail("high surrogate \\u escape without its low half");
    pos_ += 2;
    const std::uint32_t second = read_hex4();
    if (second < 0xDC00 || second > 0xDFFF) fail("high surrogate \\u escape without its low half");
    return 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
  }

  static void append_code_point(std::uint32_t code, std::string& out) {
    if (code < 0x80) {
      out.push_back(static_cast<char>(code));
    } else if (code < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (code >> 6)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (code >> 12)));
      out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (code >> 18)));
      out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
  }

  void skip_digits() {
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
  }

  // Integers become unsigned (non-negative) or signed values when they fit 64 bits, and doubles
  // otherwise, as nlohmann decides; a double that overflows to infinity is an error.
  json read_number() {
    const std::size_t start = pos_;
    const bool negative = consume('-');
    if (pos_ >= text_.size() || !is_digit(text_[pos_])) fail("invalid number: expected a digit");
    if (!consume('0')) skip_digits();
    bool integral = true;
    if (consume('.')) {
      integral = false;
      if (pos_ >= text_.size() || !is_digit(text_[pos_])) {
        fail("invalid number: expected a digit after '.'");
      }
      skip_digits();
    }
    if (consume('e') || consume('E')) {
      integral = false;
      if (!consume('+')) consume('-');
      if (pos_ >= text_.size() || !is_digit(text_[pos_])) {
        fail("invalid number: expected a digit in the exponent");
      }
      skip_digits();
    }
    const char* first = text_.data() + start;
    const char* last = text_.data() + pos_;
    if (integral) {
      if (negative) {
        std::int64_t value = 0;
        if (std::from_chars(first, last, value).ec == std::errc()) return json(value);
      } else {
        std::uint64_t value = 0;
        if (std::from_chars(first, last, value).ec == std::errc()) return json(value);
      }
    }
    return json(to_double(first, last, start));
  }

  double to_double(const char* first, const char* last, std::size_t start) const {
    double value = 0;
    const std::from_chars_result result = std::from_chars(first, last, value);
    if (result.ec == std::errc()) return value;
    // Out of range: strtod tells an underflow (a finite value, kept) from an overflow.
    const std::string token(first, last);
    value = std::strtod(token.c_str(), nullptr);
    if (!std::isfinite(value)) {
      throw JsonSyntaxError("number overflow at byte " + std::to_string(start) + ": " + token,
                            start);
    }
    return value;
  }
};

JsonReader::JsonReader(std::string_view text) : text_(text) {
  // A UTF-8 byte order mark is skipped, as nlohmann does.
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

nlohmann::json JsonReader::read_value() {
  Scanner scanner{text_, pos_};
  scanner.skip_whitespace();
  return scanner.read_value(depth_);
}

JsonReader::Kind JsonReader::skip_value() {
  Scanner scanner{text_, pos_};
  scanner.skip_whitespace();
  return scanner.skip_value(depth_);
}

std::size_t JsonReader::next_value_offset() {
  Scanner{text_, pos_}.skip_whitespace();
  return pos_;
}

bool JsonReader::enter_object() {
  Scanner scanner{text_, pos_};
  scanner.skip_whitespace();
  if (pos_ >= text_.size() || text_[pos_] != '{') return false;
  scanner.check_depth(depth_ + 1);
  ++pos_;
  ++depth_;
  first_member_ = true;
  return true;
}

std::optional<std::string_view> JsonReader::next_key() {
  Scanner scanner{text_, pos_};
  scanner.skip_whitespace();
  if (scanner.consume('}')) {
    --depth_;
    first_member_ = false;
    return std::nullopt;
  }
  if (!first_member_ && !scanner.consume(',')) {
    scanner.fail("unexpected " + scanner.describe_here() + ", expected ',' or '}'");
  }
  first_member_ = false;
  scanner.skip_whitespace();
  return scanner.read_key(key_buffer_);
}

void JsonReader::finish() {
  Scanner scanner{text_, pos_};
  scanner.skip_whitespace();
  if (pos_ != text_.size()) {
    scanner.fail("unexpected " + scanner.describe_here() + " after the JSON value");
  }
}

std::size_t plain_string_run_end(std::string_view text, std::size_t pos) noexcept {
  return plain_run_end(text, pos);
}

namespace {

// What a source of an object's plain string members gives next.
enum class MemberStep { Member, End, NotPlain };

// Reads an object of plain-ASCII string members (plain bytes: printable ASCII but '"' and '\\',
// which need no decoding) a member at a time, each key and value a view of the text. Anything
// else makes it stop with NotPlain, and the caller hands the text to the full reader.
class PlainStringObjectScanner {
 public:
  explicit PlainStringObjectScanner(std::string_view text) : text_(text) {}

  // Before the first member: '{'.
  bool open() {
    skip_whitespace();
    if (!consume('{')) return false;
    skip_whitespace();
    closed_ = consume('}');
    return true;
  }

  MemberStep next(std::string_view& key, std::string_view& value) {
    if (closed_) {
      skip_whitespace();
      return pos_ == text_.size() ? MemberStep::End : MemberStep::NotPlain;
    }
    if (!plain_string(key)) return MemberStep::NotPlain;
    skip_whitespace();
    if (!consume(':')) return MemberStep::NotPlain;
    skip_whitespace();
    if (!plain_string(value)) return MemberStep::NotPlain;
    skip_whitespace();
    closed_ = consume('}');
    if (!closed_) {
      if (!consume(',')) return MemberStep::NotPlain;
      skip_whitespace();
    }
    return MemberStep::Member;
  }

 private:
  void skip_whitespace() { pos_ = skip_json_whitespace(text_, pos_); }
  bool consume(char c) {
    if (pos_ >= text_.size() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  bool plain_string(std::string_view& contents) {
    if (pos_ >= text_.size() || text_[pos_] != '"') return false;
    const std::size_t end = plain_run_end(text_, pos_ + 1);
    if (end >= text_.size() || text_[end] != '"') return false;
    contents = text_.substr(pos_ + 1, end - pos_ - 1);
    pos_ = end + 1;
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  bool closed_ = false;
};

// The members a scanner recorded when it checked the object (PlainStringMember): given in turn
// as views of the text, with nothing to check.
class RecordedMembers {
 public:
  RecordedMembers(std::string_view text, std::span<const PlainStringMember> members)
      : text_(text), members_(members) {}

  MemberStep next(std::string_view& key, std::string_view& value) {
    if (next_ == members_.size()) return MemberStep::End;
    const PlainStringMember& member = members_[next_++];
    key = std::string_view(text_.data() + member.key_offset, member.key_length);
    value = std::string_view(text_.data() + member.value_offset, member.value_length);
    return MemberStep::Member;
  }

 private:
  std::string_view text_;
  std::span<const PlainStringMember> members_;
  std::size_t next_ = 0;
};

// Sets `target` to the string `value`, keeping the target's storage when it already is a string.
// Within the capacity, a resize and a copy: std::string::assign's general replace (which allows
// for the value overlapping the string) was the largest single cost of refilling an identifier.
void assign_string(json& target, std::string_view value) {
  if (!target.is_string()) {
    target = json(value);
    return;
  }
  std::string& text = target.get_ref<std::string&>();
  if (value.size() > text.capacity()) {
    text.assign(value);
    return;
  }
  text.resize(value.size());
  if (!value.empty()) std::memcpy(text.data(), value.data(), value.size());
}

// The object of the members `source` gives; nullopt when it meets one that is not plain. Each
// value string is built once at its exact size.
template <class MemberSource>
std::optional<json> build_string_members(MemberSource& source) {
  json value = json::object();
  auto& members = value.get_ref<json::object_t&>();
  std::string_view key;
  std::string_view member;
  for (;;) {
    switch (source.next(key, member)) {
      case MemberStep::NotPlain:
        return std::nullopt;
      case MemberStep::End:
        return value;
      case MemberStep::Member:
        put_member(members, key, json(member));
        break;
    }
  }
}

// The object `text` holds if it is one of plain-ASCII string members; nullopt if it is anything
// else.
std::optional<json> plain_string_object(std::string_view text) {
  PlainStringObjectScanner scanner(text);
  if (!scanner.open()) return std::nullopt;
  return build_string_members(scanner);
}

// build_string_members into an existing map, reusing its nodes and strings. While the source's
// members match the map's nodes key for key in order (the usual case: the previous notification
// of the same stream), each value is assigned into the string already there. From the first
// difference on, the remaining nodes are set aside (extracted, not freed) and rebuilt as
// build_string_members would insert them. False when the source meets a member that is not
// plain; `members` then holds something unspecified.
template <class MemberSource>
bool refill_string_members(MemberSource& source, json::object_t& members) {
  auto in_place = members.begin();
  json::object_t set_aside;  // moving nodes in and out allocates nothing
  bool rebuilding = false;
  std::string_view key;
  std::string_view value;
  for (;;) {
    const MemberStep step = source.next(key, value);
    if (step == MemberStep::NotPlain) return false;
    if (step == MemberStep::End) break;
    if (!rebuilding) {
      if (in_place != members.end() && in_place->first == key) {
        assign_string(in_place->second, value);
        ++in_place;
        continue;
      }
      // The members before in_place are the text's first ones, strictly sorted: they stay.
      while (in_place != members.end()) set_aside.insert(members.extract(in_place++));
      rebuilding = true;
    }
    if (!members.empty() && std::string_view(members.rbegin()->first) < key) {
      // Sorted so far: goes at the end (the hint makes that constant time).
    } else if (const auto existing = members.find(key); existing != members.end()) {
      assign_string(existing->second, value);  // a repeated key keeps its last value
      continue;
    }
    if (set_aside.empty()) {
      members.emplace_hint(members.end(), std::string(key), json(value));
    } else {
      auto node = set_aside.extract(set_aside.begin());
      node.key().assign(key);
      assign_string(node.mapped(), value);
      members.insert(members.end(), std::move(node));
    }
  }
  if (!rebuilding) members.erase(in_place, members.end());  // the text had fewer members
  return true;
}

}  // namespace

nlohmann::json read_json_string_object(std::string_view text) {
  if (std::optional<json> value = plain_string_object(text)) return std::move(*value);
  return read_json(text);
}

nlohmann::json read_json_string_object(std::string_view text, nlohmann::json reusable) {
  if (!reusable.is_object()) return read_json_string_object(text);
  PlainStringObjectScanner scanner(text);
  if (scanner.open() && refill_string_members(scanner, reusable.get_ref<json::object_t&>())) {
    return reusable;
  }
  return read_json(text);  // not a plain-string object: plain_string_object would refuse it too
}

nlohmann::json build_plain_string_object(std::string_view text,
                                         std::span<const PlainStringMember> members,
                                         nlohmann::json reusable) {
  RecordedMembers source(text, members);
  if (!reusable.is_object()) return *build_string_members(source);  // a recording is all plain
  refill_string_members(source, reusable.get_ref<json::object_t&>());
  return reusable;
}

nlohmann::json read_json(std::string_view text) {
  JsonReader reader(text);
  nlohmann::json value = reader.read_value();
  reader.finish();
  return value;
}

}  // namespace aviso
