// Reading the state file from disk (spec watch-and-state 5.4), at open and in every write cycle.
#pragma once

#include <string>

#include "state/file/checkpoint_map.hpp"

namespace aviso::state {

// The checkpoints in the file at `path`; empty when the file does not exist and its directory
// does. `buffer` is scratch space reused across calls. Throws StoreError naming `path`: Io
// (parent directory missing, parent not a directory, unreadable), or a decoding error.
CheckpointMap load_state_file(const std::string& path, std::string& buffer);

}  // namespace aviso::state
