// Where the members a watch needs sit in the text of a `live-notification` / `replay` event.
// Only id, type and request_id are built by the decoder; data.identifier and data.payload are
// checked and located, and the notification builds them from its text when its consumer first
// asks (Notification), so the I/O thread does not allocate and free them for every event.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json_reader.hpp"
#include "core/notification_access.hpp"
#include "sse/sse_event.hpp"

namespace aviso::watch::frames {

class MemberRecorder;

struct NotificationMembers {
  // Where the (last) string value of each member is; none when absent or not a string. They are
  // decoded only when needed, and without building a JSON value for each.
  std::optional<detail::TextSpan> id;
  std::optional<detail::TextSpan> type;  // "connection_established" marks a live stream's opening
  std::optional<detail::TextSpan> request_id;  // of the opening event
  bool data_is_object = false;
  std::optional<detail::TextSpan> identifier;
  bool identifier_is_object = false;
  // Keys whose (last) value is not a string; the error names the first in key order, as a
  // walk of the built object would.
  std::vector<std::string> identifier_non_string_keys;
  std::optional<detail::TextSpan> payload;

  friend bool operator==(const NotificationMembers&, const NotificationMembers&) = default;
};

// The full walk with the JSON reader: any text. Throws aviso::Error (Decode) naming the event
// when the data is not JSON or not an object, with the reader's message and byte offset.
NotificationMembers read_notification_members(const sse::SseEvent& event);

// Where the tight pass met each member of data.identifier, and of data.payload when that is an
// object of strings, so that the notification can build them later without reading their text
// again (detail::RecordedFields). Up to kCapacity members in all; a field with more is not
// recorded, and is read from its text.
class FieldRecording {
 public:
  static constexpr std::size_t kCapacity = 32;

  // What the last pass to accept a text recorded of it; views of this recording.
  detail::RecordedFields fields() const;
  // Forgets all members, before a pass.
  void clear() noexcept {
    size_ = 0;
    identifier_.reset();
    payload_.reset();
  }

 private:
  friend class MemberRecorder;
  using Range = std::pair<std::size_t, std::size_t>;  // [first, last) in members_
  // Left unset until recorded (up to size_): a recording is made for every event.
  std::array<PlainStringMember, kCapacity> members_;
  std::size_t size_ = 0;
  std::optional<Range> identifier_;
  std::optional<Range> payload_;
};

// Records the members of one field of the notification in a FieldRecording, as a pass meets
// them (the tight pass, or a NotificationTemplate). Without a recording it records nothing.
class MemberRecorder {
 public:
  enum class Field { Identifier, Payload };

  MemberRecorder(FieldRecording* recording, std::string_view text, Field field)
      : recording_(recording),
        field_(field == Field::Identifier ? &FieldRecording::identifier_
                                          : &FieldRecording::payload_),
        text_(text),
        first_(recording != nullptr ? recording->size_ : 0),
        whole_(recording != nullptr) {}

  // `key` and `value` are views of the text: the contents of two plain strings.
  void add(std::string_view key, std::string_view value) {
    if (!whole_) return;
    if (recording_->size_ == FieldRecording::kCapacity) {
      whole_ = false;
      return;
    }
    recording_->members_[recording_->size_++] =
        PlainStringMember{offset_of(key), static_cast<std::uint32_t>(key.size()), offset_of(value),
                          static_cast<std::uint32_t>(value.size())};
  }

  // A member whose value is not a plain string: the field is read from its text.
  void give_up() { whole_ = false; }

  // Keeps the field's members when all of them were recorded, else lets them go.
  void finish() {
    if (recording_ == nullptr) return;
    if (whole_) {
      recording_->*field_ = FieldRecording::Range{first_, recording_->size_};
    } else {
      recording_->size_ = first_;
    }
  }

 private:
  std::uint32_t offset_of(std::string_view piece) const {
    return static_cast<std::uint32_t>(piece.data() - text_.data());
  }

  FieldRecording* recording_;
  std::optional<FieldRecording::Range> FieldRecording::*field_;
  std::string_view text_;
  std::size_t first_;
  bool whole_;
};

// The common case in one tight pass: a CloudEvent whose strings hold only printable ASCII (no
// escapes), whose numbers have no exponent, nested at most 64 deep, naming id, type, request_id,
// data, data.identifier and data.payload at most once each, with a string id and type, an object
// data and an identifier object of strings. Then the result is exactly what
// read_notification_members gives, and the text is valid JSON. Anything else, valid or not,
// gives nullopt: the full walk then decides, with its exact errors. With a `recording`, the
// members of the fields are recorded in it as well.
std::optional<NotificationMembers> scan_common_notification(
    std::string_view data, FieldRecording* recording = nullptr) noexcept;

}  // namespace aviso::watch::frames
