// Child processes of the multi-process state tests: copies of the test binary itself
// (/proc/self/exe) started in a child mode. A child mode is entered only when BOTH the
// command-line flag and the environment variable below are present, so running the binary by
// hand (or with a stray argument) can never turn it into a writer by accident.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace aviso::test {

inline constexpr const char* kChildFlag = "--aviso-state-child=";
inline constexpr const char* kChildEnv = "AVISO_STATE_TEST_CHILD";

// Starts this binary as `--aviso-state-child=<mode> <args...>` with the gate variable set.
pid_t spawn_child(const std::string& mode, const std::vector<std::string>& args);

// Waits for the child and returns its wait status.
int wait_child(pid_t pid);

// "exited with status 3", "killed by signal 9", ...
std::string describe_status(int status);

// Children started by one test. The destructor SIGKILLs and reaps those still running, so a
// failing assertion never leaves writers behind.
class ChildGroup {
 public:
  ChildGroup() = default;
  ChildGroup(const ChildGroup&) = delete;
  ChildGroup& operator=(const ChildGroup&) = delete;
  ~ChildGroup() { kill_all(); }

  void start(const std::string& mode, const std::vector<std::string>& args);
  std::size_t size() const { return pids_.size(); }
  // Index and status of a child that has exited, if any (reaps it).
  bool find_exited(std::size_t& index, int& status);
  // Waits for every child; returns their statuses in start order.
  std::vector<int> wait_all();
  void kill_all();

 private:
  std::vector<pid_t> pids_;
  std::vector<bool> reaped_;
};

}  // namespace aviso::test
