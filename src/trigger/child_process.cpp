#include "trigger/child_process.hpp"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <vector>

#include "trigger/tail_buffer.hpp"

namespace aviso::trigger {
namespace {

using Clock = std::chrono::steady_clock;

// Closes a descriptor when it goes out of scope.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  bool open() const { return fd_ >= 0; }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

// A pollable descriptor that becomes readable when the child exits (Linux >= 5.3), or -1.
int open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
#else
  (void)pid;
  return -1;
#endif
}

int decode_status(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

// Reads what is available from `fd` into `sink`; closes it at EOF or on a read error.
void drain_once(Fd& fd, TailBuffer& sink) {
  std::array<char, 16384> buffer{};
  const ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
  if (n > 0) {
    sink.append(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
  } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
    fd.reset();
  }
}

int poll_timeout_ms(std::optional<Clock::time_point> deadline, int cap_ms) {
  if (!deadline) return cap_ms;
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - Clock::now()).count() + 1;
  if (left <= 0) return 0;
  if (cap_ms < 0) return static_cast<int>(std::min<long long>(left, 60'000));
  return static_cast<int>(std::min<long long>(left, cap_ms));
}

}  // namespace

std::variant<ChildOutcome, std::string> run_child(const ChildRun& run) {
  if (run.command.find('\0') != std::string::npos) {
    return std::string("the command contains a NUL byte");
  }
  std::vector<std::string> env_entries;
  env_entries.reserve(run.environment.size());
  for (const auto& [name, value] : run.environment) {
    if (name.find('\0') != std::string::npos || value.find('\0') != std::string::npos) {
      return "environment variable " + name.substr(0, name.find('\0')) + " contains a NUL byte";
    }
    env_entries.push_back(name + "=" + value);
  }
  std::vector<char*> envp;
  for (std::string& entry : env_entries) envp.push_back(entry.data());
  envp.push_back(nullptr);

  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) return errno_text("pipe");
  Fd out_read(out_pipe[0]);
  Fd out_write(out_pipe[1]);
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) return errno_text("pipe");
  Fd err_read(err_pipe[0]);
  Fd err_write(err_pipe[1]);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_write.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_write.get(), STDERR_FILENO);
  if (run.working_dir) posix_spawn_file_actions_addchdir_np(&actions, run.working_dir->c_str());

  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  // Its own process group, so a timeout can kill everything the command started; default
  // signal handling and an empty mask, whatever the embedding program set for itself.
  posix_spawnattr_setpgroup(&attributes, 0);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  sigaddset(&defaults, SIGQUIT);
  sigaddset(&defaults, SIGHUP);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  sigset_t empty;
  sigemptyset(&empty);
  posix_spawnattr_setsigmask(&attributes, &empty);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

  std::string shell = "/bin/sh";
  std::string dash_c = "-c";
  std::string command = run.command;
  std::array<char*, 4> argv = {shell.data(), dash_c.data(), command.data(), nullptr};
  pid_t pid = 0;
  const int spawn_error =
      ::posix_spawn(&pid, shell.c_str(), &actions, &attributes, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawn_error != 0) return "spawn /bin/sh: " + std::string(std::strerror(spawn_error));
  out_write.reset();
  err_write.reset();

  Fd pidfd(open_pidfd(pid));
  TailBuffer stdout_sink;
  TailBuffer stderr_sink;
  const std::optional<Clock::time_point> deadline =
      run.timeout ? std::optional<Clock::time_point>(
                        Clock::now() + std::chrono::duration_cast<Clock::duration>(*run.timeout))
                  : std::nullopt;

  ChildOutcome outcome;
  bool exited = false;
  int status = 0;
  while (!exited) {
    std::array<pollfd, 3> fds{};
    nfds_t count = 0;
    int out_index = -1;
    int err_index = -1;
    int pid_index = -1;
    if (out_read.open()) {
      out_index = static_cast<int>(count);
      fds[count++] = pollfd{out_read.get(), POLLIN, 0};
    }
    if (err_read.open()) {
      err_index = static_cast<int>(count);
      fds[count++] = pollfd{err_read.get(), POLLIN, 0};
    }
    if (pidfd.open()) {
      pid_index = static_cast<int>(count);
      fds[count++] = pollfd{pidfd.get(), POLLIN, 0};
    }
    // Without a pidfd the exit is noticed by polling waitpid every 10 ms.
    const int wait_ms = poll_timeout_ms(deadline, pidfd.open() ? -1 : 10);
    const int ready = ::poll(fds.data(), count, wait_ms);
    if (ready < 0 && errno != EINTR) break;
    if (ready > 0) {
      if (out_index >= 0 && fds[static_cast<std::size_t>(out_index)].revents != 0) {
        drain_once(out_read, stdout_sink);
      }
      if (err_index >= 0 && fds[static_cast<std::size_t>(err_index)].revents != 0) {
        drain_once(err_read, stderr_sink);
      }
    }
    const bool maybe_exited =
        pid_index < 0 || (ready > 0 && fds[static_cast<std::size_t>(pid_index)].revents != 0);
    if (maybe_exited) {
      const pid_t reaped = ::waitpid(pid, &status, WNOHANG);
      if (reaped == pid) exited = true;
      if (reaped < 0 && errno != EINTR) return errno_text("waitpid");
    }
    if (!exited && deadline && Clock::now() >= *deadline) {
      ::kill(-pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      outcome.timed_out = true;
      return outcome;
    }
  }
  if (!exited) {
    ::kill(-pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    return errno_text("poll");
  }

  const Clock::time_point drain_deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(run.post_exit_drain_cap);
  while (out_read.open() || err_read.open()) {
    const int wait_ms = poll_timeout_ms(drain_deadline, -1);
    if (wait_ms == 0) {
      outcome.drain_capped = true;
      break;
    }
    std::array<pollfd, 2> fds{};
    nfds_t count = 0;
    if (out_read.open()) fds[count++] = pollfd{out_read.get(), POLLIN, 0};
    if (err_read.open()) fds[count++] = pollfd{err_read.get(), POLLIN, 0};
    const int ready = ::poll(fds.data(), count, wait_ms);
    if (ready < 0 && errno != EINTR) break;
    for (nfds_t i = 0; i < count && ready > 0; ++i) {
      if (fds[i].revents == 0) continue;
      if (out_read.open() && fds[i].fd == out_read.get()) {
        drain_once(out_read, stdout_sink);
      } else if (err_read.open() && fds[i].fd == err_read.get()) {
        drain_once(err_read, stderr_sink);
      }
    }
  }

  outcome.exit_code = decode_status(status);
  outcome.stdout_bytes = stdout_sink.total();
  if (!outcome.drain_capped) outcome.stderr_tail = lossy_utf8(stderr_sink.bytes());
  return outcome;
}

}  // namespace aviso::trigger
