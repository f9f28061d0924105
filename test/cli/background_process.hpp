// A long-running child (`aviso listen`) the test signals while it runs: stdout and stderr go to
// files the test polls. The destructor SIGKILLs a child that is still running, so a failed
// assertion never leaves a listener behind.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cli_process.hpp"
#include "support/temp_dir.hpp"

namespace aviso::cli::testing {

// Polls `condition` every 20 ms for up to `limit`. A safety net for a hung child, not a timing
// assertion: every caller waits for something that must happen eventually.
inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds limit = std::chrono::seconds(20)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

class BackgroundProcess {
 public:
  BackgroundProcess(const std::string& program, const std::vector<std::string>& args,
                    std::map<std::string, std::string> env) {
    out_path_ = (capture_.path() / "stdout").string();
    err_path_ = (capture_.path() / "stderr").string();
    pid_ = spawn_with_output_files(program, args, std::move(env), out_path_, err_path_);
  }
  ~BackgroundProcess() {
    if (pid_ > 0 && !exit_code_) {
      ::kill(pid_, SIGKILL);
      wait();
    }
  }
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  bool started() const { return pid_ > 0; }
  void signal(int signal_number) const { ::kill(pid_, signal_number); }

  // Waits for the exit; 128 + signal when a signal ended it.
  int wait() {
    if (!exit_code_) {
      int status = 0;
      while (waitpid(pid_, &status, 0) < 0) {
      }
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    return *exit_code_;
  }

  std::string out() const { return read_whole(out_path_); }
  std::string err() const { return read_whole(err_path_); }

 private:
  TempDir capture_;
  std::string out_path_;
  std::string err_path_;
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
};

}  // namespace aviso::cli::testing
