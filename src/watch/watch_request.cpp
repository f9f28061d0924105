#include "aviso/watch_request.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "aviso/error.hpp"

namespace aviso {
namespace {

const char* json_type_name(const nlohmann::json& value) { return value.type_name(); }

// Walks the filter and names the first non-finite number by its path (filter["a"][2]): such a
// value has no JSON text, so it would silently reach the server as null.
void check_finite(const nlohmann::json& value, const std::string& path) {
  if (value.is_number_float() && !std::isfinite(value.get<double>())) {
    throw Error::config("filter value at " + path + " is not a finite number");
  }
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      check_finite(item, path + "[" + nlohmann::json(key).dump() + "]");
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      check_finite(value[i], path + "[" + std::to_string(i) + "]");
    }
  }
}

}  // namespace

WatchRequest::WatchRequest(std::string event_type, WatchMode mode, std::optional<ResumeStart> from,
                           std::optional<ReplayEnd> until)
    : event_type_(std::move(event_type)),
      mode_(mode),
      from_(std::move(from)),
      until_(std::move(until)) {}

WatchRequest::WatchRequest(const std::string& event_type)
    : WatchRequest(event_type, WatchMode::Watch, std::nullopt, std::nullopt) {}

WatchRequest WatchRequest::watch(std::string event_type) {
  return WatchRequest(std::move(event_type), WatchMode::Watch, std::nullopt, std::nullopt);
}

WatchRequest WatchRequest::watch_from(std::string event_type, ResumeStart start) {
  return WatchRequest(std::move(event_type), WatchMode::Watch, std::move(start), std::nullopt);
}

WatchRequest WatchRequest::replay_only(std::string event_type, ResumeStart start) {
  return WatchRequest(std::move(event_type), WatchMode::ReplayOnly, std::move(start), std::nullopt);
}

WatchRequest WatchRequest::replay_range(std::string event_type, ResumeStart start, ReplayEnd end) {
  return WatchRequest(std::move(event_type), WatchMode::ReplayOnly, std::move(start),
                      std::move(end));
}

WatchRequest& WatchRequest::filter(nlohmann::json filter) {
  if (!filter.is_object()) {
    throw Error::invalid_input(std::string("the filter must be a JSON object, not ") +
                               json_type_name(filter));
  }
  filter_ = std::move(filter);
  return *this;
}

WatchRequest& WatchRequest::filter_json(const std::string& json) {
  nlohmann::json parsed;
  try {
    parsed = nlohmann::json::parse(json);
  } catch (const nlohmann::json::parse_error& e) {
    throw Error::invalid_input(std::string("filter_json is not valid JSON: ") + e.what());
  }
  if (!parsed.is_object()) {
    throw Error::invalid_input(std::string("filter_json must be a JSON object, not ") +
                               json_type_name(parsed));
  }
  return filter(std::move(parsed));
}

WatchRequest& WatchRequest::watch_from_sequence(std::uint64_t sequence) {
  mode_ = WatchMode::Watch;
  from_ = ResumeStart::after_sequence(sequence);
  return *this;
}

WatchRequest& WatchRequest::watch_from_date(const std::string& date) {
  mode_ = WatchMode::Watch;
  from_ = ResumeStart::at_date(date);
  return *this;
}

WatchRequest& WatchRequest::replay_from_sequence(std::uint64_t sequence) {
  mode_ = WatchMode::ReplayOnly;
  from_ = ResumeStart::after_sequence(sequence);
  return *this;
}

WatchRequest& WatchRequest::replay_from_date(const std::string& date) {
  mode_ = WatchMode::ReplayOnly;
  from_ = ResumeStart::at_date(date);
  return *this;
}

WatchRequest& WatchRequest::until_sequence(std::uint64_t sequence) {
  until_ = ReplayEnd::through_sequence(sequence);
  return *this;
}

WatchRequest& WatchRequest::until_date(const std::string& date) {
  until_ = ReplayEnd::through_date(date);
  return *this;
}

WatchRequest& WatchRequest::startup_timeout(std::chrono::milliseconds timeout) {
  if (timeout <= std::chrono::milliseconds::zero()) {
    startup_timeout_.reset();  // zero means "no limit", as in the reference
  } else {
    startup_timeout_ = timeout;
  }
  return *this;
}

WatchRequest& WatchRequest::strict_gap_detection(bool enabled) {
  strict_gap_detection_ = enabled;
  return *this;
}

WatchRequest& WatchRequest::add_trigger(Trigger trigger) {
  triggers_.push_back(std::move(trigger));
  return *this;
}

WatchRequest& WatchRequest::triggers(std::vector<Trigger> triggers) {
  triggers_ = std::move(triggers);
  return *this;
}

void check_watch_request(const WatchRequest& request) {
  if (request.event_type().empty()) {
    throw Error::config("the watch request has an empty event_type");
  }
  if (!request.filter().is_object()) {
    throw Error::config(std::string("the filter must be a JSON object, not ") +
                        json_type_name(request.filter()));
  }
  check_finite(request.filter(), "filter");
  if (request.mode() == WatchMode::ReplayOnly && !request.from()) {
    // Unreachable through the public constructors; kept so the invariant is checked in one place.
    throw Error::config("replay-only watch requires a resume position");
  }
  const std::optional<std::uint64_t> after =
      request.from() ? request.from()->sequence() : std::nullopt;
  if (after && *after == std::numeric_limits<std::uint64_t>::max()) {
    throw Error::config("from_id overflow: cannot start after sequence " + std::to_string(*after) +
                        ", there is no next sequence");
  }
  if (request.until()) {
    if (request.mode() != WatchMode::ReplayOnly) {
      throw Error::invalid_input(
          "an end (until_sequence/until_date) needs a replay-only request (replay_only, "
          "replay_from_sequence or replay_from_date); a live watch has no end");
    }
    const std::optional<std::uint64_t> last = request.until()->sequence();
    if (after && last && *last <= *after) {
      throw Error::config("the replay ends at sequence " + std::to_string(*last) +
                          " but starts after sequence " + std::to_string(*after) +
                          ", so it could deliver nothing");
    }
  }
}

}  // namespace aviso
