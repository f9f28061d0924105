// Typed meaning of one SSE event of an aviso watch/replay stream (spec protocol.md 2.3).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "aviso/notification.hpp"
#include "sse/sse_event.hpp"
#include "watch/notification_template.hpp"

namespace aviso::watch::frames {

// `live-notification` (or `replay`) whose data has type "connection_established".
struct ConnectionEstablished {
  std::optional<std::string> request_id;
  friend bool operator==(const ConnectionEstablished&, const ConnectionEstablished&) = default;
};

// `replay-control` / replay_started: first event of every stream that starts with history.
struct ReplayStarted {
  std::optional<std::uint64_t> from_sequence;  // null when the request used from_date
  std::optional<std::uint64_t> end_sequence;   // the end the server resolved, if it reports one
  std::optional<std::string> request_id;
  friend bool operator==(const ReplayStarted&, const ReplayStarted&) = default;
};

struct ReplayCompleted {
  friend bool operator==(const ReplayCompleted&, const ReplayCompleted&) = default;
};

// `replay-control` / notification_replay_limit_reached: the server truncated the history.
struct ReplayLimitReached {
  std::optional<std::uint64_t> max_allowed;  // missing is a protocol error, decided by the caller
  friend bool operator==(const ReplayLimitReached&, const ReplayLimitReached&) = default;
};

struct Heartbeat {
  friend bool operator==(const Heartbeat&, const Heartbeat&) = default;
};

// A CloudEvent from `live-notification` or `replay`, with the envelope text kept.
struct NotificationFrame {
  Notification notification;
  friend bool operator==(const NotificationFrame&, const NotificationFrame&) = default;
};

// `error`: the server could not produce part of the stream.
struct ErrorFrame {
  std::string message;
  std::optional<std::string> request_id;
  friend bool operator==(const ErrorFrame&, const ErrorFrame&) = default;
};

// `connection-closing`: always the last event of a gracefully ended stream.
struct ConnectionClosing {
  std::string reason;
  std::optional<std::string> request_id;
  friend bool operator==(const ConnectionClosing&, const ConnectionClosing&) = default;
};

// An event name or control type this client does not know: ignored for forward compatibility.
struct Unknown {
  std::string event;
  std::string type;  // the control `type`, for replay-control; else empty
  friend bool operator==(const Unknown&, const Unknown&) = default;
};

using Frame =
    std::variant<ConnectionEstablished, ReplayStarted, ReplayCompleted, ReplayLimitReached,
                 Heartbeat, NotificationFrame, ErrorFrame, ConnectionClosing, Unknown>;

// Classifies and decodes one event. Throws aviso::Error:
//   Decode: data that is not JSON or not the expected shape (naming the event and the field);
//   MalformedEvent: a CloudEvent id that is not "<event_type>@<u64>";
//   StreamProtocol: replay_started with an end_sequence that is not an unsigned integer.
// A notification keeps a copy of the data text as its CloudEvent envelope. With a `shape`, a
// CloudEvent shaped like the stream's last one is checked against it, and any other that the
// tight pass accepts becomes the shape (notification_template.hpp); the result is the same.
Frame decode_frame(const sse::SseEvent& event, NotificationTemplate* shape = nullptr);

}  // namespace aviso::watch::frames
