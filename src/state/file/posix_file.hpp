// A small owner of a POSIX file descriptor, and EINTR-safe helpers, for the state file code.
#pragma once

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

// Replaces `out` with the whole remaining content of `fd`. Returns false with errno set.
bool read_all(int fd, std::string& out);

}  // namespace aviso::state
