// Crash-safe replacement of the state file (spec watch-and-state 5.7): readers see the old or the
// new complete file, never a torn one, and the new one is durable when the call returns.
#pragma once

#include <string>
#include <string_view>

namespace aviso::state {

struct AtomicTarget {
  std::string path;       // the state file
  std::string directory;  // its directory ("." for a bare file name)
  std::string temp_path;  // ".<file name>.tmp" in that directory
};

// Writes `bytes` to the temporary file (created fresh with mode 0600), fsyncs it, renames it over
// the target and fsyncs the directory. The caller must hold the state file's lock: the temporary
// name is fixed, so a writer killed mid-way leaves at most one stray file, reused next time.
// On failure the temporary file is removed and StoreError (Io) says which step failed; the
// target is untouched unless only the final directory fsync failed.
void write_file_atomically(const AtomicTarget& target, std::string_view bytes);

}  // namespace aviso::state
