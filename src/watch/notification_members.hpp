// Where the members a watch needs sit in the text of a `live-notification` / `replay` event.
// Only id, type and request_id are built by the decoder; data.identifier and data.payload are
// checked and located, and the notification builds them from its text when its consumer first
// asks (Notification), so the I/O thread does not allocate and free them for every event.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/notification_access.hpp"
#include "sse/sse_event.hpp"

namespace aviso::watch::frames {

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

// The common case in one tight pass: a CloudEvent whose strings hold only printable ASCII (no
// escapes), whose numbers have no exponent, nested at most 64 deep, naming id, type, request_id,
// data, data.identifier and data.payload at most once each, with a string id and type, an object
// data and an identifier object of strings. Then the result is exactly what
// read_notification_members gives, and the text is valid JSON. Anything else, valid or not,
// gives nullopt: the full walk then decides, with its exact errors.
std::optional<NotificationMembers> scan_common_notification(std::string_view data) noexcept;

}  // namespace aviso::watch::frames
