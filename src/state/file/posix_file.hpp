// A small owner of a POSIX file descriptor, and EINTR-safe helpers, for the state file code.
#pragma once

#include <sys/types.h>
#include <unistd.h>

#include <string>
#include <string_view>

namespace aviso::state {

class FileDescriptor {
 public:
  FileDescriptor() = default;
  explicit FileDescriptor(int fd) noexcept : fd_(fd) {}
  FileDescriptor(FileDescriptor&& other) noexcept : fd_(other.release()) {}
  FileDescriptor& operator=(FileDescriptor&& other) noexcept {
    if (this != &other) reset(other.release());
    return *this;
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() { reset(); }

  int get() const noexcept { return fd_; }
  bool valid() const noexcept { return fd_ >= 0; }
  int release() noexcept {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }
  void reset(int fd = -1) noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

// open(2), retried on EINTR. Returns -1 with errno set on failure.
int open_retrying(const char* path, int flags, unsigned mode = 0) noexcept;

// Writes every byte, retrying short writes and EINTR. Returns false with errno set on failure.
bool write_all(int fd, std::string_view bytes) noexcept;

// Replaces `out` with the whole remaining content of the regular file `fd`. Returns false with
// errno set. A read shorter than asked means end of file for a regular file, so a file smaller
// than out's capacity costs a single read(2).
bool read_all(int fd, std::string& out);

// The process umask, read without changing it (umask(2) can only be read by setting it, which
// would race with other threads creating files). Falls back to 077 when /proc is unavailable.
mode_t current_umask() noexcept;

}  // namespace aviso::state
