// The in-memory form of a state file's checkpoints. Ordered, so the file lists keys in hex order
// and two maps compare equal entry by entry.
#pragma once

#include <map>

#include "aviso/state/checkpoint.hpp"
#include "aviso/state/resume_key.hpp"

namespace aviso::state {

using CheckpointMap = std::map<ResumeKey, Checkpoint>;

}  // namespace aviso::state
