// SIGINT and SIGTERM turned into bytes on a pipe (the self-pipe trick), so the main thread
// handles them as ordinary input: the signal handler itself only calls write(2), the one thing
// that is safe there. Other threads wake the same reader with wake(), so one poll() waits for
// "a signal arrived" and "a watch ended" alike.
//
// One instance at a time per process; the previous dispositions are restored when it is
// destroyed. Children started by command triggers reset their signal handling (posix_spawn with
// POSIX_SPAWN_SETSIGDEF), so the handlers never leak into them.
#pragma once

#include <chrono>
#include <csignal>
#include <optional>
#include <vector>

namespace aviso::cli {

class SignalPipe {
 public:
  // Installs the handlers. Throws CommandError (runtime) when the pipe cannot be created.
  SignalPipe();
  ~SignalPipe();
  SignalPipe(const SignalPipe&) = delete;
  SignalPipe& operator=(const SignalPipe&) = delete;

  // Wakes wait() from any thread. Never blocks.
  void wake() noexcept;

  // Blocks until a signal arrives or wake() is called, at most `timeout` when given. Returns the
  // signals received since the last call, in arrival order (empty for a wake-up or a timeout).
  std::vector<int> wait(std::optional<std::chrono::milliseconds> timeout = std::nullopt);

 private:
  int read_fd_ = -1;
  int write_fd_ = -1;
  struct sigaction previous_int_ {};
  struct sigaction previous_term_ {};
};

}  // namespace aviso::cli
