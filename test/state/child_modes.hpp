// What a child process of the multi-process state tests does, by mode.
#pragma once

#include <map>
#include <string>

namespace aviso::test {

// Exit status of a child whose scenario cannot run here (e.g. mounting is not permitted).
inline constexpr int kChildCannotRun = 77;

// The resume key of kill-fuzz writer `child`: ResumeKey(https://kill-fuzz/, "mars",
// {"child": child}).
std::string kill_fuzz_key_hex(int child);

// Runs `mode` with `--name=value` options; returns the process exit status (0 = success;
// failures are explained on stderr).
int run_child_mode(const std::string& mode, const std::map<std::string, std::string>& options);

}  // namespace aviso::test
