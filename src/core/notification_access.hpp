// How the stream decoder builds a Notification that decodes its fields on first use. Internal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "aviso/notification.hpp"

namespace aviso::detail {

// A JSON value inside a longer text: [offset, offset + length).
struct TextSpan {
  std::size_t offset = 0;
  std::size_t length = 0;
  friend bool operator==(const TextSpan&, const TextSpan&) = default;
};

struct NotificationAccess {
  // `envelope_text` is a CloudEvent the caller has checked: valid JSON whose data.identifier (at
  // `identifier`) is an object of strings; `payload` is where data.payload is, if present.
  static Notification received(std::string event_type, std::uint64_t sequence,
                               std::string_view envelope_text, TextSpan identifier,
                               std::optional<TextSpan> payload);
};

}  // namespace aviso::detail
