#include "output.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "command_error.hpp"

namespace aviso::cli {

void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      throw CommandError::runtime(std::string("write to ") + (fd == 1 ? "stdout" : "stderr") +
                                  " failed: " + std::strerror(errno));
    }
    text.remove_prefix(static_cast<std::size_t>(written));
  }
}

void write_stdout(std::string_view text) { write_all(STDOUT_FILENO, text); }

void write_stderr(std::string_view text) noexcept {
  try {
    write_all(STDERR_FILENO, text);
  } catch (...) {  // NOLINT(bugprone-empty-catch): nowhere left to report it
  }
}

}  // namespace aviso::cli
