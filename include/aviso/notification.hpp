// One delivered notification. Public header: C++17.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace aviso {

namespace detail {
struct NotificationAccess;
}  // namespace detail

// The notification as the watch delivers it to a consumer and to triggers.
//
// Accessors mirror the reference C++ facade (`event_type()`, `sequence()`,
// `identifier_json()`, `payload_json()`), so facade handlers compile unchanged; the JSON values
// are also available directly. Its JSON form has exactly the keys event_type, sequence,
// identifier, payload, in that order, with identifier keys sorted: the line the echo and log
// triggers print and AVISO_NOTIFICATION_JSON.
class Notification {
 public:
  Notification() = default;
  Notification(std::string event_type, std::uint64_t sequence,
               nlohmann::json identifier = nlohmann::json::object(),
               nlohmann::json payload = nullptr,
               std::optional<nlohmann::json> cloudevent = std::nullopt);

  const std::string& event_type() const noexcept { return event_type_; }
  std::uint64_t sequence() const noexcept { return sequence_; }
  // A notification from a stream keeps the CloudEvent as the text the server sent (checked when
  // it arrived) and builds these JSON values on first use, once, on whichever thread asks first:
  // the I/O thread of a client only checks, the consumer pays for what it reads.
  // Object of field -> value. The server sends canonical values as strings ("12").
  const nlohmann::json& identifier() const;
  // Any JSON value; null when the producer sent none.
  const nlohmann::json& payload() const;
  // The CloudEvent envelope, when the notification came from a stream (parsed on first use;
  // safe to call from several threads).
  const std::optional<nlohmann::json>& cloudevent() const;
  // The same envelope byte for byte as the server sent it (the post trigger forwards this), or
  // nullopt when the notification did not come from a stream.
  std::optional<std::string_view> cloudevent_text() const noexcept;
  // "<event_type>@<sequence>", the CloudEvent id.
  std::string id() const;

  std::string identifier_json() const;  // compact JSON
  std::string payload_json() const;     // compact JSON ("null" when absent)

  // {"event_type":..,"sequence":..,"identifier":{..},"payload":..}
  nlohmann::ordered_json to_ordered_json() const;
  std::string to_json() const;         // compact, no trailing newline
  std::string to_pretty_json() const;  // 2-space indent, no trailing newline

  friend bool operator==(const Notification& a, const Notification& b) {
    return a.event_type_ == b.event_type_ && a.sequence_ == b.sequence_ &&
           a.identifier() == b.identifier() && a.payload() == b.payload();
  }

 private:
  friend struct detail::NotificationAccess;
  struct Body;
  std::string event_type_;
  std::uint64_t sequence_ = 0;
  // Shared by copies, never changed once built except for the values decoded on first use.
  // Null: an empty identifier, a null payload and no envelope.
  std::shared_ptr<const Body> body_;
};

}  // namespace aviso
