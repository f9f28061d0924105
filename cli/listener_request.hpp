// A resolved listener (listener_spec.hpp) as the library's aviso::WatchRequest: event type,
// filter, start, end and triggers. Pure, so what `listen` and `replay` ask the server for is unit
// tested without one.
#pragma once

#include <chrono>
#include <optional>

#include "aviso/watch_request.hpp"
#include "listener_spec.hpp"
#include "position_value.hpp"

namespace aviso::cli {

// A live watch. The listener's from_id (after that sequence, like --from, which replaces it) or
// from_date becomes the start; without one the watch starts at the stored position, else live.
// `startup_timeout` zero means no budget.
aviso::WatchRequest listen_request(const ListenerSpec& listener,
                                   std::chrono::milliseconds startup_timeout);

// A replay of history after `from` (a sequence is exclusive, a date inclusive) through `until`
// (inclusive) or the end of the history retained when it starts. The listener's own
// from_id/from_date are not used: --from is required. Throws CommandError (usage) when both are
// sequences and `until` is not after `from`: such a replay could deliver nothing.
aviso::WatchRequest replay_request(const ListenerSpec& listener, const Position& from,
                                   const std::optional<Position>& until);

}  // namespace aviso::cli
