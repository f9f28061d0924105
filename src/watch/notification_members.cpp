#include "watch/notification_members.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>

#include "aviso/error.hpp"
#include "core/json_reader.hpp"

namespace aviso::watch::frames {
namespace {

// ---- The full walk ------------------------------------------------------------------------

detail::TextSpan span_from(std::size_t start, const JsonReader& reader) {
  return detail::TextSpan{start, reader.offset() - start};
}

// The location of the next value when it is a string, else none; the value is consumed (and
// checked) either way.
std::optional<detail::TextSpan> string_span(JsonReader& reader) {
  const std::size_t start = reader.next_value_offset();
  if (reader.skip_value() != JsonReader::Kind::String) return std::nullopt;
  return span_from(start, reader);
}

void check_identifier(JsonReader& reader, NotificationMembers& members) {
  const std::size_t start = reader.next_value_offset();
  std::vector<std::string>& bad_keys = members.identifier_non_string_keys;
  bad_keys.clear();
  members.identifier_is_object = reader.enter_object();
  if (!members.identifier_is_object) {
    reader.skip_value();
  } else {
    while (const std::optional<std::string_view> key = reader.next_key()) {
      // A repeated key counts with its last value.
      const auto earlier = std::find(bad_keys.begin(), bad_keys.end(), *key);
      if (earlier != bad_keys.end()) bad_keys.erase(earlier);
      if (reader.skip_value() != JsonReader::Kind::String) bad_keys.emplace_back(*key);
    }
  }
  members.identifier = span_from(start, reader);
}

// "data" may repeat: the last one counts, as with any repeated key.
void read_data(JsonReader& reader, NotificationMembers& members) {
  members.identifier.reset();
  members.payload.reset();
  members.data_is_object = reader.enter_object();
  if (!members.data_is_object) {
    reader.skip_value();
    return;
  }
  while (const std::optional<std::string_view> key = reader.next_key()) {
    if (*key == "identifier") {
      check_identifier(reader, members);
    } else if (*key == "payload") {
      const std::size_t start = reader.next_value_offset();
      reader.skip_value();
      members.payload = span_from(start, reader);
    } else {
      reader.skip_value();
    }
  }
}

}  // namespace

NotificationMembers read_notification_members(const sse::SseEvent& event) {
  NotificationMembers members;
  try {
    JsonReader reader(event.data);
    if (!reader.enter_object()) {
      const nlohmann::json value = reader.read_value();
      reader.finish();
      throw Error::decode("'" + event.event + "' event data must be a JSON object, not " +
                          value.type_name());
    }
    while (const std::optional<std::string_view> key = reader.next_key()) {
      if (*key == "id") {
        members.id = string_span(reader);
      } else if (*key == "type") {
        members.type = string_span(reader);
      } else if (*key == "request_id") {
        members.request_id = string_span(reader);
      } else if (*key == "data") {
        read_data(reader, members);
      } else {
        reader.skip_value();
      }
    }
    reader.finish();
  } catch (const JsonSyntaxError& e) {
    throw Error::decode("'" + event.event + "' event data is not valid JSON (" + e.what() + ")");
  }
  return members;
}

// ---- The tight pass ------------------------------------------------------------------------

detail::RecordedFields FieldRecording::fields() const {
  const auto view = [this](const std::optional<Range>& range) {
    std::optional<std::span<const PlainStringMember>> members;
    if (range) members.emplace(members_.data() + range->first, range->second - range->first);
    return members;
  };
  return detail::RecordedFields{view(identifier_), view(payload_)};
}

namespace {

constexpr std::size_t kMaxQuickDepth = 64;  // far below kMaxJsonDepth: nothing accepted here
                                            // can be refused there for its depth
// More digits than this could make a double overflow (the reader refuses that); fewer cannot.
constexpr std::size_t kMaxQuickNumberDigits = 300;

// A cursor over the text that only goes forward on what it accepts. Every function returns
// false at the first byte outside the common shape; the caller then gives up on the pass.
class CommonShapeScanner {
 public:
  explicit CommonShapeScanner(std::string_view text) : text_(text) {}

