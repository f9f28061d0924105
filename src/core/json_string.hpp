// Minimal JSON string escaping, shared by RFC 8785 canonicalisation, the state file encoder and
// the publish body writer: serde_json, RFC 8785 and nlohmann's dump() (strict, not ensure_ascii)
// escape exactly the same characters the same way.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace aviso {

// Thrown when a string to be written is not valid UTF-8 (a JSON text must be).
class InvalidUtf8 : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Appends `text` as a quoted JSON string: `"` and `\` escaped with a backslash, the control
// characters U+0008, U+0009, U+000A, U+000C, U+000D as \b \t \n \f \r, every other control
// character below U+0020 as \u00xx (lowercase hex), everything else (including U+007F, U+2028
// and non-ASCII) copied as UTF-8. Throws InvalidUtf8 naming the byte offset of a bad sequence;
// `out` then holds part of the string, for the caller to discard with the rest of its text.
void append_json_string(std::string& out, std::string_view text);

}  // namespace aviso
