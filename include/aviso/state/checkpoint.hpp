// Checkpoint: the saved position of one watch. Public header: C++17.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace aviso {

// What a state store remembers for one resume key.
//
// Resuming sends `from_id = last_committed_sequence + 1`. `last_event_id` is diagnostic only
// ("<event_type>@<sequence>" as written by the watch supervisor) and is never read for resume.
struct Checkpoint {
  std::uint64_t last_committed_sequence = 0;
  std::optional<std::string> last_event_id;
};

inline bool operator==(const Checkpoint& a, const Checkpoint& b) {
  return a.last_committed_sequence == b.last_committed_sequence &&
         a.last_event_id == b.last_event_id;
}
inline bool operator!=(const Checkpoint& a, const Checkpoint& b) { return !(a == b); }

}  // namespace aviso
