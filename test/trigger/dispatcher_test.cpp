// The dispatcher: order, retries, fail_fast, required vs optional, cancellation (spec 2).
// Attempts are counted by a real command appending to a real file.
#include <gtest/gtest.h>

#include <algorithm>
#include <future>
#include <thread>

#include "test_support.hpp"

namespace aviso::trigger {
namespace {

using test::mars;
using test::no_backoff;
using test::read_file;
using test::TempDir;

std::size_t lines_in(const std::string& path) {
  const std::string text = read_file(path);
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// A command that records each attempt and exits with `code`.
Trigger counting_command(const std::string& count_file, int code) {
  return Trigger::command("echo attempt >> '" + count_file + "'; exit " + std::to_string(code));
}

DispatcherOptions options(LogSink log = {}) {
  DispatcherOptions o;
  o.backoff = no_backoff();
  o.log = std::move(log);
  return o;
}

TEST(Dispatcher, RetriesOfARetryableErrorMakeRetriesPlusOneAttempts) {
  TempDir dir;
  const std::string count = dir.file("count");
  TriggerDispatcher dispatcher({counting_command(count, 1).retries(3).fail_fast(false)}, options());
  const DispatchOutcome outcome = dispatcher.dispatch(mars());
  EXPECT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_EQ(lines_in(count), 4u);
  EXPECT_EQ(outcome.failure->attempts, 4u);
}

TEST(Dispatcher, NonZeroExitUnderFailFastRunsOnce) {
  TempDir dir;
  const std::string count = dir.file("count");
  TriggerDispatcher dispatcher({counting_command(count, 1).retries(5)}, options());
  const DispatchOutcome outcome = dispatcher.dispatch(mars());
  EXPECT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_EQ(lines_in(count), 1u);
}

TEST(Dispatcher, NonZeroExitWithoutFailFastRunsRetriesPlusOne) {
  TempDir dir;
  const std::string count = dir.file("count");
  TriggerDispatcher dispatcher({counting_command(count, 1).retries(5).fail_fast(false)}, options());
  dispatcher.dispatch(mars());
  EXPECT_EQ(lines_in(count), 6u);
}

TEST(Dispatcher, SuccessAfterAFailureStopsRetrying) {
  TempDir dir;
  const std::string count = dir.file("count");
  // Fails on the first attempt only.
  const Trigger flaky =
      Trigger::command("echo a >> '" + count + "'; [ $(wc -l < '" + count + "') -ge 2 ]")
          .retries(5)
          .fail_fast(false);
  TriggerDispatcher dispatcher({flaky}, options());
  EXPECT_EQ(dispatcher.dispatch(mars()).status, DispatchOutcome::Status::Completed);
  EXPECT_EQ(lines_in(count), 2u);
}

TEST(Dispatcher, RequiredFailureStopsLaterTriggersAndEndsTheWatch) {
  TempDir dir;
  const std::string later = dir.file("later");
  TriggerDispatcher dispatcher(
      {Trigger::command("echo broken >&2; exit 3"), Trigger::command("touch '" + later + "'")},
      options());
  const DispatchOutcome outcome = dispatcher.dispatch(mars());
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_FALSE(std::filesystem::exists(later));
  const Error error = outcome.failure->to_error();
  EXPECT_EQ(error.kind(), AvisoErrorKind_Trigger);
  EXPECT_EQ(error.error().trigger_kind, "command");
  EXPECT_EQ(error.error().error_kind, "command");
  EXPECT_NE(std::string(error.what()).find("command exited 3: broken"), std::string::npos);
}

TEST(Dispatcher, OptionalFailureLogsAWarningAndTheNextTriggerRuns) {
  TempDir dir;
  const std::string later = dir.file("later");
  std::vector<LogRecord> events;
  TriggerDispatcher dispatcher(
      {Trigger::command("exit 4").required(false).retries(1).fail_fast(false),
       Trigger::command("touch '" + later + "'")},
      options([&](const LogRecord& e) { events.push_back(e); }));
  EXPECT_EQ(dispatcher.dispatch(mars()).status, DispatchOutcome::Status::Completed);
  EXPECT_TRUE(std::filesystem::exists(later));
  const auto warning = std::find_if(events.begin(), events.end(), [](const LogRecord& e) {
    return e.event == "client.trigger.failed";
  });
  ASSERT_NE(warning, events.end());
  EXPECT_EQ(warning->level, LogLevel::Warn);
  EXPECT_EQ(warning->message, "optional trigger failed; continuing");
  EXPECT_EQ(warning->fields,
            (std::vector<std::pair<std::string, std::string>>{
                {"kind", "command"}, {"retries", "1"}, {"error", "command exited 4: "}}));
}

TEST(Dispatcher, TriggersRunInDeclaredOrder) {
  TempDir dir;
  const std::string order = dir.file("order");
  std::vector<Trigger> triggers;
  for (int i = 0; i < 4; ++i) {
    triggers.push_back(Trigger::command("echo " + std::to_string(i) + " >> '" + order + "'"));
  }
  TriggerDispatcher dispatcher(triggers, options());
  EXPECT_EQ(dispatcher.dispatch(mars()).status, DispatchOutcome::Status::Completed);
  EXPECT_EQ(read_file(order), "0\n1\n2\n3\n");
}

// A watch without triggers dispatches every notification: nothing reads it, so even one no
// template could serialise completes, and cancellation (checked before each trigger) has
// nothing to stop.
TEST(Dispatcher, WithoutTriggersEveryDispatchCompletes) {
  TriggerDispatcher dispatcher({}, options());
  EXPECT_EQ(dispatcher.size(), 0U);
  const Notification not_utf8(std::string("m\xff", 2), 1, nlohmann::json::object(), nullptr);
  EXPECT_EQ(dispatcher.dispatch(not_utf8).status, DispatchOutcome::Status::Completed);
  CancelSignal cancel;
  cancel.cancel();
  EXPECT_EQ(dispatcher.dispatch(mars(), &cancel).status, DispatchOutcome::Status::Completed);
}

TEST(Dispatcher, CancelledBeforeATriggerRunsNothing) {
  TempDir dir;
  const std::string ran = dir.file("ran");
  TriggerDispatcher dispatcher({Trigger::command("touch '" + ran + "'")}, options());
  CancelSignal cancel;
  cancel.cancel();
  EXPECT_EQ(dispatcher.dispatch(mars(), &cancel).status, DispatchOutcome::Status::Cancelled);
  EXPECT_FALSE(std::filesystem::exists(ran));
}

TEST(Dispatcher, CancellationDuringBackoffYieldsCancelledNotAFailure) {
  TempDir dir;
  const std::string count = dir.file("count");
  DispatcherOptions o;
  std::promise<void> sleeping;
  // A back-off far longer than the test: only the cancellation can end the wait.
  o.backoff = [&sleeping](std::uint32_t) {
    sleeping.set_value();
    return std::chrono::nanoseconds(std::chrono::hours(1));
  };
  TriggerDispatcher dispatcher({counting_command(count, 1).retries(3).fail_fast(false)}, o);
  CancelSignal cancel;
  std::future<DispatchOutcome> outcome =
      std::async(std::launch::async, [&] { return dispatcher.dispatch(mars(), &cancel); });
  sleeping.get_future().wait();
  cancel.cancel();
  ASSERT_EQ(outcome.wait_for(std::chrono::seconds(30)), std::future_status::ready);
  EXPECT_EQ(outcome.get().status, DispatchOutcome::Status::Cancelled);
  EXPECT_EQ(lines_in(count), 1u);
}

TEST(Dispatcher, MalformedTemplateFailsAtDispatchAsTemplateError) {
  TriggerDispatcher dispatcher({Trigger::command("run {{ notification.a..b }}").retries(3)},
                               options());
  const DispatchOutcome outcome = dispatcher.dispatch(mars());
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_EQ(outcome.failure->error.kind(), TriggerErrorKind::Template);
  EXPECT_EQ(outcome.failure->attempts, 1u);  // terminal under fail_fast
  EXPECT_EQ(outcome.failure->error.display(),
            "template render in command failed at empty_path_segment: BadSyntax");
}

}  // namespace
}  // namespace aviso::trigger
