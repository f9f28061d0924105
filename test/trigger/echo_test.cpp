// The echo trigger on a real pipe and a real pseudo-terminal (spec 1.2).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <termios.h>

#include "test_support.hpp"
#include "trigger/echo_action.hpp"

namespace aviso::trigger {
namespace {

std::string read_available(int fd) {
  std::string out;
  char buffer[4096];
  while (true) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0) break;
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
  }
  return out;
}

std::string echo_through(int fd, int read_fd, const Trigger& trigger, const Notification& n) {
  DispatcherOptions options;
  options.echo_fd = fd;
  TriggerDispatcher dispatcher({trigger}, options);
  EXPECT_EQ(dispatcher.dispatch(n).status, DispatchOutcome::Status::Completed);
  return read_available(read_fd);
}

class EchoOnPipe : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(::pipe(fds_), 0); }
  void TearDown() override {
    ::close(fds_[0]);
    ::close(fds_[1]);
  }
  int fds_[2];
};

TEST_F(EchoOnPipe, WritesCompactJsonAndOneNewline) {
  const Notification n("mars", 7, nlohmann::json{{"class", "od"}}, nlohmann::json{{"k", 1}});
  set_echo_color_enabled(true);  // never applies to a pipe
  const std::string out = echo_through(fds_[1], fds_[0], Trigger::echo().label("x"), n);
  set_echo_color_enabled(false);
  EXPECT_EQ(out, n.to_json() + "\n");
  EXPECT_EQ(out,
            "{\"event_type\":\"mars\",\"sequence\":7,\"identifier\":{\"class\":\"od\"},"
            "\"payload\":{\"k\":1}}\n");
}

TEST_F(EchoOnPipe, ClosedPipeIsAnIoErrorNotASignal) {
  ::close(fds_[0]);
  fds_[0] = ::open("/dev/null", O_RDONLY);
  DispatcherOptions options;
  options.echo_fd = fds_[1];
  TriggerDispatcher dispatcher({Trigger::echo()}, options);
  const DispatchOutcome outcome = dispatcher.dispatch(test::mars());
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_EQ(outcome.failure->error.kind(), TriggerErrorKind::Io);
}

class EchoOnTerminal : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(::openpty(&master_, &slave_, nullptr, nullptr, nullptr), 0);
    termios raw{};
    ::tcgetattr(slave_, &raw);
    ::cfmakeraw(&raw);  // no "\n" -> "\r\n": read back exactly what was written
    ::tcsetattr(slave_, TCSANOW, &raw);
  }
  void TearDown() override {
    ::close(master_);
    ::close(slave_);
    set_echo_color_enabled(false);
  }
  int master_ = -1;
  int slave_ = -1;
};

TEST_F(EchoOnTerminal, LeaderPrettyJsonAndBlankLine) {
  const std::string out = echo_through(slave_, master_, Trigger::echo(), test::mars(1));
  EXPECT_EQ(
      out,
      "new notification (trigger: echo):\n{\n  \"event_type\": \"mars\",\n  \"sequence\": 1,\n"
      "  \"identifier\": {},\n  \"payload\": null\n}\n\n");
}

TEST_F(EchoOnTerminal, LabelNamesTheListener) {
  const std::string out =
      echo_through(slave_, master_, Trigger::echo().label("mars-od"), test::mars(1));
  EXPECT_EQ(out.rfind("new notification (listener: mars-od, trigger: echo):\n{", 0), 0u) << out;
  EXPECT_NE(out.find("\"payload\": null"), std::string::npos);
}

TEST_F(EchoOnTerminal, ColourWrapsOnlyTheLeader) {
  set_echo_color_enabled(true);
  const std::string out = echo_through(slave_, master_, Trigger::echo(), test::mars(1));
  const std::string leader = "\x1b[2mnew notification (trigger: echo):\x1b[0m\n";
  ASSERT_EQ(out.rfind(leader, 0), 0u) << out;
  EXPECT_EQ(out.find('\x1b', leader.size()), std::string::npos);
}

}  // namespace
}  // namespace aviso::trigger
