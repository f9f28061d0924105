#include "core/utf8.hpp"

#include "core/json_reader.hpp"

namespace aviso {

std::size_t utf8_sequence_length(std::string_view text, std::size_t at) noexcept {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char lead = bytes[at];
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  // Narrowing the range of the second byte is what excludes overlongs, surrogates and code
  // points above U+10FFFF (the table of well-formed sequences in RFC 3629 section 4).
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (text.size() - at < length) return 0;
  if (bytes[at + 1] < low || bytes[at + 1] > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (bytes[at + k] < 0x80 || bytes[at + k] > 0xBF) return 0;
  }
  return length;
}

std::size_t find_invalid_utf8(std::string_view text) noexcept {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t i = 0;
  while (i < text.size()) {
    // Printable ASCII, nearly all the text checked here, passes sixteen bytes at a time.
    i = plain_string_run_end(text, i);
    if (i == text.size()) break;
    if (bytes[i] < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

}  // namespace aviso
