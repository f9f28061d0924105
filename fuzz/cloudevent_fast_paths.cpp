// The two fast paths of the watch decode held to the full readers they stand in for:
//   - scan_common_notification (one tight pass over a CloudEvent of the common shape) must only
//     accept what read_notification_members accepts, and locate the same members; each field it
//     records must build (build_plain_string_object) what read_json builds from its text;
//   - NotificationTemplate (the shape of a stream's last CloudEvent, learnt from the input's first
//     line when the pass accepts it) must only match what the pass accepts, with the same
//     members and the same recording;
//   - read_json_string_object (identifiers of plain strings built directly), with or without a
//     previous object to build in, must give the value read_json gives, or refuse with the same
//     message. The previous object is read from the input's first line when it holds one (a
//     consumer's last identifier), else a usual identifier.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <span>
#include <string>

#include "aviso/error.hpp"
#include "core/json_reader.hpp"
#include "watch/notification_members.hpp"
#include "watch/notification_template.hpp"

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "%s %s\n", what, detail.c_str());
  std::abort();
}

void check_recorded_field(
    const std::string& text, const std::optional<aviso::detail::TextSpan>& field,
    const std::optional<std::span<const aviso::PlainStringMember>>& recorded) {
  if (!recorded) return;  // read from the text later: always allowed
  if (!field) fail("recorded a field that is not there");
  const nlohmann::json expected = aviso::read_json(text.substr(field->offset, field->length));
  if (aviso::build_plain_string_object(text, *recorded, nlohmann::json()) != expected) {
    fail("a recorded field builds a different value:", expected.dump());
  }
}

void check_tight_pass(const std::string& text) {
  aviso::watch::frames::FieldRecording recording;
  const auto scanned = aviso::watch::frames::scan_common_notification(text, &recording);
  if (!scanned) return;  // stepping aside is always allowed: the full walk decides
  const aviso::detail::RecordedFields fields = recording.fields();
  check_recorded_field(text, scanned->identifier, fields.identifier);
  check_recorded_field(text, scanned->payload, fields.payload);
  aviso::sse::SseEvent event;
  event.event = "replay";
  event.data = text;
  aviso::watch::frames::NotificationMembers walked;
  try {
    walked = aviso::watch::frames::read_notification_members(event);
  } catch (const aviso::Error& error) {
    fail("the pass accepted what the walk refuses:", error.what());
  }
  if (!(walked == *scanned)) fail("the pass located different members");
}

bool same_recording(const aviso::watch::frames::FieldRecording& a,
                    const aviso::watch::frames::FieldRecording& b) {
  const auto same = [](const auto& x, const auto& y) {
    if (x.has_value() != y.has_value()) return false;
    return !x || std::equal(x->begin(), x->end(), y->begin(), y->end());
  };
  return same(a.fields().identifier, b.fields().identifier) &&
         same(a.fields().payload, b.fields().payload);
}

void check_template(const std::string& shape_text, const std::string& text) {
  using aviso::watch::frames::FieldRecording;
  FieldRecording learnt_recording;
  const auto learnt = aviso::watch::frames::scan_common_notification(shape_text, &learnt_recording);
  if (!learnt) return;
  aviso::watch::frames::NotificationTemplate shape;
  shape.learn(shape_text, *learnt, learnt_recording);
  FieldRecording by_template;
  const auto matched = shape.match(text, &by_template);
  if (!matched) return;  // left to the pass: always allowed
  FieldRecording by_pass;
  const auto scanned = aviso::watch::frames::scan_common_notification(text, &by_pass);
  if (!scanned) fail("the template matched what the pass refuses");
  if (!(*matched == *scanned)) fail("the template located different members");
  if (!same_recording(by_template, by_pass)) fail("the template recorded different fields");
}

template <class Build>
void check_string_object_builder(const std::string& text, Build build) {
  std::string expected_error;
  nlohmann::json expected;
  try {
    expected = aviso::read_json(text);
  } catch (const aviso::JsonSyntaxError& error) {
    expected_error = error.what();
  }
  try {
    const nlohmann::json actual = build(text);
    if (!expected_error.empty()) fail("accepted what read_json refuses:", expected_error);
    if (actual.type() != expected.type() || actual.dump() != expected.dump()) {
      fail("a different value:", actual.dump());
    }
  } catch (const aviso::JsonSyntaxError& error) {
    if (expected_error != error.what()) fail("a different error:", error.what());
  }
}

nlohmann::json previous_object(const std::string& line) {
  try {
    return aviso::read_json(line);
  } catch (const aviso::JsonSyntaxError&) {
    return aviso::read_json(
        R"({"class":"od","date":"20260601","domain":"g","expver":"0001","step":"1"})");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(bytes), size);
  check_tight_pass(text);
  check_string_object_builder(
      text, [](const std::string& t) { return aviso::read_json_string_object(t); });
  const std::size_t line_end = text.find('\n');
  const std::string first_line = text.substr(0, line_end);
  const std::string rest = line_end == std::string::npos ? text : text.substr(line_end + 1);
  check_template(first_line, rest);
  check_string_object_builder(rest, [&first_line](const std::string& t) {
    return aviso::read_json_string_object(t, previous_object(first_line));
  });
  return 0;
}
