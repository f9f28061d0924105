// Runs /bin/sh -c <command> as the leader of its own process group and supervises it: stdout
// and stderr drained together into tail buffers, an optional deadline after which the WHOLE
// group is killed (so `cmd &` grandchildren die too), and a bounded drain after exit.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <variant>

namespace aviso::trigger {

struct ChildRun {
  std::string command;
  std::map<std::string, std::string> environment;
  std::optional<std::string> working_dir;
  std::optional<std::chrono::nanoseconds> timeout;
  // Descendants may keep the pipes open after the shell exits; stop reading after this.
  std::chrono::nanoseconds post_exit_drain_cap = std::chrono::seconds(5);
};

struct ChildOutcome {
  bool timed_out = false;
  int exit_code = 0;  // -1 when killed by a signal
  std::string stderr_tail;
  std::size_t stdout_bytes = 0;
  bool drain_capped = false;
};

// Returns the outcome, or the reason the child could not be started or waited for.
std::variant<ChildOutcome, std::string> run_child(const ChildRun& run);

}  // namespace aviso::trigger
