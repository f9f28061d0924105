#include "watch/wire_body.hpp"

#include <limits>

#include "aviso/error.hpp"

namespace aviso::watch {

std::string_view endpoint_path(WatchMode mode) {
  return mode == WatchMode::Watch ? "api/v1/watch" : "api/v1/replay";
}

std::string from_id_after(std::uint64_t after_sequence) {
  if (after_sequence == std::numeric_limits<std::uint64_t>::max()) {
    throw Error::config("from_id overflow: cannot start after sequence " +
                        std::to_string(after_sequence) + ", there is no next sequence");
  }
  return std::to_string(after_sequence + 1);
}

nlohmann::ordered_json build_wire_body(std::string_view event_type, const nlohmann::json& filter,
                                       const std::optional<ResumeStart>& start,
                                       const std::optional<ReplayEnd>& end) {
  nlohmann::ordered_json body;
  body["event_type"] = std::string(event_type);
  body["identifier"] =
      filter.is_object() ? nlohmann::ordered_json(filter) : nlohmann::ordered_json::object();
  if (start) {
    if (const auto after = start->sequence()) {
      body["from_id"] = from_id_after(*after);
    } else {
      body["from_date"] = *start->date();
    }
  }
  if (end) {
    if (const auto last = end->sequence()) {
      body["to_id"] = std::to_string(*last);
    } else {
      body["to_date"] = *end->date();
    }
  }
  return body;
}

}  // namespace aviso::watch
