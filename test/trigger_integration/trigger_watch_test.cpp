// Every trigger kind end to end: a WatchRequest with add_trigger(...) watched by a real Client
// against the real aviso-local-server. Side effects land in real pipes, files, processes and a
// loopback HTTP receiver; failures end the watch the way a user sees it (aviso::Error).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "aviso/client.hpp"
#include "aviso/log.hpp"
#include "aviso/watch.hpp"
#include "supervisor/worker_pool.hpp"
#include "support/local_server.hpp"
#include "support/loopback_http_server.hpp"
#include "support/scoped_env.hpp"
#include "support/temp_dir.hpp"

namespace aviso {
namespace {

using test::CannedResponse;
using test::LoopbackHttpServer;
using test::RecordedRequest;

// The mars schema requires `class` in every watch and replay.
const nlohmann::json kOd = {{"class", "od"}};

// Notify requires every mars key; a distinct step keeps each notification in the server's
// history (it keeps one per topic).
void publish(Client& client, int step, const std::optional<std::string>& payload = std::nullopt) {
  client.notify("mars",
                {{"class", "od"},
                 {"expver", "0001"},
                 {"domain", "g"},
                 {"date", "20260601"},
                 {"time", "1200"},
                 {"stream", "enfo"},
                 {"step", std::to_string(step)}},
                payload);
}

// Sequences 1..last, then the watch ends by itself.
WatchRequest replay_through(std::uint64_t last) {
  return WatchRequest::replay_range("mars", ResumeStart::after_sequence(0),
                                    ReplayEnd::through_sequence(last))
      .filter(kOd);
}

struct WatchResult {
  std::vector<Notification> delivered;
  std::optional<Error> failure;
};

// Pulls until the watch ends. A watch that stays silent for 30 s is a test failure, not a hang.
WatchResult drain(NotificationStream& stream) {
  WatchResult result;
  try {
    while (std::optional<Notification> next = stream.next(std::chrono::seconds(30))) {
      result.delivered.push_back(*next);
    }
    if (!stream.ended()) throw std::runtime_error("the watch stayed silent for 30 s");
  } catch (const Error& error) {
    result.failure = error;
  }
  return result;
}

WatchResult run(Client& client, const WatchRequest& request) {
  NotificationStream stream = client.watch(request);
  return drain(stream);
}

std::vector<std::uint64_t> sequences(const std::vector<Notification>& notifications) {
  std::vector<std::uint64_t> out;
  for (const Notification& n : notifications) out.push_back(n.sequence());
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Collects the library's log records while alive.
class CapturedLog {
 public:
  CapturedLog() {
    set_log_sink([this](const LogRecord& record) {
      std::lock_guard<std::mutex> lock(mutex_);
      records_.push_back(record);
    });
  }
  ~CapturedLog() { set_log_sink(nullptr); }
  CapturedLog(const CapturedLog&) = delete;
  CapturedLog& operator=(const CapturedLog&) = delete;

  std::vector<LogRecord> named(const std::string& event) const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<LogRecord> out;
    for (const LogRecord& r : records_) {
      if (r.event == event) out.push_back(r);
    }
    return out;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<LogRecord> records_;
};

std::string field(const LogRecord& record, const std::string& name) {
  for (const auto& [key, value] : record.fields) {
    if (key == name) return value;
  }
  return "<absent>";
}

// Points this process's standard output at a pipe while alive; text() returns everything
// written to it once the redirection has ended.
class CapturedStdout {
 public:
  CapturedStdout() {
    std::fflush(stdout);
    if (::pipe2(pipe_, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    saved_ = ::dup(STDOUT_FILENO);
    ::dup2(pipe_[1], STDOUT_FILENO);
    ::close(pipe_[1]);
    reader_ = std::thread([this] {
      char buffer[4096];
      ssize_t n = 0;
      while ((n = ::read(pipe_[0], buffer, sizeof buffer)) > 0) {
        text_.append(buffer, static_cast<std::size_t>(n));
      }
    });
  }
  ~CapturedStdout() { finish(); }
  CapturedStdout(const CapturedStdout&) = delete;
  CapturedStdout& operator=(const CapturedStdout&) = delete;

  const std::string& text() {
    finish();
    return text_;
  }

 private:
  void finish() {
    if (saved_ < 0) return;
    std::fflush(stdout);
    ::dup2(saved_, STDOUT_FILENO);  // the pipe's last write end closes: the reader sees EOF
    ::close(saved_);
    saved_ = -1;
    reader_.join();
    ::close(pipe_[0]);
  }

  int pipe_[2] = {-1, -1};
  int saved_ = -1;
  std::thread reader_;
  std::string text_;
};

// A file whose existence holds a command in `while [ -e FILE ]`; removed by release() or, at the
// latest, by the destructor.
class HoldFile {
 public:
  explicit HoldFile(std::string path) : path_(std::move(path)) { std::ofstream(path_).close(); }
  ~HoldFile() { release(); }
  HoldFile(const HoldFile&) = delete;
  HoldFile& operator=(const HoldFile&) = delete;
  const std::string& path() const { return path_; }
  void release() const {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }

 private:
  std::string path_;
};

class TriggerWatch : public ::testing::Test {
 protected:
  test::LocalServer server_;
  Client client_ = ClientBuilder(server_.url()).build();
  test::TempDir dir_;
};

// ---- echo and log ---------------------------------------------------------------------------

TEST_F(TriggerWatch, EchoToAPipeWritesOneJsonLinePerNotification) {
  for (int step = 0; step < 3; ++step) publish(client_, step);
  WatchResult result;
  std::string output;
  {
    CapturedStdout captured;
    result = run(client_, replay_through(3).add_trigger(Trigger::echo().label("mars-od")));
    output = captured.text();
  }
  ASSERT_FALSE(result.failure) << result.failure->what();
  ASSERT_EQ(sequences(result.delivered), (std::vector<std::uint64_t>{1, 2, 3}));
  const std::vector<std::string> lines = lines_of(output);
  ASSERT_EQ(lines.size(), 3U) << output;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    // A pipe gets the compact NDJSON form: no leader line, even with a label.
    EXPECT_EQ(lines[i], result.delivered[i].to_json());
  }
  EXPECT_EQ(output.back(), '\n');
}

TEST_F(TriggerWatch, LogAppendsOneLinePerNotificationAfterWhatTheFileHeld) {
  const std::string path = dir_.file("mars.log");
  std::ofstream(path) << "kept\n";
  for (int step = 0; step < 3; ++step) publish(client_, step);
  const WatchResult result = run(client_, replay_through(3).add_trigger(Trigger::log(path)));
  ASSERT_FALSE(result.failure) << result.failure->what();
  ASSERT_EQ(result.delivered.size(), 3U);
  const std::vector<std::string> lines = lines_of(read_file(path));
  ASSERT_EQ(lines.size(), 4U);
  EXPECT_EQ(lines[0], "kept");
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(lines[i + 1], result.delivered[i].to_json());
    EXPECT_EQ(nlohmann::json::parse(lines[i + 1])["sequence"], i + 1);
  }
}

TEST_F(TriggerWatch, ALogInAMissingDirectoryEndsTheWatchWithAnIoTriggerFailure) {
  publish(client_, 0);
  const std::string path = dir_.file("absent/mars.log");
  const WatchResult result = run(client_, replay_through(1).add_trigger(Trigger::log(path)));
  ASSERT_TRUE(result.failure);
  EXPECT_EQ(result.failure->kind(), AvisoErrorKind_Trigger);
  EXPECT_EQ(result.failure->error().trigger_kind, "log(" + path + ")");
  EXPECT_EQ(result.failure->error().error_kind, "io");
  EXPECT_TRUE(result.delivered.empty());
}

// ---- command --------------------------------------------------------------------------------

TEST_F(TriggerWatch, CommandGetsVariablesATemplatedArgumentAndItsWorkingDirectory) {
  const std::string canary = dir_.file("canary");
  // A payload that would create the canary if it ever reached the shell as code.
  const std::string hostile = "x'; touch " + canary + "; echo \"$(touch " + canary + ")\" `touch " +
                              canary + "` && touch " + canary + " *";
  publish(client_, 7, nlohmann::json(hostile).dump());
  publish(client_, 8, nlohmann::json("plain").dump());
  // Set after the client is built: the client itself must not use it to authenticate.
  test::ScopedEnv env;
  env.set("AVISO_TOKEN", "secret-token");
  const WatchResult result =
      run(client_, replay_through(2).add_trigger(
                       // `${` would make the engine refuse every later value (spec 3.4), so
                       // the credential check comes after the placeholder.
                       Trigger::command("printf '%s|%s|%s|%s|%s|%s\\n' \"$AVISO_EVENT_TYPE\" "
                                        "\"$AVISO_SEQUENCE\" \"$AVISO_IDENTIFIER_CLASS\" "
                                        "\"$AVISO_IDENTIFIER_STEP\" \"$PWD\" "
                                        "{{ notification.payload }} >> out.txt; "
                                        "echo \"${AVISO_TOKEN-unset}\" >> out.txt")
                           .working_dir(dir_.path().string())));
  ASSERT_FALSE(result.failure) << result.failure->what();
  ASSERT_EQ(result.delivered.size(), 2U);
  const std::string pwd = std::filesystem::canonical(dir_.path()).string();
  const std::vector<std::string> lines = lines_of(read_file(dir_.file("out.txt")));
  ASSERT_EQ(lines.size(), 4U);
  EXPECT_EQ(lines[0], "mars|1|od|7|" + pwd + "|" + hostile);
  EXPECT_EQ(lines[1], "unset");  // the credential never reaches the child
  EXPECT_EQ(lines[2], "mars|2|od|8|" + pwd + "|plain");
  EXPECT_EQ(lines[3], "unset");
  EXPECT_FALSE(std::filesystem::exists(canary));
}

TEST_F(TriggerWatch, CommandSeesTheNotificationJsonTheLogTriggerWrites) {
  publish(client_, 1, R"({"path":"/data/x.grib","size":46.0})");
  const std::string log_path = dir_.file("mars.log");
  const WatchResult result =
      run(client_,
          replay_through(1)
              .add_trigger(Trigger::log(log_path))
              .add_trigger(Trigger::command(
                               "printf '%s\\n' \"$AVISO_NOTIFICATION_JSON\" > notification.json; "
                               "printf '%s\\n' \"$AVISO_PAYLOAD_JSON\" > payload.json")
                               .working_dir(dir_.path().string())));
  ASSERT_FALSE(result.failure) << result.failure->what();
  EXPECT_EQ(read_file(dir_.file("notification.json")), read_file(log_path));
  EXPECT_EQ(nlohmann::json::parse(read_file(dir_.file("payload.json"))),
            result.delivered.at(0).payload());
}

TEST_F(TriggerWatch, ARequiredCommandThatKeepsFailingEndsTheWatchAfterEveryAttempt) {
  publish(client_, 0);
  const std::string attempts = dir_.file("attempts");
  const std::string later = dir_.file("later.log");
  const WatchResult result =
      run(client_, replay_through(1)
                       .add_trigger(Trigger::command("echo attempt >> '" + attempts +
                                                     "'; echo 'disk full' >&2; exit 3")
                                        .retries(2)
                                        .fail_fast(false))
                       .add_trigger(Trigger::log(later)));
  ASSERT_TRUE(result.failure);
  EXPECT_EQ(result.failure->kind(), AvisoErrorKind_Trigger);
  EXPECT_EQ(result.failure->error().trigger_kind, "command");
  EXPECT_EQ(result.failure->error().error_kind, "command");
  EXPECT_NE(std::string(result.failure->what()).find("command exited 3: disk full"),
            std::string::npos)
      << result.failure->what();
  EXPECT_EQ(lines_of(read_file(attempts)).size(), 3U);  // retries(2): three attempts
  EXPECT_FALSE(std::filesystem::exists(later));         // the pipeline stopped
  EXPECT_TRUE(result.delivered.empty());                // and nothing was handed over
}

TEST_F(TriggerWatch, FailFastStopsRetryingANonZeroExit) {
  publish(client_, 0);
  const std::string attempts = dir_.file("attempts");
  const WatchResult result =
      run(client_, replay_through(1).add_trigger(
                       Trigger::command("echo attempt >> '" + attempts + "'; exit 1").retries(5)));
  ASSERT_TRUE(result.failure);
  EXPECT_EQ(result.failure->error().error_kind, "command");
  EXPECT_EQ(lines_of(read_file(attempts)).size(), 1U);
}

TEST_F(TriggerWatch, ACommandThatSucceedsOnItsThirdAttemptDeliversTheNotification) {
  publish(client_, 0);
  const std::string attempts = dir_.file("attempts");
  // Fails until the file holds two lines, then succeeds.
  const WatchResult result = run(
      client_, replay_through(1).add_trigger(
                   Trigger::command("n=$(cat '" + attempts + "' 2>/dev/null | wc -l); echo x >> '" +
                                    attempts + "'; [ \"$n\" -ge 2 ]")
                       .retries(4)
                       .fail_fast(false)));
  ASSERT_FALSE(result.failure) << result.failure->what();
  EXPECT_EQ(sequences(result.delivered), (std::vector<std::uint64_t>{1}));
  EXPECT_EQ(lines_of(read_file(attempts)).size(), 3U);
}

TEST_F(TriggerWatch, AnOptionalFailureLogsAWarningAndTheNextTriggerRuns) {
  CapturedLog log;
  for (int step = 0; step < 2; ++step) publish(client_, step);
  const std::string later = dir_.file("later.log");
  const WatchResult result =
      run(client_, replay_through(2)
                       .add_trigger(Trigger::command("exit 4").required(false))
                       .add_trigger(Trigger::log(later)));
  ASSERT_FALSE(result.failure) << result.failure->what();
  EXPECT_EQ(sequences(result.delivered), (std::vector<std::uint64_t>{1, 2}));
  EXPECT_EQ(lines_of(read_file(later)).size(), 2U);
  const std::vector<LogRecord> warnings = log.named("client.trigger.failed");
  ASSERT_EQ(warnings.size(), 2U);
  EXPECT_EQ(warnings[0].level, LogLevel::Warn);
  EXPECT_EQ(field(warnings[0], "kind"), "command");
  EXPECT_EQ(field(warnings[0], "retries"), "0");
  EXPECT_EQ(field(warnings[0], "error"), "command exited 4: ");
}

TEST_F(TriggerWatch, ACommandTimeoutEndsTheWatchWithTimeout) {
  publish(client_, 0);
  const WatchResult result =
      run(client_, replay_through(1).add_trigger(
                       Trigger::command("sleep 30").timeout(std::chrono::milliseconds(200))));
  ASSERT_TRUE(result.failure);
  EXPECT_EQ(result.failure->error().error_kind, "timeout");
  EXPECT_NE(std::string(result.failure->what()).find("trigger timed out after 200ms"),
            std::string::npos)
      << result.failure->what();
}

// A command held inside its trigger in one watch must not hold up another watch of the same
// client: the second watch delivers everything while the first is still in its first command.
TEST_F(TriggerWatch, ASlowCommandDoesNotDelayAnotherWatchOfTheSameClient) {
  const std::string started = dir_.file("started");
  for (int step = 0; step < 3; ++step) publish(client_, step);
  std::optional<NotificationStream> slow;
  const HoldFile hold(dir_.file("hold"));  // removed before `slow` is destroyed, on every path
  slow.emplace(client_.watch(replay_through(3).add_trigger(Trigger::command(
      "touch '" + started + "'; while [ -e '" + hold.path() + "' ]; do sleep 0.01; done"))));
  for (int i = 0; i < 3000 && !std::filesystem::exists(started); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(std::filesystem::exists(started));

  NotificationStream quick =
      client_.watch(replay_through(3).add_trigger(Trigger::log(dir_.file("quick.log"))));
  const WatchResult quick_result = drain(quick);
  EXPECT_FALSE(quick_result.failure);
  EXPECT_EQ(sequences(quick_result.delivered), (std::vector<std::uint64_t>{1, 2, 3}));
  // The slow watch has delivered nothing: its first command is still held.
  EXPECT_FALSE(slow->next(std::chrono::milliseconds(0)));
  EXPECT_FALSE(slow->ended());

  hold.release();
  const WatchResult slow_result = drain(*slow);
  EXPECT_FALSE(slow_result.failure);
  EXPECT_EQ(sequences(slow_result.delivered), (std::vector<std::uint64_t>{1, 2, 3}));
}

// The same when held commands occupy every thread of the shared worker pool: a bounded pool
// may make a further trigger wait for a thread, but a watch with no trigger must still deliver.
TEST_F(TriggerWatch, CommandsHoldingEveryWorkerDoNotStopAnotherWatchDelivering) {
  constexpr auto kHeld = static_cast<int>(supervisor::WorkerPool::kSharedThreads);
  publish(client_, 0);
  std::vector<NotificationStream> held;
  // Declared after the streams, so it is removed first on every path out of the test and the
  // held commands end before the streams' destructors wait for their watches.
  const HoldFile hold(dir_.file("hold"));
  for (int i = 0; i < kHeld; ++i) {
    const std::string started = dir_.file("started-" + std::to_string(i));
    held.push_back(client_.watch(replay_through(1).add_trigger(Trigger::command(
        "touch '" + started + "'; while [ -e '" + hold.path() + "' ]; do sleep 0.01; done"))));
    for (int wait = 0; wait < 3000 && !std::filesystem::exists(started); ++wait) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_TRUE(std::filesystem::exists(started)) << "held watch " << i << " never ran its command";
  }

  NotificationStream quick = client_.watch(replay_through(1));
  const std::optional<Notification> first = quick.next(std::chrono::seconds(10));
  hold.release();
  ASSERT_TRUE(first) << "a watch without triggers delivered nothing while others were held";
  EXPECT_EQ(first->sequence(), 1U);
  for (NotificationStream& stream : held) {
    const WatchResult result = drain(stream);
    EXPECT_FALSE(result.failure);
    EXPECT_EQ(result.delivered.size(), 1U);
  }
}

// ---- webhook, teams, post -------------------------------------------------------------------

TEST_F(TriggerWatch, WebhookSendsTheTemplatedMethodUrlHeadersAndBody) {
  LoopbackHttpServer receiver;
  for (int step = 0; step < 2; ++step) publish(client_, step);
  const WatchResult result = run(
      client_,
      replay_through(2).add_trigger(
          Trigger::webhook(receiver.url("/hook/{{ notification.identifier.class }}?seq="
                                        "{{ notification.sequence }}"))
              .method(HttpMethod::Put)
              .header("X-Event", "{{ notification.event_type }}-{{ notification.sequence }}")
              .json_body_template(
                  R"({"text": "new {{ notification.event_type }} step {{ notification.identifier.step }}"})")));
  ASSERT_FALSE(result.failure) << result.failure->what();
  const std::vector<RecordedRequest> requests = receiver.requests();
  ASSERT_EQ(requests.size(), 2U);
  for (std::size_t i = 0; i < 2; ++i) {
    const std::string seq = std::to_string(i + 1);
    EXPECT_EQ(requests[i].method, "PUT");
    EXPECT_EQ(requests[i].target, "/hook/od?seq=" + seq);
    EXPECT_EQ(requests[i].header("X-Event"), "mars-" + seq);
    EXPECT_EQ(requests[i].header("Content-Type"), "application/json");
    EXPECT_EQ(requests[i].header_count("Authorization"), 0U);
    EXPECT_EQ(nlohmann::json::parse(requests[i].body),
              (nlohmann::json{{"text", "new mars step " + std::to_string(i)}}));
  }
}

TEST_F(TriggerWatch, WebhookWithoutABodyTemplateSendsTheNotificationJson) {
  LoopbackHttpServer receiver;
  publish(client_, 0);
  const WatchResult result =
      run(client_, replay_through(1).add_trigger(Trigger::webhook(receiver.url("/"))));
  ASSERT_FALSE(result.failure) << result.failure->what();
  ASSERT_EQ(receiver.request_count(), 1U);
  EXPECT_EQ(receiver.requests()[0].method, "POST");
  EXPECT_EQ(receiver.requests()[0].body, result.delivered.at(0).to_json());
}

TEST_F(TriggerWatch, AWebhookAnswering503IsRetriedThenEndsTheWatch) {
  LoopbackHttpServer receiver([](const RecordedRequest&) {
    return CannedResponse{503, "try later"};
  });
  publish(client_, 0);
  const WatchResult result =
      run(client_, replay_through(1).add_trigger(Trigger::webhook(receiver.url("/")).retries(2)));
  ASSERT_TRUE(result.failure);
  EXPECT_EQ(result.failure->kind(), AvisoErrorKind_Trigger);
  EXPECT_EQ(result.failure->error().trigger_kind, "webhook");
  EXPECT_EQ(result.failure->error().error_kind, "webhook");
  EXPECT_NE(std::string(result.failure->what()).find("status=503 body_tail=try later"),
            std::string::npos)
      << result.failure->what();
  EXPECT_EQ(receiver.request_count(), 3U);
}

TEST_F(TriggerWatch, AWebhookAnswering404IsNotRetriedUnderFailFast) {
  LoopbackHttpServer receiver([](const RecordedRequest&) { return CannedResponse{404, "nope"}; });
  publish(client_, 0);
  const WatchResult result =
      run(client_, replay_through(1).add_trigger(Trigger::webhook(receiver.url("/")).retries(3)));
  ASSERT_TRUE(result.failure);
  EXPECT_EQ(result.failure->error().error_kind, "webhook");
  EXPECT_EQ(receiver.request_count(), 1U);
}

TEST_F(TriggerWatch, ASlowWebhookResponseHitsTheTimeout) {
  LoopbackHttpServer receiver([](const RecordedRequest&) {
    return CannedResponse{200, "late", std::chrono::seconds(20)};
  });
  publish(client_, 0);
  const WatchResult result = run(
      client_, replay_through(1).add_trigger(
                   Trigger::webhook(receiver.url("/")).timeout(std::chrono::milliseconds(300))));
  ASSERT_TRUE(result.failure);
  EXPECT_EQ(result.failure->error().error_kind, "timeout");
  EXPECT_NE(std::string(result.failure->what()).find("trigger timed out after 300ms"),
            std::string::npos)
      << result.failure->what();
}

TEST_F(TriggerWatch, TeamsPostsAnAdaptiveCardTitledWithTheNotification) {
  LoopbackHttpServer receiver;
  publish(client_, 5, R"({"path":"/data/x.grib"})");
  const WatchResult result =
      run(client_, replay_through(1).add_trigger(Trigger::teams(receiver.url("/teams"))));
  ASSERT_FALSE(result.failure) << result.failure->what();
  ASSERT_EQ(receiver.request_count(), 1U);
  const RecordedRequest request = receiver.requests()[0];
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/teams");
  const nlohmann::json card = nlohmann::json::parse(request.body);
  ASSERT_EQ(card["attachments"].size(), 1U);
  EXPECT_EQ(card["attachments"][0]["contentType"], "application/vnd.microsoft.card.adaptive");
  const nlohmann::json& content = card["attachments"][0]["content"];
  EXPECT_EQ(content["type"], "AdaptiveCard");
  EXPECT_EQ(content["body"][0]["text"], "aviso mars #1");
  EXPECT_NE(request.body.find("/data/x.grib"), std::string::npos);
}

// The `data:` line of the server's own replay of `event_id`, as the server rendered it.
std::string server_cloudevent(const test::LocalServer& server, const std::string& event_id) {
  const test::HttpReply reply = server.post(
      "/api/v1/replay", R"({"event_type":"mars","identifier":{"class":"od"},"from_id":"0"})");
  for (const std::string& line : lines_of(reply.body)) {
    if (line.rfind("data: ", 0) != 0) continue;
    const std::string data = line.substr(6);
    const nlohmann::json event = nlohmann::json::parse(data, nullptr, false);
    if (event.is_object() && event.value("id", "") == event_id) return data;
  }
  return "<not in the server's replay>";
}

TEST_F(TriggerWatch, PostForwardsTheServersCloudEventUnchanged) {
  LoopbackHttpServer receiver;
  publish(client_, 3, R"({"path":"/data/x.grib","size":46.0,"note":"caf\u00e9 \"q\""})");
  const WatchResult result =
      run(client_,
          replay_through(1).add_trigger(Trigger::post(receiver.url("/events"))
                                            .header("X-Source", "{{ notification.event_type }}")));
  ASSERT_FALSE(result.failure) << result.failure->what();
  ASSERT_EQ(receiver.request_count(), 1U);
  const RecordedRequest request = receiver.requests()[0];
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.header("Content-Type"), "application/cloudevents+json");
  EXPECT_EQ(request.header("X-Source"), "mars");
  EXPECT_EQ(request.body, server_cloudevent(server_, "mars@1"));
}

}  // namespace
}  // namespace aviso
