// What to watch: event type, filter, start, end, triggers. Public header: C++17.
//
//   // Everything after sequence 41 for UK "mars" notifications, then live:
//   auto request = aviso::WatchRequest::watch_from("mars", aviso::ResumeStart::after_sequence(41))
//                      .filter({{"country", "UK"}});
//
// The reference C++ facade's style compiles too:
//
//   aviso::WatchRequest request("mars");
//   request.filter_json(R"({"country":"UK"})").watch_from_sequence(41);
//
// The request is a plain copyable value; nothing is sent until a client watches it.
#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "aviso/trigger.hpp"
#include "aviso/watch_types.hpp"

namespace aviso {

class WatchRequest {
 public:
  // Live only: notifications stored from now on (unless a state store holds a saved position).
  static WatchRequest watch(std::string event_type);
  // History from `start`, then live.
  static WatchRequest watch_from(std::string event_type, ResumeStart start);
  // History from `start`, then the watch ends. There is no replay without a start.
  static WatchRequest replay_only(std::string event_type, ResumeStart start);
  // History from `start` through `end` (inclusive), then the watch ends.
  static WatchRequest replay_range(std::string event_type, ResumeStart start, ReplayEnd end);

  // The reference facade's constructor: a live watch of `event_type`; the setters below add a
  // start, an end or make it replay-only.
  explicit WatchRequest(const std::string& event_type);

  // Identifier filter, sent as `identifier`. Values may be strings, numbers, or constraint
  // objects such as {"in": ["od", "rd"]}. Setting it replaces the whole filter; an empty object
  // means no filter. Throws aviso::Error (InvalidInput) when `filter` is not a JSON object.
  WatchRequest& filter(nlohmann::json filter);
  // The same from JSON text. Throws aviso::Error (InvalidInput) naming the problem when the text
  // is not JSON or not an object.
  WatchRequest& filter_json(const std::string& json);
  const nlohmann::json& filter() const noexcept { return filter_; }

  // Facade setters; the last start setter called wins, in any order with until_*().
  // `sequence` is exclusive, as everywhere in aviso: watch_from_sequence(41) first delivers 42.
  WatchRequest& watch_from_sequence(std::uint64_t sequence);
  WatchRequest& watch_from_date(const std::string& date);
  WatchRequest& replay_from_sequence(std::uint64_t sequence);
  WatchRequest& replay_from_date(const std::string& date);
  // End of a replay-only request, inclusive. check_watch_request() refuses an end on a request
  // that is not replay-only (a live watch has no end).
  WatchRequest& until_sequence(std::uint64_t sequence);
  WatchRequest& until_date(const std::string& date);

  // Time allowed from the start of the watch until the server first confirms it, across any
  // number of retries. Zero (the default) means no limit.
  WatchRequest& startup_timeout(std::chrono::milliseconds timeout);
  const std::optional<std::chrono::milliseconds>& startup_timeout() const noexcept {
    return startup_timeout_;
  }

  // Opt-in: end the watch with a HistoryGap error when a sequence is skipped. Only meaningful for
  // an unfiltered watch of a stream with its own counter (JetStream): the in-memory server shares
  // one counter across every event type and filtered streams skip by design, so by default a
  // jump is normal and delivery simply continues.
  WatchRequest& strict_gap_detection(bool enabled);
  bool strict_gap_detection() const noexcept { return strict_gap_detection_; }

  // Triggers run in order before each delivery. add_trigger() appends; triggers() replaces.
  WatchRequest& add_trigger(Trigger trigger);
  WatchRequest& triggers(std::vector<Trigger> triggers);
  const std::vector<Trigger>& triggers() const noexcept { return triggers_; }

  const std::string& event_type() const noexcept { return event_type_; }
  WatchMode mode() const noexcept { return mode_; }
  const std::optional<ResumeStart>& from() const noexcept { return from_; }
  const std::optional<ReplayEnd>& until() const noexcept { return until_; }

 private:
  WatchRequest(std::string event_type, WatchMode mode, std::optional<ResumeStart> from,
               std::optional<ReplayEnd> until);

  std::string event_type_;
  WatchMode mode_ = WatchMode::Watch;
  std::optional<ResumeStart> from_;
  std::optional<ReplayEnd> until_;
  nlohmann::json filter_ = nlohmann::json::object();
  std::optional<std::chrono::milliseconds> startup_timeout_;
  bool strict_gap_detection_ = false;
  std::vector<Trigger> triggers_;
};

// Checks what the server and the resume machinery need before anything is opened, and throws
// aviso::Error naming the problem:
//   Config: empty event type; a filter that is not an object or holds a non-finite number;
//           after_sequence(18446744073709551615) ("from_id overflow ..."); an end sequence not
//           after the start sequence (the replay could deliver nothing).
//   InvalidInput: an end (until_*) on a request that is not replay-only.
void check_watch_request(const WatchRequest& request);

}  // namespace aviso
