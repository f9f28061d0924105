#include "watch/frame.hpp"

#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

#include "aviso/cloudevent_id.hpp"
#include "aviso/error.hpp"
#include "core/json_reader.hpp"

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

// Only the fields are decoded into JSON values; the envelope stays the text the server sent
// (Notification::received), parsed again only if somebody asks for it.
Frame decode_cloudevent(const std::string& event_name, json envelope, std::string envelope_text) {
  const auto where = [&](std::string_view what) {
    return "'" + event_name + "' CloudEvent " + std::string(what);
  };
  const auto id = envelope.find("id");
  if (id == envelope.end() || !id->is_string()) {
    throw Error::decode(where("has no string \"id\""));
  }
  const auto data_entry = envelope.find("data");
  if (data_entry == envelope.end() || !data_entry->is_object()) {
    throw Error::decode(where("has no object \"data\""));
  }
  json& data = *data_entry;
  const auto identifier_entry = data.find("identifier");
  if (identifier_entry == data.end() || !identifier_entry->is_object()) {
    throw Error::decode(where("has no object \"data.identifier\""));
  }
  json& identifier = *identifier_entry;
  for (const auto& [key, value] : identifier.items()) {
    if (!value.is_string()) {
      throw Error::decode(where("identifier field \"" + key + "\" is not a string"));
    }
  }
  CloudEventId parsed = parse_cloudevent_id(id->get_ref<const std::string&>());
  json payload = nullptr;
  if (const auto it = data.find("payload"); it != data.end()) {
    payload = std::move(*it);
  }
  return NotificationFrame{Notification::received(std::move(parsed.event_type), parsed.sequence,
                                                  std::move(identifier), std::move(payload),
                                                  std::move(envelope_text))};
}

Frame decode_notification_event(sse::SseEvent& event) {
  json object = parse_object(event);
  if (optional_string(object, "type") == "connection_established") {
    return ConnectionEstablished{optional_string(object, "request_id")};
  }
  return decode_cloudevent(event.event, std::move(object), std::move(event.data));
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

Frame decode_frame(sse::SseEvent event) {
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
