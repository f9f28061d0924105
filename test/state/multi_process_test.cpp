// JsonFileStore shared by several processes: the kill-during-write contract (spec 5.11,
// behaviour 57), random interleavings, cross-process visibility (behaviour 55), and file-system
// refusals (disk full, file size limit, read-only directory).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <thread>

#include "aviso/state.hpp"
#include "child_modes.hpp"
#include "child_process.hpp"
#include "temp_dir.hpp"

extern char** environ;

namespace aviso {
namespace {

using test::ChildGroup;
using test::describe_status;
using test::TempDir;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr int kWriters = 4;

// The highest sequence of complete lines in a journal; nullopt when it has none.
std::optional<std::uint64_t> journal_max(const fs::path& journal) {
  if (!fs::exists(journal)) return std::nullopt;
  const std::string content = test::read_file(journal);
  std::optional<std::uint64_t> highest;
  std::size_t start = 0;
  for (std::size_t end = content.find('\n'); end != std::string::npos;
       start = end + 1, end = content.find('\n', start)) {
    const std::uint64_t sequence = std::stoull(content.substr(start, end - start));
    if (!highest || sequence > *highest) highest = sequence;
  }
  return highest;
}

std::optional<std::uint64_t> stored_sequence(const JsonFileStore& store, int child) {
  const auto checkpoint = store.get(ResumeKey::from_hex(test::kill_fuzz_key_hex(child)));
  if (!checkpoint) return std::nullopt;
  return checkpoint->last_committed_sequence;
}

// One wave of spec 5.11: start the writers, wait (at most 20 s, polling every 25 ms) until a
// journal has content, watch 200 ms more, SIGKILL everything. Any writer that ends on its own
// fails the test. Returns each writer's highest journaled sequence.
std::vector<std::optional<std::uint64_t>> run_kill_wave(const TempDir& dir, int wave) {
  std::vector<fs::path> journals;
  ChildGroup writers;
  for (int child = 0; child < kWriters; ++child) {
    journals.push_back(dir / ("journal-" + std::to_string(wave) + "-" + std::to_string(child)));
    writers.start("writer",
                  {"--state=" + (dir / "state.json").string(), "--child=" + std::to_string(child),
                   "--journal=" + journals.back().string()});
  }
  const auto fail_if_one_exited = [&]() {
    std::size_t index = 0;
    int status = 0;
    if (writers.find_exited(index, status)) {
      ADD_FAILURE() << "wave " << wave << ": writer " << index << " " << describe_status(status)
                    << " before it was killed";
      return true;
    }
    return false;
  };
  const auto give_up = std::chrono::steady_clock::now() + 20s;
  bool progressed = false;
  while (!progressed && std::chrono::steady_clock::now() < give_up) {
    if (fail_if_one_exited()) return {};
    for (const auto& journal : journals) {
      std::error_code missing;  // file_size reports a missing journal as -1, not 0
      const auto size = fs::file_size(journal, missing);
      if (!missing && size > 0) progressed = true;
    }
    if (!progressed) std::this_thread::sleep_for(25ms);
  }
  if (!progressed) {
    ADD_FAILURE() << "wave " << wave << ": no writer journaled a put within 20 s";
    return {};
  }
  for (int tick = 0; tick < 8; ++tick) {  // the 200 ms observation window
    std::this_thread::sleep_for(25ms);
    if (fail_if_one_exited()) return {};
  }
  writers.kill_all();

  std::vector<std::optional<std::uint64_t>> maxima;
  for (const auto& journal : journals) maxima.push_back(journal_max(journal));
  return maxima;
}

// Behaviour 57.
TEST(MultiProcess, WritersKilledMidWriteNeverLoseAnAcknowledgedPutOrGoBackwards) {
  TempDir dir;
  const auto first = run_kill_wave(dir, 1);
  ASSERT_EQ(first.size(), static_cast<std::size_t>(kWriters));
  const JsonFileStore after_first = JsonFileStore::open(dir / "state.json");  // must parse
  bool any_progress = false;
  for (int child = 0; child < kWriters; ++child) {
    if (!first[child]) continue;
    any_progress = true;
    const auto stored = stored_sequence(after_first, child);
    ASSERT_TRUE(stored) << "writer " << child << " journaled " << *first[child]
                        << " but the file has no entry";
    EXPECT_GE(*stored, *first[child]) << "writer " << child;
  }
  EXPECT_TRUE(any_progress);

  const auto second = run_kill_wave(dir, 2);
  ASSERT_EQ(second.size(), static_cast<std::size_t>(kWriters));
  const JsonFileStore after_second = JsonFileStore::open(dir / "state.json");
  for (int child = 0; child < kWriters; ++child) {
    const auto before = stored_sequence(after_first, child);
    const auto now = stored_sequence(after_second, child);
    if (before) {
      ASSERT_TRUE(now) << "writer " << child << "'s key disappeared in the second wave";
      EXPECT_GE(*now, *before) << "writer " << child << "'s key went backwards";
    }
    if (second[child]) {
      ASSERT_TRUE(now);
      EXPECT_GE(*now, *second[child]) << "writer " << child << " in the second wave";
    }
  }
}

// Seeded random puts from 3 processes at once, on shared keys and per-process keys, with
// sequences going up and down: every key must end at the highest sequence anyone put.
TEST(MultiProcess, RandomInterleavingsAcrossProcessesLoseNoPut) {
  TempDir dir;
  constexpr int kProcesses = 3;
  ChildGroup children;
  for (int index = 0; index < kProcesses; ++index) {
    children.start("random",
                   {"--state=" + (dir / "state.json").string(), "--index=" + std::to_string(index),
                    "--ops=40", "--seed=" + std::to_string(1234 + index),
                    "--result=" + (dir / ("result-" + std::to_string(index))).string()});
  }
  const auto statuses = children.wait_all();
  std::map<int, std::uint64_t> expected;
  for (int index = 0; index < kProcesses; ++index) {
    ASSERT_TRUE(WIFEXITED(statuses[index]) && WEXITSTATUS(statuses[index]) == 0)
        << "process " << index << " " << describe_status(statuses[index]);
    std::ifstream result(dir / ("result-" + std::to_string(index)));
    int n = 0;
    std::uint64_t sequence = 0;
    while (result >> n >> sequence) expected[n] = std::max(expected[n], sequence);
  }
  ASSERT_FALSE(expected.empty());
  const JsonFileStore store = JsonFileStore::open(dir / "state.json");
  for (const auto& [n, sequence] : expected) {
    const auto stored = store.get(ResumeKey::compute("https://random/", "mars", {{"n", n}}));
    ASSERT_TRUE(stored) << "key " << n;
    EXPECT_EQ(stored->last_committed_sequence, sequence) << "key " << n;
  }
}

// Behaviour 55.
TEST(MultiProcess, AnotherProcesssKeyIsSeenAfterOurNextWriteOrAReopen) {
  TempDir dir;
  const fs::path path = dir / "state.json";
  JsonFileStore store = JsonFileStore::open(path);
  const auto key = [](int n) { return ResumeKey::compute("https://random/", "mars", {{"n", n}}); };
  store.put(key(1), Checkpoint{1, std::nullopt});
  const pid_t child = test::spawn_child("put", {"--state=" + path.string(), "--n=2", "--seq=7"});
  const int status = test::wait_child(child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << describe_status(status);

  EXPECT_EQ(store.get(key(2)), std::nullopt) << "get reads the snapshot, not the disk";
  EXPECT_EQ(JsonFileStore::open(path).get(key(2)), (Checkpoint{7, std::nullopt}));
  store.put(key(1), Checkpoint{2, std::nullopt});
  EXPECT_EQ(store.get(key(2)), (Checkpoint{7, std::nullopt}));
  EXPECT_EQ(store.get(key(1)), (Checkpoint{2, std::nullopt}));
}

int run_child(const std::string& mode, const std::vector<std::string>& args) {
  const int status = test::wait_child(test::spawn_child(mode, args));
  EXPECT_TRUE(WIFEXITED(status)) << mode << " " << describe_status(status);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(MultiProcess, ADiskFullPutFailsCleanlyAndKeepsTheOldFile) {
  TempDir dir;
  fs::create_directory(dir / "tmpfs");
  const int status = run_child("disk-full", {"--dir=" + (dir / "tmpfs").string()});
  if (status == test::kChildCannotRun) GTEST_SKIP() << "mounting a tmpfs is not permitted here";
  EXPECT_EQ(status, 0);
}

TEST(MultiProcess, AFileSizeLimitedPutFailsCleanlyAndKeepsTheOldFile) {
  TempDir dir;
  EXPECT_EQ(run_child("file-size-limited", {"--state=" + (dir / "state.json").string()}), 0);
}

TEST(MultiProcess, APutIntoAReadOnlyDirectoryFailsCleanly) {
  TempDir dir;
  const fs::path path = dir / "state.json";
  JsonFileStore::open(path).put(ResumeKey::compute("https://random/", "mars", {{"n", 1}}),
                                Checkpoint{1, "mars@1"});
  fs::permissions(dir.path(), fs::perms::owner_read | fs::perms::owner_exec);
  EXPECT_EQ(run_child("read-only-directory", {"--state=" + path.string()}), 0);
}

TEST(MultiProcess, AChildFlagWithoutTheEnvironmentGateIsRefused) {
  // posix_spawn directly, without the gate variable (the test process itself never has it).
  ASSERT_EQ(std::getenv(test::kChildEnv), nullptr);
  const pid_t pid = [] {
    std::string self = "aviso_state_process_tests";
    std::string flag = std::string(test::kChildFlag) + "writer";
    char* argv[] = {self.data(), flag.data(), nullptr};
    pid_t child = 0;
    posix_spawn(&child, "/proc/self/exe", nullptr, nullptr, argv, environ);
    return child;
  }();
  const int status = test::wait_child(pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 2) << describe_status(status);
}

}  // namespace
}  // namespace aviso
