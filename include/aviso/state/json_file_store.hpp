// JsonFileStore: checkpoints in a JSON file shared safely by cooperating processes.
// Public header: C++17.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "aviso/state/state_store.hpp"

namespace aviso {

// A durable StateStore in one JSON file (the reference's format, byte for byte), shared by any
// number of threads and processes on a local file system.
//
// - open() reads the file once; get() answers from that in-memory snapshot and never touches the
//   disk. Other processes' updates are picked up by this handle's next put/remove, or a re-open.
// - put() and remove() are write-through: under an exclusive flock on "<file>.lock" they re-read
//   the file, merge monotonically (no committed sequence is lost or moved backwards, other
//   processes' keys are kept), and replace the file atomically (temporary file, fsync, rename,
//   fsync of the directory). When the merge changes nothing the file is not rewritten.
// - A failed put/remove changes neither the file nor the snapshot. A corrupt file or an
//   unsupported version is never overwritten: open fails, and so does every later write.
// - The lock file is created next to the state file and never deleted; do not delete it while a
//   client runs. Local file systems only (flock is not reliable on NFS).
//
// Copies are handles to the same store (shared snapshot, serialised writes). Prefer one open()
// per file per process. Do not keep using a handle in a child created by fork().
class JsonFileStore final : public StateStore {
 public:
  // Opens the state file at `path`. A missing file gives an empty store and creates nothing; the
  // parent directory must exist. Throws StoreError: Io (parent missing or not a directory,
  // unreadable file), Decode, UnsupportedFileVersion, UnsupportedKeyFormatVersion,
  // InvalidResumeKey.
  static JsonFileStore open(const std::filesystem::path& path);

  // The lock file used for `state_file`: its full file name with ".lock" appended.
  static std::filesystem::path lock_path_for(const std::filesystem::path& state_file);

  std::optional<Checkpoint> get(const ResumeKey& key) const override;
  void put(const ResumeKey& key, const Checkpoint& checkpoint) override;
  void remove(const ResumeKey& key) override;

  const std::filesystem::path& path() const noexcept;

 private:
  struct Shared;
  explicit JsonFileStore(std::shared_ptr<Shared> shared);
  std::shared_ptr<Shared> shared_;
};

}  // namespace aviso
