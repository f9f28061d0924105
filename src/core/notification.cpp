#include "aviso/notification.hpp"

namespace aviso {

Notification::Notification(std::string event_type, std::uint64_t sequence,
                           nlohmann::json identifier, nlohmann::json payload,
                           std::optional<nlohmann::json> cloudevent)
    : event_type_(std::move(event_type)),
      sequence_(sequence),
      identifier_(std::move(identifier)),
      payload_(std::move(payload)),
      cloudevent_(std::move(cloudevent)) {}

std::string Notification::id() const { return event_type_ + "@" + std::to_string(sequence_); }

std::string Notification::identifier_json() const { return identifier_.dump(); }

std::string Notification::payload_json() const { return payload_.dump(); }

nlohmann::ordered_json Notification::to_ordered_json() const {
  nlohmann::ordered_json out;
  out["event_type"] = event_type_;
  out["sequence"] = sequence_;
  // nlohmann::json objects keep keys sorted, as the reference's ordered map does.
  out["identifier"] = nlohmann::ordered_json::parse(identifier_.dump());
  out["payload"] = nlohmann::ordered_json::parse(payload_.dump());
  return out;
}

std::string Notification::to_json() const { return to_ordered_json().dump(); }

std::string Notification::to_pretty_json() const { return to_ordered_json().dump(2); }

}  // namespace aviso
