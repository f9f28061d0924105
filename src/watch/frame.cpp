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
#include "watch/notification_members.hpp"

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

// The string at `span`, a checked JSON string literal. Without escapes its bytes are the value,
// viewed in `text`; with escapes it is decoded into `storage`, which must outlive the view.
std::string_view string_at(std::string_view text, detail::TextSpan span, std::string& storage) {
  const std::string_view literal = text.substr(span.offset, span.length);
  const std::string_view inner = literal.substr(1, literal.size() - 2);
  if (inner.find('\\') == std::string_view::npos) return inner;
  storage = read_json(literal).get<std::string>();
  return storage;
}

Frame decode_cloudevent(const std::string& event_name, const NotificationMembers& members,
                        std::string_view envelope_text, const detail::RecordedFields& recorded) {
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
  return NotificationFrame{detail::NotificationAccess::received(
      std::move(parsed.event_type), parsed.sequence, envelope_text, *members.identifier,
      members.payload, recorded)};
}

Frame decode_notification_event(const sse::SseEvent& event, NotificationTemplate* shape) {
  // Almost every event has the common shape, which one tight pass checks and locates, recording
  // the fields' members for the consumer; the full walk decides the rest, with its exact errors.
  // Most are shaped like the stream's previous one, which a comparison of bytes settles.
  FieldRecording recording;
  std::optional<NotificationMembers> common;
  if (shape != nullptr) common = shape->match(event.data, &recording);
  if (!common) {
    common = scan_common_notification(event.data, &recording);
    if (common && shape != nullptr && shape->wants_to_learn()) {
      shape->learn(event.data, *common, recording);
    }
  }
  const NotificationMembers members =
      common ? std::move(*common) : read_notification_members(event);
  const detail::RecordedFields recorded = common ? recording.fields() : detail::RecordedFields{};
  std::string storage;
  if (members.type && string_at(event.data, *members.type, storage) == "connection_established") {
    std::optional<std::string> request_id;
    if (members.request_id) {
      request_id = std::string(string_at(event.data, *members.request_id, storage));
    }
    return ConnectionEstablished{std::move(request_id)};
  }
  return decode_cloudevent(event.event, members, event.data, recorded);
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

Frame decode_frame(const sse::SseEvent& event, NotificationTemplate* shape) {
  if (event.event == "live-notification" || event.event == "replay") {
    return decode_notification_event(event, shape);
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
