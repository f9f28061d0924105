// Resume after a real restart of a listening process (issue 5): aviso_resume_listener watches
// the real aviso-local-server with a JsonFileStore and journals every notification it pulls.
// Killed with SIGKILL mid-stream and started again, it resumes after its stored cursor: nothing
// is lost and at most the one in flight is repeated. Stopped cleanly with flush_cursor_on_exit,
// nothing is repeated; without it, exactly the last one is (the documented commit rule).
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "aviso/client.hpp"
#include "resilience_support.hpp"
#include "support/local_server.hpp"

namespace aviso::resilience {
namespace {

namespace fs = std::filesystem;

// One run of the listener process; the destructor kills it if the test did not stop it.
class Listener {
 public:
  Listener(const std::string& url, const fs::path& state, const fs::path& journal,
           std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {std::string(AVISO_TEST_BIN_DIR) + "/aviso_resume_listener",
                                     url, state.string(), journal.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    pid_ = ::fork();
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      std::vector<char*> argv;
      for (std::string& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
  }
  ~Listener() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  // Sends `signal` and returns the wait status.
  int stop(int signal) {
    ::kill(pid_, signal);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }
  bool running() const { return pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0; }

 private:
  pid_t pid_ = -1;
};

// The complete lines of a journal as sequences.
std::vector<std::uint64_t> read_journal(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::vector<std::uint64_t> out;
  std::string all = text.str();
  std::size_t start = 0;
  for (std::size_t end = all.find('\n'); end != std::string::npos; end = all.find('\n', start)) {
    out.push_back(std::stoull(all.substr(start, end - start)));
    start = end + 1;
  }
  return out;
}

// The one checkpoint the listener's state file holds.
std::uint64_t stored_cursor(const fs::path& state) {
  std::ifstream in(state);
  const nlohmann::json file = nlohmann::json::parse(in);
  const nlohmann::json& checkpoints = file.at("checkpoints");
  EXPECT_EQ(checkpoints.size(), 1u) << file.dump();
  return checkpoints.begin()->at("last_committed_sequence").get<std::uint64_t>();
}

class ListenerRestart : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "aviso-resume-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  bool journal_reaches(const fs::path& journal, std::size_t lines) {
    return eventually([&] { return read_journal(journal).size() >= lines; });
  }
  // The listener subscribed: its request reached the server (which subscribes before answering).
  bool connected(const test::LocalServer& server, long requests) {
    return eventually([&] { return server.request_count("/api/v1/watch") >= requests; });
  }

  fs::path dir_;
  fs::path state() const { return dir_ / "state.json"; }
};

TEST_F(ListenerRestart, SigkillMidStreamThenRestartLosesNothingAndRepeatsAtMostOne) {
  test::LocalServer server({"--heartbeat-interval", "0.2", "--replay-batch-delay-ms", "0"});
  Client producer = ClientBuilder(server.url()).build();
  const fs::path first_journal = dir_ / "first.journal";
  const fs::path second_journal = dir_ / "second.journal";
  constexpr int kFirstBatch = 40;
  constexpr int kTotal = 50;

  std::vector<std::uint64_t> first;
  {
    Listener listener(server.url(), state(), first_journal, {"--delay-ms", "30"});
    ASSERT_TRUE(connected(server, 1));
    for (int i = 0; i < kFirstBatch; ++i) publish(producer, i);
    ASSERT_TRUE(journal_reaches(first_journal, 10));
    ASSERT_TRUE(listener.running());
    const int status = listener.stop(SIGKILL);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << status;
    first = read_journal(first_journal);
  }
  ASSERT_FALSE(first.empty());
  std::cout << "killed after journaling " << first.back() << " of " << kFirstBatch << '\n';
  EXPECT_EQ(first, range(1, first.back()));
  // Pulling k commits k-1; if it died after pulling k+1 but before journaling it, k is stored.
  const std::uint64_t cursor = stored_cursor(state());
  EXPECT_TRUE(cursor == first.back() || cursor + 1 == first.back())
      << "stored " << cursor << " after journaling up to " << first.back();

  std::vector<std::uint64_t> second;
  {
    Listener listener(server.url(), state(), second_journal);
    ASSERT_TRUE(connected(server, 2));
    for (int i = kFirstBatch; i < kTotal; ++i) publish(producer, i);
    const std::size_t expected = static_cast<std::size_t>(kTotal) - cursor;
    ASSERT_TRUE(journal_reaches(second_journal, expected));
    const int status = listener.stop(SIGTERM);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
    second = read_journal(second_journal);
  }
  // The second run starts right after the stored cursor and goes on to the end, once each.
  EXPECT_EQ(second, range(cursor + 1, kTotal));
  EXPECT_LE(first.back() - cursor, 1u) << "more than the one in flight was repeated";
}

TEST_F(ListenerRestart, CleanStopWithFlushOnExitRepeatsNothing) {
  test::LocalServer server({"--heartbeat-interval", "0.2", "--replay-batch-delay-ms", "0"});
  Client producer = ClientBuilder(server.url()).build();
  const fs::path first_journal = dir_ / "first.journal";
  const fs::path second_journal = dir_ / "second.journal";
  {
    Listener listener(server.url(), state(), first_journal, {"--flush-on-exit"});
    ASSERT_TRUE(connected(server, 1));
    for (int i = 0; i < 5; ++i) publish(producer, i);
    ASSERT_TRUE(journal_reaches(first_journal, 5));
    const int status = listener.stop(SIGTERM);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  }
  EXPECT_EQ(read_journal(first_journal), range(1, 5));
  EXPECT_EQ(stored_cursor(state()), 5u) << "the exit flush saved the last one";
  {
    Listener listener(server.url(), state(), second_journal, {"--flush-on-exit"});
    ASSERT_TRUE(connected(server, 2));
    for (int i = 5; i < 8; ++i) publish(producer, i);
    ASSERT_TRUE(journal_reaches(second_journal, 3));
    EXPECT_EQ(listener.stop(SIGTERM), 0);
  }
  EXPECT_EQ(read_journal(second_journal), range(6, 8));
  EXPECT_EQ(stored_cursor(state()), 8u);
}

TEST_F(ListenerRestart, CleanStopWithoutFlushRepeatsExactlyTheLastOne) {
  test::LocalServer server({"--heartbeat-interval", "0.2", "--replay-batch-delay-ms", "0"});
  Client producer = ClientBuilder(server.url()).build();
  const fs::path first_journal = dir_ / "first.journal";
  const fs::path second_journal = dir_ / "second.journal";
  {
    Listener listener(server.url(), state(), first_journal);
    ASSERT_TRUE(connected(server, 1));
    for (int i = 0; i < 5; ++i) publish(producer, i);
    ASSERT_TRUE(journal_reaches(first_journal, 5));
    EXPECT_EQ(listener.stop(SIGTERM), 0);
  }
  EXPECT_EQ(stored_cursor(state()), 4u) << "the last one of a session stays unsaved";
  {
    Listener listener(server.url(), state(), second_journal);
    ASSERT_TRUE(connected(server, 2));
    publish(producer, 5);
    ASSERT_TRUE(journal_reaches(second_journal, 2));
    EXPECT_EQ(listener.stop(SIGTERM), 0);
  }
  EXPECT_EQ(read_journal(second_journal), range(5, 6));
}

}  // namespace
}  // namespace aviso::resilience
