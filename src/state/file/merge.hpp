// The monotonic merge of a write cycle (spec watch-and-state 5.6): what this handle wants to
// write, combined with what is on disk now, so that no committed sequence is lost or lowered.
#pragma once

#include <cstdint>
#include <map>

#include "state/file/checkpoint_map.hpp"

namespace aviso::state {

// Keys this handle deletes in the cycle, each with the sequence it had when the handle saw it.
using DeletedKeys = std::map<ResumeKey, std::uint64_t>;

struct MergeResult {
  CheckpointMap merged;
  bool differs_from_disk = false;  // false: the file already holds exactly `merged`
};

// For every key on disk:
// - deleted here: the delete wins unless disk moved past the sequence seen here (a concurrent
//   writer advanced it), then disk is kept;
// - also in `candidate`: the higher sequence wins, disk on a tie;
// - only on disk (another process's key): kept.
// Keys only in `candidate` are kept.
MergeResult merge_monotonic(const CheckpointMap& candidate, CheckpointMap disk,
                            const DeletedKeys& deletes);

}  // namespace aviso::state
