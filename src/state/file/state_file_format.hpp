// The state file's bytes (spec watch-and-state 5.3): decoding with the reference's validation
// rules and encoding exactly as serde_json's pretty printer does.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "state/file/checkpoint_map.hpp"

namespace aviso::state {

inline constexpr std::uint32_t kFileFormatVersion = 1;

// Parses a state file. Whitespace and member order do not matter; unknown members are ignored;
// a missing or null last_event_id reads as absent. Throws StoreError naming `path`: Decode (not
// JSON, or a member of the wrong type), UnsupportedFileVersion (version != 1),
// UnsupportedKeyFormatVersion (key_format_version != 2), InvalidResumeKey (a key that is not a
// 32-byte hex digest). Shape is checked before versions, versions before keys.
CheckpointMap decode_state_file(std::string_view bytes, std::string_view path);

// Replaces `out` with the file text: members version, key_format_version, checkpoints in that
// order, checkpoints in ascending hex order, each with last_committed_sequence then
// last_event_id, two-space indentation, no trailing newline. Throws StoreError (Encode, naming
// `path`) when an event id is not valid UTF-8.
void encode_state_file(const CheckpointMap& checkpoints, std::string& out, std::string_view path);

}  // namespace aviso::state
