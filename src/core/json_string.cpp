#include "core/json_string.hpp"

#include "core/utf8.hpp"
#include "core/word_bytes.hpp"

namespace aviso {
namespace {

bool needs_escaping(std::uint64_t eight_bytes) {
  return any_byte_below(eight_bytes, 0x20) || any_byte_equal(eight_bytes, '"') ||
         any_byte_equal(eight_bytes, '\\');
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  if (const std::size_t bad = find_invalid_utf8(text); bad != std::string_view::npos) {
    throw InvalidUtf8("string is not valid UTF-8 (bad byte at offset " + std::to_string(bad) + ")");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run_start = 0;
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i < text.size(); ++i) {
    // Runs of characters written as they are pass eight bytes at a time.
    while (text.size() - i >= 8 && !needs_escaping(load_8_bytes(bytes + i))) i += 8;
    if (i == text.size()) break;
    const auto c = bytes[i];
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.substr(run_start, i - run_start));
    run_start = i + 1;
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
  out.append(text.substr(run_start));
  out.push_back('"');
}

}  // namespace aviso
