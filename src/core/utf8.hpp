// UTF-8 validation shared by every layer that must refuse malformed text: JSON written to the
// state file, environment values rendered into templates, credentials and URLs read from the
// environment, and the tails of trigger output.
#pragma once

#include <cstddef>
#include <string_view>

namespace aviso {

// The byte offset of the first ill-formed UTF-8 sequence in `text`, or npos when it is all
// well-formed. Well-formed means RFC 3629: no overlong forms, no surrogates (U+D800..U+DFFF),
// nothing above U+10FFFF, no truncated sequence at the end.
std::size_t find_invalid_utf8(std::string_view text) noexcept;

// The length (1 to 4) of the well-formed UTF-8 sequence that starts at `at`, or 0 when the bytes
// there are not one (`at` must be inside `text`).
std::size_t utf8_sequence_length(std::string_view text, std::size_t at) noexcept;

inline bool is_valid_utf8(std::string_view text) noexcept {
  return find_invalid_utf8(text) == std::string_view::npos;
}

}  // namespace aviso
