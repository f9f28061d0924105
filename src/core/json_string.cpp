#include "core/json_string.hpp"

#include "core/json_reader.hpp"
#include "core/utf8.hpp"

namespace aviso {
namespace {

void append_escaped(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  switch (c) {
    case '"':
      out.append("\\\"");
      break;
    case '\\':
      out.append("\\\\");
      break;
    case '\b':
      out.append("\\b");
      break;
    case '\t':
      out.append("\\t");
      break;
    case '\n':
      out.append("\\n");
      break;
    case '\f':
      out.append("\\f");
      break;
    case '\r':
      out.append("\\r");
      break;
    default:
      out.append("\\u00");
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0F]);
  }
}

}  // namespace

// One pass: runs of printable ASCII but '"' and '\\' (the JSON reader's plain bytes, found
// sixteen at a time) are copied whole; a UTF-8 sequence is checked and copied; the rest of ASCII
// is escaped.
void append_json_string(std::string& out, std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  out.push_back('"');
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t run_end = plain_string_run_end(text, i);
    out.append(text.substr(i, run_end - i));
    i = run_end;
    if (i == text.size()) break;
    if (bytes[i] >= 0x80) {
      const std::size_t length = utf8_sequence_length(text, i);
      if (length == 0) {
        throw InvalidUtf8("string is not valid UTF-8 (bad byte at offset " + std::to_string(i) +
                          ")");
      }
      out.append(text.substr(i, length));
      i += length;
    } else {
      append_escaped(out, bytes[i]);
      ++i;
    }
  }
  out.push_back('"');
}

}  // namespace aviso
