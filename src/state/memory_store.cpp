#include "aviso/state/memory_store.hpp"

#include <map>
#include <mutex>
#include <shared_mutex>

namespace aviso {

struct MemoryStore::Shared {
  mutable std::shared_mutex mutex;
  std::map<ResumeKey, Checkpoint> checkpoints;
};

MemoryStore::MemoryStore() : shared_(std::make_shared<Shared>()) {}

std::optional<Checkpoint> MemoryStore::get(const ResumeKey& key) const {
  const std::shared_lock lock(shared_->mutex);
  const auto it = shared_->checkpoints.find(key);
  if (it == shared_->checkpoints.end()) return std::nullopt;
  return it->second;
}

void MemoryStore::put(const ResumeKey& key, const Checkpoint& checkpoint) {
  const std::unique_lock lock(shared_->mutex);
  const auto [it, inserted] = shared_->checkpoints.try_emplace(key, checkpoint);
  // Saved positions only move forwards, as in JsonFileStore: an equal or lower put is ignored.
  if (!inserted && checkpoint.last_committed_sequence > it->second.last_committed_sequence) {
    it->second = checkpoint;
  }
}

void MemoryStore::remove(const ResumeKey& key) {
  const std::unique_lock lock(shared_->mutex);
  shared_->checkpoints.erase(key);
}

}  // namespace aviso
