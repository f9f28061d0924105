// MemoryStore: checkpoints kept in process memory. Public header: C++17.
#pragma once

#include <memory>
#include <optional>

#include "aviso/state/state_store.hpp"

namespace aviso {

// A process-local StateStore, lost at exit: for tests, short-lived jobs and "resume across
// reconnects only". Copies are handles to the same map, like the reference's clones.
//
// Monotonic like JsonFileStore (a deliberate choice where the reference's in-memory store
// overwrites): a put at or below the stored sequence is a silent no-op; remove then put lowers
// a cursor. So the same code behaves the same with either store.
class MemoryStore final : public StateStore {
 public:
  MemoryStore();

  std::optional<Checkpoint> get(const ResumeKey& key) const override;
  void put(const ResumeKey& key, const Checkpoint& checkpoint) override;
  void remove(const ResumeKey& key) override;

 private:
  struct Shared;
  std::shared_ptr<Shared> shared_;
};

}  // namespace aviso
