// Crash-safe replacement of the state file (spec watch-and-state 5.7): readers see the old or the
// new complete file, never a torn one, and the new one is durable when the call returns.
#pragma once

#include <string>
#include <string_view>

#include "state/file/posix_file.hpp"

namespace aviso::state {

struct AtomicTarget {
  std::string path;       // the state file
  std::string directory;  // its directory ("." for a bare file name)
  std::string temp_path;  // ".<file name>.tmp" in that directory
};

class AtomicFileWriter {
 public:
  explicit AtomicFileWriter(AtomicTarget target);

  // Writes `bytes` to the temporary file (created fresh, mode 0600), fsyncs it, renames it over
  // the target and fsyncs the directory. The caller must hold the state file's lock: the
  // temporary name is fixed, so a writer killed mid-way leaves at most one stray file, which the
  // next write replaces. On failure the temporary file is removed and StoreError (Io) says which
  // step failed; the target is untouched unless only the final directory fsync failed.
  void write(std::string_view bytes);

  const AtomicTarget& target() const noexcept { return target_; }

 private:
  const AtomicTarget target_;
  // Kept open across writes: one open/close less per put. The directory is fsynced through it.
  FileDescriptor directory_;
  // Whether the umask can take a bit of 0600 away, so the mode must be set explicitly.
  const bool umask_narrows_mode_;
};

}  // namespace aviso::state
