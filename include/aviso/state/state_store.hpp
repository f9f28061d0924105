// StateStore: where watches save and find their resume positions. Public header: C++17.
#pragma once

#include <optional>

#include "aviso/state/checkpoint.hpp"
#include "aviso/state/resume_key.hpp"

namespace aviso {

// The interface between the watch supervisor and a store of checkpoints. MemoryStore and
// JsonFileStore implement it; a user-provided store (a database, a key-value service) plugs in by
// implementing it too. The contract every implementation must keep:
//
// - Thread-safe: get, put and remove may be called concurrently from any thread.
// - get(key) returns the checkpoint stored for key, or nullopt. It reflects every successful put
//   and remove made through the same store object.
// - put(key, checkpoint) is monotonic: when the stored sequence for key is greater than or equal
//   to checkpoint.last_committed_sequence the call is a silent no-op. To lower a cursor on
//   purpose, remove the key first, then put.
// - remove(key) forgets key; removing an absent key succeeds.
// - A durable store has the new state on stable storage when put or remove returns.
// - Failure is reported by throwing aviso::StoreError (or another aviso::Error of kind
//   StateStore); a failed put or remove changes nothing, in memory or on disk.
// - Calls should be bounded in time: the supervisor waits for put before delivering the next
//   notification, and put is always driven to completion.
class StateStore {
 public:
  virtual ~StateStore() = default;

  virtual std::optional<Checkpoint> get(const ResumeKey& key) const = 0;
  virtual void put(const ResumeKey& key, const Checkpoint& checkpoint) = 0;
  virtual void remove(const ResumeKey& key) = 0;

 protected:
  StateStore() = default;
  StateStore(const StateStore&) = default;
  StateStore& operator=(const StateStore&) = default;
  StateStore(StateStore&&) = default;
  StateStore& operator=(StateStore&&) = default;
};

}  // namespace aviso
