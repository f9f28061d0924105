// How the stream decoder builds a Notification that decodes its fields on first use. Internal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "aviso/notification.hpp"
#include "core/json_reader.hpp"

namespace aviso::detail {

// A JSON value inside a longer text: [offset, offset + length).
struct TextSpan {
  std::size_t offset = 0;
  std::size_t length = 0;
  friend bool operator==(const TextSpan&, const TextSpan&) = default;
};

// The members of data.identifier and of data.payload as the decoder's check recorded them in the
// envelope text, for each that is an object of plain strings (see PlainStringMember): the
// notification then builds it from them, without reading its text again. None: from the text.
struct RecordedFields {
  std::optional<std::span<const PlainStringMember>> identifier;
  std::optional<std::span<const PlainStringMember>> payload;
};

struct NotificationAccess {
  // `envelope_text` is a CloudEvent the caller has checked: valid JSON whose data.identifier (at
  // `identifier`) is an object of strings; `payload` is where data.payload is, if present.
  // The notification keeps copies of the text and of the recorded members.
  static Notification received(std::string event_type, std::uint64_t sequence,
                               std::string_view envelope_text, TextSpan identifier,
                               std::optional<TextSpan> payload,
                               const RecordedFields& recorded = {});
};

}  // namespace aviso::detail
