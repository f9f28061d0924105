// bench_state_store: how fast JsonFileStore::put is compared with the floor any durable atomic
// file replacement pays on the same disk: write a temporary file, fsync it, rename it over the
// target, fsync the directory. All figures come from the same run in the same directory.
//
//   bench_state_store [--dir=DIR] [--seconds=S]     (defaults: a new directory under $TMPDIR, 3 s)
//
// The contending scenario starts copies of this program (/proc/self/exe) as writers; a copy
// becomes a writer only with both --bench-writer=<i> and AVISO_STATE_BENCH_CHILD=1.
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "aviso/state.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kContenders = 4;
constexpr const char* kWriterFlag = "--bench-writer=";
constexpr const char* kWriterEnv = "AVISO_STATE_BENCH_CHILD";

aviso::ResumeKey key_for(int n) {
  return aviso::ResumeKey::compute("https://bench.example/", "mars", {{"writer", n}});
}

// Runs `operation` repeatedly for `seconds`; returns operations per second.
double rate(double seconds, const std::function<void(std::uint64_t)>& operation) {
  const auto start = Clock::now();
  const auto end = start + std::chrono::duration<double>(seconds);
  std::uint64_t count = 0;
  auto now = start;
  while (now < end) {
    operation(count++);
    now = Clock::now();
  }
  return static_cast<double>(count) / std::chrono::duration<double>(now - start).count();
}

void check(bool ok, const char* what) {
  if (!ok) {
    std::perror(what);
    std::exit(1);
  }
}

// The floor: the same bytes a 4-key state file has, replaced durably.
double bare_loop(const fs::path& dir, double seconds, bool fsync_directory) {
  const std::string target = (dir / "bare.json").string();
  const std::string temp = (dir / ".bare.json.tmp").string();
  std::string bytes;
  {
    // Borrow the store's own encoding for an identical size.
    const fs::path path = dir / "bare-source.json";
    aviso::JsonFileStore store = aviso::JsonFileStore::open(path);
    for (int n = 0; n < kContenders; ++n) store.put(key_for(n), {1000000, "mars@1000000"});
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    check(fd >= 0, "open state file");
    char chunk[4096];
    ssize_t got = 0;
    while ((got = ::read(fd, chunk, sizeof chunk)) > 0)
      bytes.append(chunk, static_cast<std::size_t>(got));
    ::close(fd);
  }
  const int directory = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  check(directory >= 0, "open directory");
  const double result = rate(seconds, [&](std::uint64_t) {
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    check(fd >= 0, "open temporary file");
    check(::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()), "write");
    check(::fsync(fd) == 0, "fsync");
    check(::close(fd) == 0, "close");
    check(::rename(temp.c_str(), target.c_str()) == 0, "rename");
    if (fsync_directory) check(::fsync(directory) == 0, "fsync directory");
  });
  ::close(directory);
  return result;
}

double store_loop(const fs::path& state, int writer, double seconds) {
  aviso::JsonFileStore store = aviso::JsonFileStore::open(state);
  const aviso::ResumeKey key = key_for(writer);
  const std::uint64_t base = store.get(key) ? store.get(key)->last_committed_sequence + 1 : 1;
  return rate(seconds, [&](std::uint64_t i) {
    const std::uint64_t sequence = base + i;
    store.put(key, {sequence, "mars@" + std::to_string(sequence)});
  });
}

double contending(const fs::path& dir, const fs::path& state, double seconds) {
  std::vector<pid_t> pids;
  std::vector<std::string> environment{std::string(kWriterEnv) + "=1"};
  for (char** entry = environ; *entry != nullptr; ++entry) environment.emplace_back(*entry);
  std::vector<char*> envp;
  for (auto& entry : environment) envp.push_back(entry.data());
  envp.push_back(nullptr);
  for (int writer = 0; writer < kContenders; ++writer) {
    std::vector<std::string> args{
        "bench_state_store", kWriterFlag + std::to_string(writer), "--state=" + state.string(),
        "--seconds=" + std::to_string(seconds),
        "--result=" + (dir / ("rate-" + std::to_string(writer))).string()};
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    check(posix_spawn(&pid, "/proc/self/exe", nullptr, nullptr, argv.data(), envp.data()) == 0,
          "posix_spawn");
    pids.push_back(pid);
  }
  double total = 0;
  for (int writer = 0; writer < kContenders; ++writer) {
    int status = 0;
    ::waitpid(pids[static_cast<std::size_t>(writer)], &status, 0);
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer failed");
    std::ifstream in(dir / ("rate-" + std::to_string(writer)));
    double writer_rate = 0;
    in >> writer_rate;
    total += writer_rate;
  }
  return total;
}

std::string option(int argc, char** argv, const std::string& name, const std::string& fallback) {
  const std::string prefix = "--" + name + "=";
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], prefix.c_str(), prefix.size()) == 0) return argv[i] + prefix.size();
  }
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = std::stod(option(argc, argv, "seconds", "3"));
  const std::string writer = option(argc, argv, std::string(kWriterFlag).substr(2, 12), "");
  if (!writer.empty()) {
    const char* gate = std::getenv(kWriterEnv);
    if (gate == nullptr || std::strcmp(gate, "1") != 0) {
      std::fprintf(stderr, "writer mode needs %s=1\n", kWriterEnv);
      return 2;
    }
    const double writer_rate =
        store_loop(option(argc, argv, "state", ""), std::stoi(writer), seconds);
    std::ofstream(option(argc, argv, "result", "")) << writer_rate << '\n';
    return 0;
  }

  fs::path dir = option(argc, argv, "dir", "");
  bool remove_dir = false;
  if (dir.empty()) {
    std::string pattern = (fs::temp_directory_path() / "aviso-state-bench-XXXXXX").string();
    check(::mkdtemp(pattern.data()) != nullptr, "mkdtemp");
    dir = pattern;
    remove_dir = true;
  }

  const double bare = bare_loop(dir, seconds, true);
  const double bare_no_dir_sync = bare_loop(dir, seconds, false);
  const fs::path state = dir / "state.json";
  {
    // Four keys, as in the contending run, so every scenario writes the same file size.
    aviso::JsonFileStore store = aviso::JsonFileStore::open(state);
    for (int n = 0; n < kContenders; ++n) store.put(key_for(n), {1000000, "mars@1000000"});
  }
  const double single = store_loop(state, 0, seconds);
  const double contended = contending(dir, state, seconds);

  std::printf("State store puts/s in %s (%.0f s per row)\n\n", dir.c_str(), seconds);
  std::printf("%-52s %10s %10s\n", "scenario", "ops/s", "vs floor");
  std::printf("%-52s %10.0f %10.2f\n", "floor: write+fsync+rename+fsync(dir), bare loop", bare,
              1.0);
  std::printf("%-52s %10.0f %10s\n", "bare write+fsync+rename (no directory fsync)",
              bare_no_dir_sync, "-");
  std::printf("%-52s %10.0f %10.2f\n", "JsonFileStore::put, 1 process", single, single / bare);
  std::printf("%-52s %10.0f %10.2f\n", "JsonFileStore::put, 4 contending processes (sum)",
              contended, contended / bare);
  if (remove_dir) fs::remove_all(dir);
  return 0;
}
