#include "child_process.hpp"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace aviso::test {

pid_t spawn_child(const std::string& mode, const std::vector<std::string>& args) {
  std::vector<std::string> arguments{"aviso_state_process_tests", kChildFlag + mode};
  arguments.insert(arguments.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);

  std::vector<std::string> environment;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    if (std::strncmp(*entry, kChildEnv, std::strlen(kChildEnv)) != 0)
      environment.emplace_back(*entry);
  }
  environment.push_back(std::string(kChildEnv) + "=1");
  std::vector<char*> envp;
  for (auto& entry : environment) envp.push_back(entry.data());
  envp.push_back(nullptr);

  pid_t pid = 0;
  const int error = posix_spawn(&pid, "/proc/self/exe", nullptr, nullptr, argv.data(), envp.data());
  if (error != 0) throw std::runtime_error(std::string("posix_spawn: ") + std::strerror(error));
  return pid;
}

int wait_child(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
  }
  return status;
}

std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
  return "ended with wait status " + std::to_string(status);
}

void ChildGroup::start(const std::string& mode, const std::vector<std::string>& args) {
  pids_.push_back(spawn_child(mode, args));
  reaped_.push_back(false);
}

bool ChildGroup::find_exited(std::size_t& index, int& status) {
  for (std::size_t i = 0; i < pids_.size(); ++i) {
    if (reaped_[i]) continue;
    if (::waitpid(pids_[i], &status, WNOHANG) == pids_[i]) {
      reaped_[i] = true;
      index = i;
      return true;
    }
  }
  return false;
}

std::vector<int> ChildGroup::wait_all() {
  std::vector<int> statuses(pids_.size(), 0);
  for (std::size_t i = 0; i < pids_.size(); ++i) {
    if (!reaped_[i]) {
      statuses[i] = wait_child(pids_[i]);
      reaped_[i] = true;
    }
  }
  return statuses;
}

void ChildGroup::kill_all() {
  for (std::size_t i = 0; i < pids_.size(); ++i) {
    if (!reaped_[i]) ::kill(pids_[i], SIGKILL);
  }
  wait_all();
}

}  // namespace aviso::test
