#include "watch/frame.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>
#include <vector>

#include "aviso/cloudevent_id.hpp"
#include "aviso/error.hpp"
#include "core/json_reader.hpp"
#include "core/notification_access.hpp"

namespace aviso::watch::frames {
namespace {

using nlohmann::json;

json parse_object(const sse::SseEvent& event) {
  json value;
  try {
    value = read_json(event.data);
  } catch (const JsonSyntaxError& e) {
    throw Error::decode("'" + event.event + "' event data is not valid JSON (" + e.what() + ")");
  }
  if (!value.is_object()) {
    throw Error::decode("'" + event.event + "' event data must be a JSON object, not " +
                        value.type_name());
  }
  return value;
}

std::optional<std::string> optional_string(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) {
    return std::nullopt;
  }
  return it->get<std::string>();
}

std::optional<std::uint64_t> optional_unsigned(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number_unsigned()) {
    return std::nullopt;
  }
  return it->get<std::uint64_t>();
}

// What a `live-notification` / `replay` event holds for this client. Only id, type and
// request_id are built here; data.identifier and data.payload are checked and located, and the
// notification builds them from its text when its consumer first asks (Notification), so the
// I/O thread does not allocate and free them for every event.
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
};

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

// The string at `span`, a checked JSON string literal. Without escapes its bytes are the value,
// viewed in `text`; with escapes it is decoded into `storage`, which must outlive the view.
std::string_view string_at(std::string_view text, detail::TextSpan span, std::string& storage) {
  const std::string_view literal = text.substr(span.offset, span.length);
  const std::string_view inner = literal.substr(1, literal.size() - 2);
  if (inner.find('\\') == std::string_view::npos) return inner;
  storage = read_json(literal).get<std::string>();
  return storage;
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

NotificationMembers read_notification_members(const sse::SseEvent& event) {
  NotificationMembers members;
  try {
    JsonReader reader(event.data);
    if (!reader.enter_object()) {
      const json value = reader.read_value();
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

Frame decode_cloudevent(const std::string& event_name, const NotificationMembers& members,
                        std::string_view envelope_text) {
  const auto where = [&](std::string_view what) {
    return "'" + event_name + "' CloudEvent " + std::string(what);
  };
  if (!members.id) {
    throw Error::decode(where("has no string \"id\""));
  }
  if (!members.data_is_object) {
    throw Error::decode(where("has no object \"data\""));
  }
  if (!members.identifier || !members.identifier_is_object) {
    throw Error::decode(where("has no object \"data.identifier\""));
  }
  const auto& bad_keys = members.identifier_non_string_keys;
  if (!bad_keys.empty()) {
    const std::string& first = *std::min_element(bad_keys.begin(), bad_keys.end());
    throw Error::decode(where("identifier field \"" + first + "\" is not a string"));
  }
  std::string id_storage;
  CloudEventId parsed = parse_cloudevent_id(string_at(envelope_text, *members.id, id_storage));
  return NotificationFrame{
      detail::NotificationAccess::received(std::move(parsed.event_type), parsed.sequence,
                                           envelope_text, *members.identifier, members.payload)};
}

Frame decode_notification_event(const sse::SseEvent& event) {
  NotificationMembers members = read_notification_members(event);
  std::string storage;
  if (members.type && string_at(event.data, *members.type, storage) == "connection_established") {
    std::optional<std::string> request_id;
    if (members.request_id) {
      request_id = std::string(string_at(event.data, *members.request_id, storage));
    }
    return ConnectionEstablished{std::move(request_id)};
  }
  return decode_cloudevent(event.event, members, event.data);
}

Frame decode_replay_control(const sse::SseEvent& event) {
  const json object = parse_object(event);
  const std::optional<std::string> type = optional_string(object, "type");
  if (type == "replay_started") {
    ReplayStarted started;
    started.from_sequence = optional_unsigned(object, "from_sequence");
    started.request_id = optional_string(object, "request_id");
    if (const auto end = object.find("end_sequence"); end != object.end() && !end->is_null()) {
      if (!end->is_number_unsigned()) {
        throw Error::stream_protocol("replay-control: replay_started has an invalid end_sequence " +
                                         end->dump() + " (expected an unsigned integer)",
                                     started.request_id);
      }
      started.end_sequence = end->get<std::uint64_t>();
    }
    return started;
  }
  if (type == "replay_completed") {
    return ReplayCompleted{};
  }
  if (type == "notification_replay_limit_reached") {
    return ReplayLimitReached{optional_unsigned(object, "max_allowed")};
  }
  return Unknown{event.event, type.value_or("")};
}

Frame decode_error_event(const sse::SseEvent& event) {
  // Lenient on purpose: whatever the shape, the stream is over and the user needs the text.
  json object;
  try {
    object = read_json(event.data);
  } catch (const JsonSyntaxError&) {
    return ErrorFrame{event.data.empty() ? "server error event" : event.data, std::nullopt};
  }
  if (!object.is_object()) {
    return ErrorFrame{event.data, std::nullopt};
  }
  std::string message =
      optional_string(object, "message")
          .value_or(optional_string(object, "error").value_or("server error event"));
  return ErrorFrame{std::move(message), optional_string(object, "request_id")};
}

Frame decode_connection_closing(const sse::SseEvent& event) {
  const json object = parse_object(event);
  auto reason = optional_string(object, "reason");
  if (!reason) {
    throw Error::decode("'connection-closing' event has no string \"reason\"");
  }
  return ConnectionClosing{std::move(*reason), optional_string(object, "request_id")};
}

}  // namespace

Frame decode_frame(const sse::SseEvent& event) {
  if (event.event == "live-notification" || event.event == "replay") {
    return decode_notification_event(event);
  }
  if (event.event == "replay-control") {
    return decode_replay_control(event);
  }
  if (event.event == "heartbeat") {
    return Heartbeat{};  // its data (timestamp, topic) carries nothing the client needs
  }
  if (event.event == "error") {
    return decode_error_event(event);
  }
  if (event.event == "connection-closing") {
    return decode_connection_closing(event);
  }
  return Unknown{event.event, ""};
}

}  // namespace aviso::watch::frames