  std::size_t offset() const { return pos_; }
  bool at(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  bool at_end() const { return pos_ == text_.size(); }

  void skip_whitespace() {
    while (pos_ < text_.size() && is_whitespace(text_[pos_])) ++pos_;
  }

  bool consume(char c) {
    if (!at(c)) return false;
    ++pos_;
    return true;
  }

  // A string of plain bytes only (printable ASCII but '"' and '\\'): its contents.
  bool plain_string(std::string_view& contents) {
    if (!at('"')) return false;
    const std::size_t start = pos_ + 1;
    const std::size_t end = plain_string_run_end_inline<1>(text_, start);
    if (end >= text_.size() || text_[end] != '"') return false;
    contents = text_.substr(start, end - start);
    pos_ = end + 1;
    return true;
  }

  // A key with the ':' after it and the whitespace around that.
  bool key(std::string_view& name) {
    if (!plain_string(name)) return false;
    skip_whitespace();
    if (!consume(':')) return false;
    skip_whitespace();
    return true;
  }

  // After a member's value: true with `closed` set at the '}', true at a ',' (and the
  // whitespace after it), false otherwise.
  bool after_member(bool& closed) {
    skip_whitespace();
    closed = consume('}');
    if (closed) return true;
    if (!consume(',')) return false;
    skip_whitespace();
    return true;
  }

  // After '{': whether the object is empty (then past its '}'); otherwise at the first key.
  bool open_object() {
    skip_whitespace();
    return consume('}');
  }

  bool value(std::size_t depth) {
    if (pos_ >= text_.size()) return false;
    std::string_view unused;
    switch (text_[pos_]) {
      case '"':
        return plain_string(unused);
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case 't':
        return word("true");
      case 'f':
        return word("false");
      case 'n':
        return word("null");
      default:
        return number();
    }
  }

  // With a recorder, the members whose values are plain strings are recorded as they are met.
  bool object(std::size_t depth, MemberRecorder* recorder = nullptr) {
    if (depth > kMaxQuickDepth || !consume('{')) return false;
    bool closed = open_object();
    std::string_view name;
    std::string_view string;
    while (!closed) {
      if (!key(name)) return false;
      if (recorder != nullptr && at('"')) {
        if (!plain_string(string)) return false;
        recorder->add(name, string);
      } else {
        if (recorder != nullptr) recorder->give_up();
        if (!value(depth)) return false;
      }
      if (!after_member(closed)) return false;
    }
    return true;
  }

 private:
  static bool is_whitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
  bool is_digit_here() const {
    return pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9';
  }
  void skip_digits() {
    while (is_digit_here()) ++pos_;
  }

  bool word(std::string_view literal) {
    if (text_.substr(pos_, literal.size()) != literal) return false;
    pos_ += literal.size();
    return true;
  }

  bool array(std::size_t depth) {
    if (depth > kMaxQuickDepth) return false;
    ++pos_;  // '['
    skip_whitespace();
    if (consume(']')) return true;
    while (true) {
      if (!value(depth)) return false;
      skip_whitespace();
      if (consume(']')) return true;
      if (!consume(',')) return false;
      skip_whitespace();
    }
  }

  // JSON's number grammar without an exponent; what follows is the caller's to check.
  bool number() {
    const std::size_t start = pos_;
    consume('-');
    if (!is_digit_here()) return false;
    if (!consume('0')) skip_digits();
    if (consume('.')) {
      if (!is_digit_here()) return false;
      skip_digits();
    }
    if (at('e') || at('E')) return false;
    return pos_ - start <= kMaxQuickNumberDigits;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

detail::TextSpan span_between(std::size_t start, const CommonShapeScanner& scanner) {
  return detail::TextSpan{start, scanner.offset() - start};
}

// A member that must appear at most once, whose value must be a plain string.
bool scan_string_member(CommonShapeScanner& scanner, std::optional<detail::TextSpan>& span) {
  if (span) return false;
  const std::size_t start = scanner.offset();
  std::string_view unused;
  if (!scanner.plain_string(unused)) return false;
  span = span_between(start, scanner);
  return true;
}

constexpr std::size_t kDataDepth = 2;  // the CloudEvent is 1

bool scan_identifier(CommonShapeScanner& scanner, NotificationMembers& members,
                     MemberRecorder& recorder) {
  if (members.identifier) return false;
  const std::size_t start = scanner.offset();
  if (!scanner.consume('{')) return false;
  bool closed = scanner.open_object();
  std::string_view name;
  std::string_view value;
  while (!closed) {
    if (!scanner.key(name) || !scanner.plain_string(value) || !scanner.after_member(closed)) {
      return false;
    }
    recorder.add(name, value);
  }
  members.identifier = span_between(start, scanner);
  members.identifier_is_object = true;
  return true;
}

// Any value; when it is an object, its plain string members are recorded as they are met.
bool scan_payload(CommonShapeScanner& scanner, MemberRecorder& recorder) {
  if (scanner.at('{')) return scanner.object(kDataDepth + 1, &recorder);
  recorder.give_up();
  return scanner.value(kDataDepth);
}

bool scan_data(CommonShapeScanner& scanner, NotificationMembers& members, FieldRecording* recording,
               std::string_view text) {
  if (members.data_is_object || !scanner.consume('{')) return false;
  members.data_is_object = true;
  bool closed = scanner.open_object();
  std::string_view name;
  while (!closed) {
    if (!scanner.key(name)) return false;
    if (name == "identifier") {
      MemberRecorder recorder(recording, text, MemberRecorder::Field::Identifier);
      if (!scan_identifier(scanner, members, recorder)) return false;
      recorder.finish();
    } else if (name == "payload") {
      if (members.payload) return false;
      const std::size_t start = scanner.offset();
      MemberRecorder recorder(recording, text, MemberRecorder::Field::Payload);
      if (!scan_payload(scanner, recorder)) return false;
      recorder.finish();
      members.payload = span_between(start, scanner);
    } else if (!scanner.value(kDataDepth)) {
      return false;
    }
    if (!scanner.after_member(closed)) return false;
  }
  return true;
}

}  // namespace

std::optional<NotificationMembers> scan_common_notification(std::string_view data,
                                                            FieldRecording* recording) noexcept {
  if (recording != nullptr) {
    recording->clear();
    // PlainStringMember's offsets are 32-bit: a larger text is read from its text later.
    if (data.size() > std::numeric_limits<std::uint32_t>::max()) recording = nullptr;
  }
  CommonShapeScanner scanner(data);
  NotificationMembers members;
  scanner.skip_whitespace();  // (a byte order mark is not whitespace: the full walk skips it)
  if (!scanner.consume('{')) return std::nullopt;
  constexpr std::size_t kCloudEventDepth = 1;
  bool closed = scanner.open_object();
  std::string_view name;
  while (!closed) {
    if (!scanner.key(name)) return std::nullopt;
    bool accepted = false;
    if (name == "id") {
      accepted = scan_string_member(scanner, members.id);
    } else if (name == "type") {
      accepted = scan_string_member(scanner, members.type);
    } else if (name == "request_id") {
      accepted = scan_string_member(scanner, members.request_id);
    } else if (name == "data") {
      accepted = scan_data(scanner, members, recording, data);
    } else {
      accepted = scanner.value(kCloudEventDepth);
    }
    if (!accepted || !scanner.after_member(closed)) return std::nullopt;
  }
  scanner.skip_whitespace();
  if (!scanner.at_end() || !members.id || !members.type || !members.identifier) {
    return std::nullopt;
  }
  return members;
}

}  // namespace aviso::watch::frames
