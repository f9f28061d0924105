#include "aviso/state/json_file_store.hpp"

#include <mutex>
#include <shared_mutex>

#include "aviso/state/store_error.hpp"
#include "state/file/atomic_write.hpp"
#include "state/file/load.hpp"
#include "state/file/lock_file.hpp"
#include "state/file/merge.hpp"
#include "state/file/state_file_format.hpp"

namespace aviso {

using state::CheckpointMap;

struct JsonFileStore::Shared {
  Shared(std::filesystem::path file, CheckpointMap initial)
      : path(std::move(file)),
        writer({path.string(), path.parent_path().empty() ? "." : path.parent_path().string(),
                (path.parent_path() / ("." + path.filename().string() + ".tmp")).string()}),
        lock(lock_path_for(path).string()),
        checkpoints(std::move(initial)) {}

  // The write-through cycle of spec 5.6, serialised per store by write_mutex. `mutate` turns the
  // handle's view into the candidate and says which key it deletes, if any.
  template <typename Mutation>
  void write_through(const ResumeKey& key, Mutation mutate) {
    const std::lock_guard cycle(write_mutex);
    // Only write cycles change `checkpoints`, and we are the only one running: reading it here
    // without map_mutex is safe, and readers are never blocked by the disk work below.
    CheckpointMap candidate = checkpoints;
    state::DeletedKeys deletes;
    const auto pre = checkpoints.find(key);
    mutate(candidate, pre == checkpoints.end() ? nullptr : &pre->second, deletes);

    CheckpointMap merged;
    {
      const auto held = lock.acquire(writer.target().path);
      state::MergeResult result = state::merge_monotonic(
          candidate, state::load_state_file(writer.target().path, read_buffer), deletes);
      if (result.differs_from_disk) {
        state::encode_state_file(result.merged, write_buffer, writer.target().path);
        writer.write(write_buffer);
      }
      merged = std::move(result.merged);
    }
    // Installing the merged map also brings in what other processes wrote.
    const std::unique_lock install(map_mutex);
    checkpoints.swap(merged);
  }

  const std::filesystem::path path;

  std::mutex write_mutex;  // guards writer, lock, the buffers and writes to checkpoints
  state::AtomicFileWriter writer;
  state::LockFile lock;
  std::string read_buffer;
  std::string write_buffer;

  mutable std::shared_mutex map_mutex;
  CheckpointMap checkpoints;
};

JsonFileStore::JsonFileStore(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}

JsonFileStore JsonFileStore::open(const std::filesystem::path& path) {
  if (!path.has_filename()) {
    throw StoreError::io(path.string(), std::make_error_code(std::errc::invalid_argument),
                         "the path names no file (empty, or ends with '/')");
  }
  std::string buffer;
  CheckpointMap initial = state::load_state_file(path.string(), buffer);
  return JsonFileStore(std::make_shared<Shared>(path, std::move(initial)));
}

std::filesystem::path JsonFileStore::lock_path_for(const std::filesystem::path& state_file) {
  std::filesystem::path lock_path = state_file;
  lock_path += ".lock";
  return lock_path;
}

const std::filesystem::path& JsonFileStore::path() const noexcept { return shared_->path; }

std::optional<Checkpoint> JsonFileStore::get(const ResumeKey& key) const {
  const std::shared_lock lock(shared_->map_mutex);
  const auto it = shared_->checkpoints.find(key);
  if (it == shared_->checkpoints.end()) return std::nullopt;
  return it->second;
}

void JsonFileStore::put(const ResumeKey& key, const Checkpoint& checkpoint) {
  shared_->write_through(
      key, [&](CheckpointMap& candidate, const Checkpoint* pre, state::DeletedKeys&) {
        // Local monotonic guard: never offer disk a value below what this handle already saw, even
        // if the file was rolled back or edited behind our back.
        if (pre != nullptr && checkpoint.last_committed_sequence <= pre->last_committed_sequence) {
          return;
        }
        candidate.insert_or_assign(key, checkpoint);
      });
}

void JsonFileStore::remove(const ResumeKey& key) {
  shared_->write_through(
      key, [&](CheckpointMap& candidate, const Checkpoint* pre, state::DeletedKeys& deletes) {
        if (pre == nullptr) return;
        deletes.emplace(key, pre->last_committed_sequence);
        candidate.erase(key);
      });
}

}  // namespace aviso
