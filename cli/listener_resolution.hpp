// Which listeners a `listen` or `replay` runs (surfaces.md 1.4):
//   1. inline mode: --event with --identifiers JSON or repeated --identifier makes one listener
//      named `ad-hoc` with a default echo trigger; listener files are then ignored entirely;
//   2. else the positional listener files, concatenated in argument order, replacing the
//      config's listeners;
//   3. else the config's `listeners:`.
// Nothing resolved is a usage error (exit 2) that says where it looked. Inline-mode mistakes are
// usage errors found before any file is read.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "invocation.hpp"
#include "listener_spec.hpp"
#include "position_value.hpp"

namespace aviso::cli {

// The inline listener, or nothing without --event. Throws CommandError (usage) for --event
// without an identifier source, an identifier source without --event, --identifiers that is not
// a JSON object, and bad --identifier entries.
std::optional<ListenerSpec> resolve_inline_listener(const InlineListenerArgs& args);

// The listeners of `aviso listen`, with --from (already parsed) applied to every one.
std::vector<ListenerSpec> resolve_listen_listeners(const ListenArgs& args,
                                                   const std::vector<ListenerSpec>& configured,
                                                   const std::string& config_path,
                                                   const std::optional<Position>& from);

// The one listener of `aviso replay`: --listener NAME picks it; without it exactly one must
// resolve.
ListenerSpec resolve_replay_listener(const ReplayArgs& args,
                                     const std::vector<ListenerSpec>& configured,
                                     const std::string& config_path);

}  // namespace aviso::cli
