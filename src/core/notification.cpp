#include "aviso/notification.hpp"

#include <mutex>

namespace aviso {

// The text is what the server sent; `parsed` is filled once, by whichever thread asks first.
struct Notification::Envelope {
  std::string text;
  mutable std::once_flag parse_once;
  mutable std::optional<nlohmann::json> parsed;
};

Notification::Notification(std::string event_type, std::uint64_t sequence,
                           nlohmann::json identifier, nlohmann::json payload,
                           std::optional<nlohmann::json> cloudevent)
    : event_type_(std::move(event_type)),
      sequence_(sequence),
      identifier_(std::move(identifier)),
      payload_(std::move(payload)) {
  if (cloudevent) {
    auto envelope = std::make_shared<Envelope>();
    envelope->text = cloudevent->dump();
    envelope->parsed = std::move(cloudevent);
    std::call_once(envelope->parse_once, [] {});  // already parsed
    cloudevent_ = std::move(envelope);
  }
}

Notification Notification::received(std::string event_type, std::uint64_t sequence,
                                    nlohmann::json identifier, nlohmann::json payload,
                                    std::string cloudevent_text) {
  Notification notification(std::move(event_type), sequence, std::move(identifier),
                            std::move(payload));
  auto envelope = std::make_shared<Envelope>();
  envelope->text = std::move(cloudevent_text);
  notification.cloudevent_ = std::move(envelope);
  return notification;
}

const std::optional<nlohmann::json>& Notification::cloudevent() const {
  static const std::optional<nlohmann::json> none;
  if (!cloudevent_) return none;
  const Envelope& envelope = *cloudevent_;
  std::call_once(envelope.parse_once, [&envelope] {
    // The stream decoder parsed this same text before keeping it, so it is valid JSON.
    envelope.parsed = nlohmann::json::parse(envelope.text, nullptr, false);
  });
  return envelope.parsed;
}

std::optional<std::string_view> Notification::cloudevent_text() const noexcept {
  if (!cloudevent_) return std::nullopt;
  return std::string_view(cloudevent_->text);
}

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
