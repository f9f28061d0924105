// The command trigger against the real /bin/sh (spec section 4 and behaviours 30-36).
#include <errno.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include <thread>

#include "test_support.hpp"
#include "trigger/command_environment.hpp"

namespace aviso::trigger {
namespace {

using test::read_file;
using test::TempDir;

DispatchOutcome run_once(const Trigger& trigger, const Notification& n = test::mars(1)) {
  DispatcherOptions options;
  options.backoff = test::no_backoff();
  TriggerDispatcher dispatcher({trigger}, options);
  return dispatcher.dispatch(n);
}

class CommandTrigger : public ::testing::Test {
 protected:
  std::string output() const { return read_file(out_); }
  std::string redirect() const { return " > '" + out_ + "'"; }
  TempDir dir_;
  std::string out_ = dir_.file("out");
};

TEST_F(CommandTrigger, CredentialsAreNotInherited) {
  ::setenv("AVISO_TOKEN", "t", 1);
  ::setenv("AVISO_USERNAME", "u", 1);
  ::setenv("AVISO_PASSWORD", "p", 1);
  const auto outcome = run_once(
      Trigger::command("printf '%s|%s|%s' \"${AVISO_TOKEN-unset}\" \"${AVISO_USERNAME-unset}\" "
                       "\"${AVISO_PASSWORD-unset}\"" +
                       redirect()));
  ::unsetenv("AVISO_TOKEN");
  ::unsetenv("AVISO_USERNAME");
  ::unsetenv("AVISO_PASSWORD");
  EXPECT_EQ(outcome.status, DispatchOutcome::Status::Completed);
  EXPECT_EQ(output(), "unset|unset|unset");
}

TEST_F(CommandTrigger, EnvMapMayHandACredentialOverOnPurpose) {
  ::setenv("AVISO_TOKEN", "from-parent", 1);
  run_once(Trigger::command("printf '%s' \"$AVISO_TOKEN\"" + redirect())
               .env("AVISO_TOKEN", "given-on-purpose"));
  ::unsetenv("AVISO_TOKEN");
  EXPECT_EQ(output(), "given-on-purpose");
}

TEST_F(CommandTrigger, VariablesReadByTheTemplateAreNotExported) {
  ::setenv("AVISO_TEST_SECRET_HOME", "/secret/home", 1);
  run_once(
      Trigger::command("printf '%s:%s' '{{ env.AVISO_TEST_SECRET_HOME }}' "
                       "\"${AVISO_TEST_SECRET_HOME-unset}\"" +
                       redirect()));
  ::unsetenv("AVISO_TEST_SECRET_HOME");
  EXPECT_EQ(output(), "/secret/home:unset");
}

TEST_F(CommandTrigger, HomeReadByTemplateIsUnsetInTheChild) {
  ASSERT_NE(std::getenv("HOME"), nullptr);
  run_once(Trigger::command("printf '%s' \"${HOME-unset}\"" + redirect() + " # {{ env.HOME }}"));
  EXPECT_EQ(output(), "unset");
}

TEST_F(CommandTrigger, InjectedVariables) {
  const Notification n("mars", 42,
                       nlohmann::json{{"country-code", "uk"},
                                      {"class", "od"},
                                      {"step", 12},
                                      {"grid", nlohmann::json::array({1.5, 2})}},
                       nlohmann::json{{"k", "v"}});
  run_once(Trigger::command("printf '%s\\n' \"$AVISO_EVENT_TYPE\" \"$AVISO_SEQUENCE\" "
                            "\"$AVISO_IDENTIFIER_COUNTRY_CODE\" \"$AVISO_IDENTIFIER_CLASS\" "
                            "\"$AVISO_IDENTIFIER_STEP\" \"$AVISO_IDENTIFIER_GRID\" "
                            "\"$AVISO_PAYLOAD_JSON\" \"$AVISO_NOTIFICATION_JSON\"" +
                            redirect()),
           n);
  EXPECT_EQ(output(), "mars\n42\nuk\nod\n12\n[1.5,2]\n{\"k\":\"v\"}\n" + n.to_json() + "\n");
}

TEST_F(CommandTrigger, NullPayloadIsTheJsonNull) {
  run_once(Trigger::command("printf '%s' \"$AVISO_PAYLOAD_JSON\"" + redirect()));
  EXPECT_EQ(output(), "null");
}

TEST_F(CommandTrigger, UserEnvOverridesInjectedVariables) {
  run_once(Trigger::command("printf '%s' \"$AVISO_EVENT_TYPE\"" + redirect())
               .env("AVISO_EVENT_TYPE", "overridden"));
  EXPECT_EQ(output(), "overridden");
}

TEST(CommandEnvironment, IdentifierKeyMangling) {
  EXPECT_EQ(identifier_variable("country-code"), "AVISO_IDENTIFIER_COUNTRY_CODE");
  EXPECT_EQ(identifier_variable("class"), "AVISO_IDENTIFIER_CLASS");
  EXPECT_EQ(identifier_variable("Step2.x y"), "AVISO_IDENTIFIER_STEP2_X_Y");
  EXPECT_EQ(identifier_variable("\xc3\xa9t\xc3\xa9"), "AVISO_IDENTIFIER___T__");
}

TEST_F(CommandTrigger, StdinIsDevNullAndWorkingDirApplies) {
  std::filesystem::create_directory(dir_.path() / "work");
  run_once(Trigger::command("pwd > '" + out_ + "'; cat >> '" + out_ + "'")
               .working_dir((dir_.path() / "work").string()));
  EXPECT_EQ(output(), std::filesystem::canonical(dir_.path() / "work").string() + "\n");
}

TEST_F(CommandTrigger, MissingWorkingDirIsAnIoError) {
  const std::string missing = dir_.file("nope");
  const auto outcome = run_once(Trigger::command("true").working_dir(missing));
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_EQ(outcome.failure->error.display(), "io: working_dir " + missing + " does not exist");
}

TEST_F(CommandTrigger, WorkingDirThatIsAFileIsAnIoError) {
  { std::ofstream(out_) << "x"; }
  const auto outcome = run_once(Trigger::command("true").working_dir(out_));
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_EQ(outcome.failure->error.display(), "io: working_dir " + out_ + " is not a directory");
}

TEST_F(CommandTrigger, FailureCarriesExitCodeAndTheLast4KiBOfStderr) {
  // 10000 bytes of stderr ending in a recognisable marker.
  const auto outcome =
      run_once(Trigger::command("i=0; while [ $i -lt 1000 ]; do printf 'abcdefghi\\n' >&2; "
                                "i=$((i+1)); done; printf END >&2; exit 7"));
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  const TriggerError& error = outcome.failure->error;
  EXPECT_EQ(error.kind(), TriggerErrorKind::Command);
  EXPECT_EQ(error.exit_code(), 7);
  ASSERT_EQ(error.tail().size(), 4096u);
  EXPECT_EQ(error.tail().substr(4093), "END");
}

TEST_F(CommandTrigger, SignalDeathGivesExitCodeMinusOne) {
  const auto outcome = run_once(Trigger::command("kill -KILL $$"));
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_EQ(outcome.failure->error.exit_code(), -1);
  EXPECT_EQ(outcome.failure->error.display(), "command exited -1: ");
}

TEST_F(CommandTrigger, TimeoutKillsTheCommand) {
  const auto outcome =
      run_once(Trigger::command("sleep 5").timeout(std::chrono::milliseconds(100)));
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_EQ(outcome.failure->error.kind(), TriggerErrorKind::Timeout);
  EXPECT_EQ(outcome.failure->error.display(), "trigger timed out after 100ms");
}

// Reaps `pid` (a grandchild re-parented to this process) if it has died; true once it is gone.
bool gone(pid_t pid) {
  ::waitpid(pid, nullptr, WNOHANG);
  return ::kill(pid, 0) != 0 && errno == ESRCH;
}

TEST_F(CommandTrigger, TimeoutKillsTheWholeProcessGroup) {
  // Orphaned grandchildren are re-parented to us, so we can reap them and see them gone
  // whatever the machine's init does with zombies.
  ASSERT_EQ(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
  const std::string pidfile = dir_.file("pid");
  const auto outcome = run_once(Trigger::command("sleep 100 & echo $! > '" + pidfile + "'; wait")
                                    .timeout(std::chrono::milliseconds(300)));
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_EQ(outcome.failure->error.kind(), TriggerErrorKind::Timeout);
  const pid_t grandchild = static_cast<pid_t>(std::stol(read_file(pidfile)));
  ASSERT_GT(grandchild, 0);
  bool dead = false;
  for (int i = 0; i < 500 && !dead; ++i) {  // bounded: up to ~5 s
    dead = gone(grandchild);
    if (!dead) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (!dead) ::kill(grandchild, SIGKILL);
  EXPECT_TRUE(dead) << "grandchild " << grandchild << " survived the timeout";
  ::prctl(PR_SET_CHILD_SUBREAPER, 0);
}

TEST_F(CommandTrigger, ABackgroundProcessHoldingThePipesDoesNotHangTheTrigger) {
  ASSERT_EQ(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
  const std::string pidfile = dir_.file("pid");
  DispatcherOptions options;
  options.command_drain_cap = std::chrono::milliseconds(200);
  std::vector<LogRecord> events;
  options.log = [&](const LogRecord& e) { events.push_back(e); };
  TriggerDispatcher dispatcher(
      {Trigger::command("sleep 30 & echo $! > '" + pidfile + "'; echo bye >&2; exit 2")}, options);
  const DispatchOutcome outcome = dispatcher.dispatch(test::mars());
  const pid_t background = static_cast<pid_t>(std::stol(read_file(pidfile)));
  ::kill(background, SIGKILL);
  ::waitpid(background, nullptr, 0);
  ::prctl(PR_SET_CHILD_SUBREAPER, 0);
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_EQ(outcome.failure->error.exit_code(), 2);
  EXPECT_EQ(outcome.failure->error.tail(), "");  // capped drain: tails are dropped
  EXPECT_TRUE(std::any_of(events.begin(), events.end(), [](const LogRecord& e) {
    return e.event == "client.trigger.command.post_exit_drain_capped" && e.level == LogLevel::Warn;
  }));
}

TEST_F(CommandTrigger, ValueWithANulByteIsAnIoErrorAndNothingRuns) {
  const Notification n("mars", 1, nlohmann::json::object(),
                       nlohmann::json{{"v", std::string("a\0b", 3)}});
  const auto outcome = run_once(
      Trigger::command("touch '" + out_ + "'; printf '%s' {{ notification.payload.v }}"), n);
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_EQ(outcome.failure->error.kind(), TriggerErrorKind::Io);
  EXPECT_FALSE(std::filesystem::exists(out_));
}

TEST_F(CommandTrigger, RefusedTemplateRunsNothing) {
  const auto outcome =
      run_once(Trigger::command("touch '" + out_ + "'; eval {{ notification.event_type }}"));
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_EQ(outcome.failure->error.display(),
            "template render in command failed at an argument to a command that reads it as "
            "shell code: ValueAfterUnsupportedShellSyntax");
  EXPECT_FALSE(std::filesystem::exists(out_));
}

TEST_F(CommandTrigger, RenderedValuesReachTheCommandLiterally) {
  const Notification n("mars", 5, nlohmann::json{{"country", "$(touch M)"}},
                       nlohmann::json{{"location", "south; touch M #"}});
  run_once(Trigger::command("cd '" + dir_.path().string() +
                            "' && printf '%s|%s' {{ notification.payload.location }} "
                            "\"{{ notification.identifier.country }}\"" +
                            redirect()),
           n);
  EXPECT_EQ(output(), "south; touch M #|$(touch M)");
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "M"));
}

}  // namespace
}  // namespace aviso::trigger
