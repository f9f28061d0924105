#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "api_error.hpp"
#include "schema.hpp"
#include "time_text.hpp"
#include "watch_filter.hpp"

namespace aviso::server {

// A validated watch or replay request: what the streaming layer needs to open the SSE body.
struct StreamPlan {
  Operation operation = Operation::Watch;  // Watch or Replay
  std::string request_id;
  const EventSchema* schema = nullptr;
  WatchFilter filter;
  std::string topic;    // decoded pattern, shown in control events
  bool replay = false;  // a start cursor was given
  std::optional<std::uint64_t> from_id;
  std::optional<Instant> from_date;
  // Extension (to_id/to_date): the last sequence to deliver; the stream then ends.
  std::optional<std::uint64_t> end_sequence;
  Instant accepted_at;
};

}  // namespace aviso::server
