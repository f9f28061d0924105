// Runs the real `aviso` binary as a child process and captures what it did: exit code, stdout
// and stderr. The environment is exactly the one given (plus PATH), with HOME pointing at a
// scratch directory unless the test sets it, so no real ~/.config/aviso leaks into a test.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"

extern char** environ;

namespace aviso::cli::testing {

using ::aviso::test::TempDir;

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string aviso_binary() { return std::string(AVISO_TEST_BIN_DIR) + "/aviso"; }

inline std::string read_whole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Starts `program` with `args`; `env` is the whole environment besides PATH. Standard input is
// /dev/null; stdout and stderr go to the given files (not terminals), as when piped. Returns the
// child's pid, or -1 when it could not be started.
inline pid_t spawn_with_output_files(const std::string& program,
                                     const std::vector<std::string>& args,
                                     std::map<std::string, std::string> env,
                                     const std::string& out_path, const std::string& err_path) {
  if (const char* path = std::getenv("PATH"); path != nullptr && env.count("PATH") == 0) {
    env["PATH"] = path;
  }
  std::vector<std::string> env_strings;
  for (const auto& [key, value] : env) env_strings.push_back(key + "=" + value);
  std::vector<char*> envp;
  for (auto& entry : env_strings) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_strings{program};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_strings) argv.push_back(arg.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  pid_t pid = -1;
  const int spawned =
      posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  return spawned == 0 ? pid : -1;
}

// Runs `program` to its end (see spawn_with_output_files) and returns what it did.
inline ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                                 std::map<std::string, std::string> env) {
  TempDir capture;
  const std::string out_path = (capture.path() / "stdout").string();
  const std::string err_path = (capture.path() / "stderr").string();
  ProcessResult result;
  const pid_t pid = spawn_with_output_files(program, args, std::move(env), out_path, err_path);
  if (pid < 0) {
    result.err = "posix_spawn failed";
    return result;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_whole(out_path);
  result.err = read_whole(err_path);
  return result;
}

// The `aviso` binary with HOME in a fresh scratch directory (no config, no credentials).
class AvisoRunner {
 public:
  ProcessResult operator()(const std::vector<std::string>& args,
                           std::map<std::string, std::string> env = {}) const {
    if (env.count("HOME") == 0) env["HOME"] = home_.path().string();
    return run_process(aviso_binary(), args, std::move(env));
  }
  const TempDir& home() const { return home_; }
  // Writes ~/.config/aviso/<name> in the scratch home and returns its path.
  std::string write_config_file(const std::string& name, const std::string& text) const {
    std::filesystem::create_directories(home_.path() / ".config" / "aviso");
    return home_.write(".config/aviso/" + name, text);
  }

 private:
  TempDir home_;
};

}  // namespace aviso::cli::testing
