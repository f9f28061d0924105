// The startup banner of one listener (surfaces.md 1.8): an INFO line on stderr naming the
// listener, its event type, its filter, its triggers and where it starts, so an operator sees at
// a glance what a long-running `aviso listen` is doing and whether it picked up its saved
// position.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "aviso/watch_request.hpp"
#include "listener_spec.hpp"
#include "log.hpp"

namespace aviso::cli {

// Where the cursor of a listen lives, for the banner: "state file
// /home/me/.config/aviso/state.json" or "memory only (--no-state-store)"; empty for a replay, which
// keeps none.
struct CursorStore {
  std::string description;
  std::optional<std::uint64_t> stored_sequence;  // what the store holds for this listener
};

// event.name "cli.listener.started", e.g.
//   listener `mars-od`: event mars, filter {"class":"od"}, triggers echo, command; resumes after
//   stored sequence 12 (state file /home/me/.config/aviso/state.json)
LogRecord listener_banner(const ListenerSpec& listener, const aviso::WatchRequest& request,
                          const CursorStore& cursor);

// Only the "where it starts" part: "resumes after stored sequence 12 (state file ...)",
// "starts after sequence 41", "starts at 2026-05-01T00:00:00.000000Z", "starts live: ...",
// "replays after sequence 1 through sequence 2", ...
std::string describe_start(const aviso::WatchRequest& request, const CursorStore& cursor);

}  // namespace aviso::cli
