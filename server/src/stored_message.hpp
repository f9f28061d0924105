#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "spatial.hpp"
#include "time_text.hpp"

namespace aviso::server {

// What notify hands to the store: a validated notification, not yet numbered.
struct NotificationDraft {
  std::string event_type;
  std::vector<std::string> topic_tokens;  // decoded: base, then canonical key_order values
  nlohmann::json payload;                 // JSON null when the notify carried none
  std::optional<std::string> polygon_text;
  std::optional<Polygon> polygon;
};

// One notification as the store keeps it. Immutable once stored and shared by every stream.
struct StoredMessage {
  std::uint64_t sequence = 0;
  Instant stored_at;
  std::string topic_key;  // the encoded topic
  NotificationDraft content;
  // The CloudEvent JSON, rendered once for all streams that deliver this message. Only the I/O
  // thread touches it.
  mutable std::string rendered_cloudevent;
};

using MessagePtr = std::shared_ptr<const StoredMessage>;

}  // namespace aviso::server
