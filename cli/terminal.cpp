#include "terminal.hpp"

#include <unistd.h>

namespace aviso::cli {

bool is_terminal(int fd) noexcept { return ::isatty(fd) == 1; }

bool color_enabled(ColorMode mode, bool stream_is_terminal, bool no_color_set) noexcept {
  switch (mode) {
    case ColorMode::Always:
      return true;
    case ColorMode::Never:
      return false;
    case ColorMode::Auto:
      return stream_is_terminal && !no_color_set;
  }
  return false;
}

}  // namespace aviso::cli
