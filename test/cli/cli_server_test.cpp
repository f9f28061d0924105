// The real `aviso` binary against the real aviso-local-server on 127.0.0.1: notify, schema and
// admin end to end, and usage errors that must not send a single request.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_process.hpp"
#include "support/local_server.hpp"

namespace aviso::cli {
namespace {

using ::testing::AllOf;
using testing::AvisoRunner;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::ProcessResult;
using ::testing::StartsWith;
using json = nlohmann::json;

const std::vector<std::string> kApiPaths = {
    "/api/v1/notification",      "/api/v1/watch",          "/api/v1/replay", "/api/v1/schema",
    "/api/v1/admin/wipe/stream", "/api/v1/admin/wipe/all",
};

class AvisoAgainstLocalServer : public ::testing::Test {
 protected:
  ProcessResult aviso(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), {"--base-url", server_.url()});
    return aviso_(args, std::move(env));
  }

  long api_requests() const {
    long total = 0;
    for (const auto& path : kApiPaths) total += server_.request_count(path);
    return total;
  }

  aviso::test::LocalServer server_;
  AvisoRunner aviso_;
};

TEST_F(AvisoAgainstLocalServer, NotifyPublishesAndPrintsJsonWhenPiped) {
  const ProcessResult result = aviso(
      {"notify",
       R"(event=extreme_event,region=north,run_time=1200,severity=5,anomaly=12.5,data={"x":1})"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json response = json::parse(result.out);
  EXPECT_EQ(response["event_type"], "extreme_event");
  EXPECT_EQ(response["status"], "success");
  EXPECT_FALSE(response["request_id"].get<std::string>().empty());
  EXPECT_FALSE(response["processed_at"].get<std::string>().empty());
  EXPECT_EQ(server_.request_count("/api/v1/notification"), 1);
}

TEST_F(AvisoAgainstLocalServer, RepeatedIdentifiersAreSentTypedAndExact) {
  const ProcessResult result =
      aviso({"notify", "event=extreme_event,region=north", "--identifier", "run_time=1200",
             "--identifier", "severity:=5", "--identifier", "anomaly:=12.5", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(json::parse(result.out)["status"], "success");
}

TEST_F(AvisoAgainstLocalServer, ServerRejectionExitsOneWithTheChain) {
  const ProcessResult result = aviso({"notify", "event=no_such_event,class=od"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err,
              AllOf(StartsWith("error: POST /api/v1/notification for event_type=no_such_event "
                               "failed\n"),
                    HasSubstr("Caused by:\n  0: ")));
  EXPECT_EQ(result.out, "");
}

TEST_F(AvisoAgainstLocalServer, UsageErrorsSendNoRequest) {
  const std::vector<std::vector<std::string>> cases = {
      {"notify", "class=od"},
      {"notify", "event=mars", "--identifier", "event=mars"},
      {"notify", "event=mars", "--identifier", "data:={}"},
      {"notify", "event=mars,class=od", "--identifier", "class:=1"},
      {"notify", "--identifier", "class=od"},
      {"notify", "event=mars", "--identifier", "missing"},
      {"notify", "event=mars", "--identifier", "=value"},
      {"notify", "event=mars", "--identifier", "x:=bad"},
      {"notify", "event=mars", "--identifier", "x=1", "--identifier", "x:=2"},
      {"listen", "--identifier", "class=od"},
      {"listen", "--event", "mars"},
      {"listen", "--event", "mars", "--identifiers", "{}", "--identifier", "class=od"},
      {"listen", "--event", "mars", "--identifier", "x:=bad"},
      {"listen", "--event", "mars", "--identifiers", "{}", "--from", "+1"},
      {"listen"},
      {"replay", "--from", "0", "--identifier", "class=od"},
      {"replay", "--from", "0", "--event", "mars"},
      {"replay", "--from", "0", "--event", "mars", "--identifiers", "{}", "--identifier", "a=b"},
      {"replay", "--from", "yesterday", "--event", "mars", "--identifiers", "{}"},
      {"replay", "--from", "0", "--until", "x", "--event", "mars", "--identifiers", "{}"},
      {"replay", "--from", "3", "--until", "2", "--event", "mars", "--identifiers", "{}"},
      {"listen", "--event", "mars", "--identifiers", "{}", "--startup-timeout", "soon"},
      {"admin", "wipe-stream", "mars"},
      {"admin", "wipe-all"},
      {"admin", "delete", "mars@1"},
      {"--token", "t", "--username", "u", "schema", "list"},
  };
  for (const auto& args : cases) {
    const ProcessResult result = aviso(args);
    EXPECT_EQ(result.exit_code, 2) << ::testing::PrintToString(args) << "\n" << result.err;
  }
  EXPECT_EQ(api_requests(), 0);
}

TEST_F(AvisoAgainstLocalServer, SchemaListIsNdjsonWhenPiped) {
  for (const bool force_json : {false, true}) {
    std::vector<std::string> args{"schema", "list"};
    if (force_json) args.push_back("--json");
    const ProcessResult result = aviso(args);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    std::vector<std::string> event_types;
    std::stringstream lines(result.out);
    for (std::string line; std::getline(lines, line);) {
      const json row = json::parse(line);
      event_types.push_back(row["event_type"]);
      EXPECT_TRUE(row.contains("schema"));
    }
    EXPECT_THAT(event_types, ::testing::IsSupersetOf({"mars", "extreme_event"}));
  }
}

TEST_F(AvisoAgainstLocalServer, SchemaGetPrintsPrettyJson) {
  const ProcessResult result = aviso({"schema", "get", "extreme_event"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, StartsWith("{\n  \"status\": "));
  const json schema = json::parse(result.out);
  EXPECT_EQ(schema["event_type"], "extreme_event");
  EXPECT_TRUE(schema["schema"]["identifier"].contains("region"));
}

TEST_F(AvisoAgainstLocalServer, AdminCommandsWithYesCallTheServer) {
  ASSERT_EQ(aviso({"notify", "event=extreme_event,region=north,run_time=1200,severity=5,anomaly=1"})
                .exit_code,
            0);
  const ProcessResult remove = aviso({"admin", "delete", "extreme_event@1", "--yes"});
  ASSERT_EQ(remove.exit_code, 0) << remove.err;
  EXPECT_EQ(json::parse(remove.out), (json{{"status", "ok"},
                                           {"operation", "delete_notification"},
                                           {"notification_id", "extreme_event@1"}}));

  const ProcessResult stream = aviso({"admin", "wipe-stream", "extreme_event", "--yes"});
  ASSERT_EQ(stream.exit_code, 0) << stream.err;
  EXPECT_EQ(json::parse(stream.out)["operation"], "wipe_stream");
  EXPECT_EQ(server_.request_count("/api/v1/admin/wipe/stream"), 1);

  const ProcessResult all = aviso({"admin", "wipe-all", "--yes"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_EQ(json::parse(all.out)["operation"], "wipe_all");
  EXPECT_EQ(server_.request_count("/api/v1/admin/wipe/all"), 1);
}

TEST(AvisoWithoutServer, ConnectionRefusedExitsOneWithoutLeakingTheToken) {
  AvisoRunner aviso;
  const ProcessResult result = aviso(
      {"--base-url", "http://127.0.0.1:9", "--token", "do-not-leak-this-secret", "schema", "list"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, AllOf(HasSubstr("error: GET /api/v1/schema failed\n"),
                                Not(HasSubstr("do-not-leak-this-secret"))));
}

}  // namespace
}  // namespace aviso::cli
