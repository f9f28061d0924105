#include "state/file/posix_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>

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
  struct stat info {};
  std::size_t capacity = 4096;
  if (::fstat(fd, &info) == 0 && info.st_size > 0) {
    capacity = static_cast<std::size_t>(info.st_size) + 1;  // +1 sees EOF in one extra read
  }
  for (;;) {
    const std::size_t used = out.size();
    if (out.capacity() < used + capacity) out.reserve(used + capacity);
    out.resize(out.capacity());
    const ssize_t got = ::read(fd, out.data() + used, out.size() - used);
    if (got < 0) {
      out.resize(used);
      if (errno == EINTR) continue;
      return false;
    }
    out.resize(used + static_cast<std::size_t>(got));
    if (got == 0) return true;
  }
}

}  // namespace aviso::state
