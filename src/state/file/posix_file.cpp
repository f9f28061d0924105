#include "state/file/posix_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace aviso::state {

int open_retrying(const char* path, int flags, unsigned mode) noexcept {
  int fd = -1;
  do {
    fd = ::open(path, flags, static_cast<mode_t>(mode));
  } while (fd < 0 && errno == EINTR);
  return fd;
}

bool write_all(int fd, std::string_view bytes) noexcept {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

bool read_all(int fd, std::string& out) {
  out.clear();
  if (out.capacity() < 8192) out.reserve(8192);
  for (;;) {
    const std::size_t used = out.size();
    if (out.capacity() - used < 4096) out.reserve(2 * out.capacity());
    out.resize(out.capacity());
    const ssize_t got = ::read(fd, out.data() + used, out.size() - used);
    if (got < 0) {
      out.resize(used);
      if (errno == EINTR) continue;
      return false;
    }
    out.resize(used + static_cast<std::size_t>(got));
    if (got == 0 || used + static_cast<std::size_t>(got) < out.capacity()) return true;
  }
}

mode_t current_umask() noexcept {
  const FileDescriptor status(open_retrying("/proc/self/status", O_RDONLY | O_CLOEXEC));
  if (!status.valid()) return 077;
  char buffer[4096];
  const ssize_t got = ::read(status.get(), buffer, sizeof buffer - 1);
  if (got <= 0) return 077;
  buffer[got] = '\0';
  const char* line = std::strstr(buffer, "\nUmask:");
  if (line == nullptr) return 077;
  return static_cast<mode_t>(std::strtoul(line + 7, nullptr, 8));
}

}  // namespace aviso::state
