#include "signal_pipe.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

#include "command_error.hpp"

namespace aviso::cli {
namespace {

// The write end for the handler. Atomic and lock-free, so reading it in a handler is defined.
std::atomic<int> g_signal_write_fd{-1};

// A wake-up from another thread is byte 0; a signal is its own number (both fit in a byte).
constexpr unsigned char kWakeByte = 0;

extern "C" void on_interrupt_signal(int signal_number) {
  const int saved_errno = errno;
  const int fd = g_signal_write_fd.load();
  if (fd >= 0) {
    const auto byte = static_cast<unsigned char>(signal_number);
    // A full pipe already holds enough bytes to wake the reader: dropping this one is harmless.
    [[maybe_unused]] const ssize_t written = ::write(fd, &byte, 1);
  }
  errno = saved_errno;
}

void set_flags(int fd) {
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC);
}

}  // namespace

SignalPipe::SignalPipe() {
  int fds[2];
  if (::pipe(fds) != 0) {
    throw CommandError::runtime("cannot create the signal pipe")
        .caused_by(std::string(std::strerror(errno)));
  }
  read_fd_ = fds[0];
  write_fd_ = fds[1];
  set_flags(read_fd_);
  set_flags(write_fd_);
  g_signal_write_fd.store(write_fd_);

  struct sigaction action {};
  action.sa_handler = on_interrupt_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  ::sigaction(SIGINT, &action, &previous_int_);
  ::sigaction(SIGTERM, &action, &previous_term_);
}

SignalPipe::~SignalPipe() {
  ::sigaction(SIGINT, &previous_int_, nullptr);
  ::sigaction(SIGTERM, &previous_term_, nullptr);
  g_signal_write_fd.store(-1);
  ::close(read_fd_);
  ::close(write_fd_);
}

void SignalPipe::wake() noexcept {
  const unsigned char byte = kWakeByte;
  [[maybe_unused]] const ssize_t written = ::write(write_fd_, &byte, 1);
}

std::vector<int> SignalPipe::wait(std::optional<std::chrono::milliseconds> timeout) {
  pollfd entry{read_fd_, POLLIN, 0};
  const int timeout_ms = timeout ? static_cast<int>(timeout->count()) : -1;
  while (::poll(&entry, 1, timeout_ms) < 0 && errno == EINTR) {
  }
  std::vector<int> signals;
  unsigned char buffer[64];
  for (;;) {
    const ssize_t count = ::read(read_fd_, buffer, sizeof buffer);
    if (count <= 0) break;
    for (ssize_t i = 0; i < count; ++i) {
      if (buffer[i] != kWakeByte) signals.push_back(buffer[i]);
    }
  }
  return signals;
}

}  // namespace aviso::cli
