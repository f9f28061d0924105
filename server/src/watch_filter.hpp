#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "constraint.hpp"
#include "schema.hpp"
#include "spatial.hpp"
#include "stored_message.hpp"
#include "topic.hpp"

namespace aviso::server {

// Everything a watch/replay identifier asks for (protocol sections 3.4 and 3.6-3.8): a topic
// pattern, constraints on topic tokens, and an optional spatial filter.
struct WatchFilter {
  TopicPattern pattern;
  std::vector<std::pair<std::size_t, Constraint>> constraints;  // topic token index -> constraint
  // A constraint on a declared field outside key_order can never be evaluated, so nothing matches.
  bool matches_nothing = false;
  std::optional<Polygon> polygon;
  std::optional<GeoPoint> point;

  // Pattern only: what the store uses to pick candidate topics.
  bool topic_matches(const StoredMessage& message) const;
  // Pattern, constraints and spatial filter.
  bool matches(const StoredMessage& message) const;
};

// Builds the filter of a watch/replay identifier. `operation_name` is "watch" or "replay" (used in
// messages). Throws ValidationError; checks the spatial pair first, as the reference does.
WatchFilter build_watch_filter(const EventSchema& schema, const nlohmann::json& identifier,
                               std::string_view operation_name);

}  // namespace aviso::server
