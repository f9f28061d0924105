#include "state/file/merge.hpp"

#include <utility>

namespace aviso::state {

MergeResult merge_monotonic(const CheckpointMap& candidate, CheckpointMap disk,
                            const DeletedKeys& deletes) {
  MergeResult result{std::move(disk), false};
  CheckpointMap& merged = result.merged;
  for (const auto& [key, seen_sequence] : deletes) {
    const auto it = merged.find(key);
    if (it != merged.end() && it->second.last_committed_sequence <= seen_sequence) {
      merged.erase(it);
      result.differs_from_disk = true;
    }
  }
  for (const auto& [key, wanted] : candidate) {
    const auto [it, inserted] = merged.try_emplace(key, wanted);
    if (inserted) {
      result.differs_from_disk = true;
    } else if (it->second.last_committed_sequence < wanted.last_committed_sequence) {
      it->second = wanted;
      result.differs_from_disk = true;
    }
  }
  return result;
}

}  // namespace aviso::state
