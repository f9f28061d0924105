// Where `aviso listen` keeps its resume cursors: the state file (--state-file, AVISO_STATE_FILE,
// the config's state_file, default ~/.config/aviso/state.json) or, with --no-state-store, process
// memory. `replay` never calls this: it neither reads nor writes the state file.
#pragma once

#include <memory>
#include <string>

#include "aviso/state/state_store.hpp"
#include "resolved_config.hpp"

namespace aviso::cli {

struct ListenStateStore {
  std::shared_ptr<aviso::StateStore> store;
  std::string description;  // "state file <path>" or "memory only (--no-state-store)"
};

// Opens the store. The default location's directory (~/.config/aviso) is created when missing,
// so a first `aviso listen` just works; a path the user chose must have an existing parent, as a
// typo there should not silently create directories. Throws CommandError (runtime, exit 1)
// naming the file and the reason: unreadable, corrupt, unsupported version, missing directory.
ListenStateStore open_listen_state_store(const ResolvedConfig& config, bool no_state_store);

}  // namespace aviso::cli
