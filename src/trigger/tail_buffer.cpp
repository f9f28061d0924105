#include "trigger/tail_buffer.hpp"

#include "core/utf8.hpp"

namespace aviso::trigger {

std::string lossy_utf8(std::string_view bytes) {
  if (is_valid_utf8(bytes)) return std::string(bytes);
  static constexpr std::string_view kReplacement = "\xef\xbf\xbd";
  std::string out;
  out.reserve(bytes.size() + 8);
  std::size_t i = 0;
  while (i < bytes.size()) {
    // The longest valid sequence starting here (1 to 4 bytes), else one replaced byte.
    std::size_t length = 0;
    for (std::size_t n = 1; n <= 4 && i + n <= bytes.size(); ++n) {
      if (is_valid_utf8(bytes.substr(i, n))) {
        length = n;
        break;
      }
    }
    if (length == 0) {
      out.append(kReplacement);
      ++i;
    } else {
      out.append(bytes.substr(i, length));
      i += length;
    }
  }
  return out;
}

}  // namespace aviso::trigger
