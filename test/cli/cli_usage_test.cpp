// The real `aviso` binary: help, version, usage errors (exit 2) and their messages, the
// listener-file errors (exit 1), completions, config layering and `config dump` redaction.
// Nothing here needs a server: the commands fail or finish before any request.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

#include "aviso/version.hpp"
#include "cli_process.hpp"

namespace aviso::cli {
namespace {

using ::testing::AllOf;
using testing::AvisoRunner;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::ProcessResult;
using ::testing::StartsWith;
using json = nlohmann::json;

// An address nothing listens on: a usage error must be reported before it matters.
const std::string kUnusedUrl = "http://127.0.0.1:9";

class AvisoBinary : public ::testing::Test {
 protected:
  AvisoRunner aviso_;
};

TEST_F(AvisoBinary, HelpListsCommandsAndExitsZero) {
  for (const char* flag : {"--help", "-h"}) {
    const ProcessResult result = aviso_({flag});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out,
                AllOf(HasSubstr("Usage: aviso"), HasSubstr("notify"), HasSubstr("listen"),
                      HasSubstr("replay"), HasSubstr("schema"), HasSubstr("admin"),
                      HasSubstr("config"), HasSubstr("completions"), HasSubstr("--base-url")));
    EXPECT_EQ(result.err, "");
  }
  const ProcessResult notify = aviso_({"notify", "--help"});
  EXPECT_EQ(notify.exit_code, 0);
  EXPECT_THAT(notify.out, AllOf(HasSubstr("PARAMETERS"), HasSubstr("--identifier")));
}

TEST_F(AvisoBinary, VersionPrintsTheLibraryVersion) {
  for (const char* flag : {"--version", "-V"}) {
    const ProcessResult result = aviso_({flag});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.out, "aviso " + aviso::version() + "\n");
  }
}

TEST_F(AvisoBinary, ParseErrorsExitTwoWithAnErrorLine) {
  const std::vector<std::vector<std::string>> cases = {
      {},
      {"bogus-command"},
      {"schema"},
      {"schema", "get"},
      {"notify"},
      {"--bogus-flag", "schema", "list"},
      {"--color", "schema", "list"},
      {"--color", "sometimes", "schema", "list"},
      {"replay", "--event", "mars", "--identifiers", "{}"},  // --from is required
      {"completions", "tcsh"},
      {"--token", "t", "--username", "u", "--password", "p", "schema", "list"},
      {"--username", "u", "schema", "list"},
      {"schema", "list", "--password", "p"},
      {"listen", "--event", "m", "--identifiers", "{}", "--identifier", "a=b"},
  };
  for (const auto& args : cases) {
    const ProcessResult result = aviso_(args);
    EXPECT_EQ(result.exit_code, 2) << ::testing::PrintToString(args) << "\n" << result.err;
    EXPECT_THAT(result.err, StartsWith("error: ")) << ::testing::PrintToString(args);
    EXPECT_EQ(result.out, "");
  }
}

TEST_F(AvisoBinary, TokenConflictsWithUsernameWhereverTheFlagsAre) {
  const ProcessResult before = aviso_({"--token", "t", "--username", "u", "schema", "list"});
  const ProcessResult after = aviso_({"schema", "list", "--token", "t", "--username", "u"});
  for (const auto& result : {before, after}) {
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_THAT(result.err, AllOf(HasSubstr("--token"), HasSubstr("--username")));
  }
}

TEST_F(AvisoBinary, AdminWithoutYesExitsTwoNamingTheLeaf) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"admin", "wipe-stream", "mars"}, "aviso admin wipe-stream requires --yes"},
      {{"admin", "wipe-all"}, "aviso admin wipe-all requires --yes"},
      {{"admin", "delete", "mars@1"}, "aviso admin delete requires --yes"},
  };
  for (const auto& [args, message] : cases) {
    std::vector<std::string> full{"--base-url", kUnusedUrl};
    full.insert(full.end(), args.begin(), args.end());
    const ProcessResult result = aviso_(full);
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_THAT(result.err, StartsWith("error: " + message + "\n"));
  }
}

TEST_F(AvisoBinary, NotifyParameterMistakesExitTwo) {
  const std::vector<std::vector<std::string>> cases = {
      {"notify", "class=od"},
      {"notify", "event="},
      {"notify", "event=mars,data={bad"},
      {"notify", "event=mars,data={\"a\":}"},
      {"notify", "event=mars,class=od,class=rd"},
      {"notify", "event=mars", "--identifier", "event=mars"},
      {"notify", "event=mars", "--identifier", "data:={}"},
      {"notify", "event=mars,class=od", "--identifier", "class:=1"},
      {"notify", "class=od", "--identifier", "step=1"},
      {"notify", "event=mars", "--identifier", "missing"},
      {"notify", "event=mars", "--identifier", "=value"},
      {"notify", "event=mars", "--identifier", "x:=bad"},
      {"notify", "event=mars", "--identifier", "x=1", "--identifier", "x:=2"},
  };
  for (auto args : cases) {
    args.insert(args.begin(), {"--base-url", kUnusedUrl});
    const ProcessResult result = aviso_(args);
    EXPECT_EQ(result.exit_code, 2) << ::testing::PrintToString(args) << "\n" << result.err;
    EXPECT_THAT(result.err, StartsWith("error: "));
  }
}

TEST_F(AvisoBinary, InlineListenerMistakesExitTwoForListenAndReplay) {
  for (const std::string command : {"listen", "replay"}) {
    std::vector<std::vector<std::string>> cases = {
        {"--identifier", "class=od"},
        {"--identifiers", "{}"},
        {"--event", "mars"},
        {"--event", "mars", "--identifiers", "[1]"},
        {"--event", "mars", "--identifiers", "{bad"},
        {"--event", "mars", "--identifier", "missing"},
        {"--event", "mars", "--identifier", "=value"},
        {"--event", "mars", "--identifier", "x:=bad"},
        {"--event", "mars", "--identifier", "x=1", "--identifier", "x:=2"},
    };
    for (auto args : cases) {
      args.insert(args.begin(), {"--base-url", kUnusedUrl, command});
      if (command == "replay") args.insert(args.end(), {"--from", "0"});
      const ProcessResult result = aviso_(args);
      EXPECT_EQ(result.exit_code, 2) << ::testing::PrintToString(args) << "\n" << result.err;
      EXPECT_THAT(result.err, StartsWith("error: "));
    }
  }
}

TEST_F(AvisoBinary, BadFromAndUntilExitTwoNamingTheFlag) {
  const ProcessResult from = aviso_({"--base-url", kUnusedUrl, "replay", "--from", "tomorrow",
                                     "--event", "m", "--identifiers", "{}"});
  EXPECT_EQ(from.exit_code, 2);
  EXPECT_THAT(from.err, AllOf(HasSubstr("--from value `tomorrow`"), HasSubstr("accepted forms: ")));

  const ProcessResult until = aviso_({"--base-url", kUnusedUrl, "replay", "--from", "0", "--until",
                                      "2026-02-30", "--event", "m", "--identifiers", "{}"});
  EXPECT_EQ(until.exit_code, 2);
  EXPECT_THAT(until.err, AllOf(HasSubstr("--until value `2026-02-30`"), HasSubstr("day 30")));

  const ProcessResult overflow =
      aviso_({"--base-url", kUnusedUrl, "listen", "--from", "99999999999999999999", "--event", "m",
              "--identifiers", "{}"});
  EXPECT_EQ(overflow.exit_code, 2);
  EXPECT_THAT(overflow.err, AllOf(HasSubstr("does not fit"), HasSubstr("64-bit")));
}

TEST_F(AvisoBinary, NoListenersExitsTwoAndSaysWhereItLooked) {
  const std::string config =
      aviso_.write_config_file("config.yaml", "base_url: " + kUnusedUrl + "\n");
  const ProcessResult listen = aviso_({"listen"});
  EXPECT_EQ(listen.exit_code, 2);
  EXPECT_THAT(listen.err, AllOf(StartsWith("error: no listeners to run\n"), HasSubstr(config),
                                HasSubstr("suggestion: pass listener YAML files")));
  const ProcessResult replay = aviso_({"replay", "--from", "0"});
  EXPECT_EQ(replay.exit_code, 2);

  const std::string empty = aviso_.home().write("empty.yaml", "listeners: []\n");
  const ProcessResult from_file = aviso_({"listen", empty});
  EXPECT_EQ(from_file.exit_code, 2);
  EXPECT_THAT(from_file.err, HasSubstr(empty + " (resolved to 0 entries)"));
}

TEST_F(AvisoBinary, ReplayNeedsListenerWhenSeveralResolve) {
  const std::string file = aviso_.home().write(
      "two.yaml", "listeners:\n  - {name: one, event: a}\n  - {name: two, event: b}\n");
  const ProcessResult several = aviso_({"--base-url", kUnusedUrl, "replay", "--from", "0", file});
  EXPECT_EQ(several.exit_code, 2);
  EXPECT_THAT(several.err, AllOf(HasSubstr("2 listeners resolved; pass --listener <NAME>"),
                                 HasSubstr("available names: one, two")));
  const ProcessResult unknown =
      aviso_({"--base-url", kUnusedUrl, "replay", "--from", "0", "--listener", "three", file});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("no listener named `three`"));
}

TEST_F(AvisoBinary, InlineModeIgnoresListenerFilesEvenMissingOnes) {
  // The inline listener wins, so a missing file is not read; the command then fails at the
  // missing base URL (exit 2) rather than at the file (exit 1).
  const ProcessResult result =
      aviso_({"listen", "--event", "mars", "--identifiers", "{}", "/nonexistent/ignored.yaml"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("no aviso-server address is configured"));
  EXPECT_THAT(result.err, Not(HasSubstr("ignored.yaml")));
}

TEST_F(AvisoBinary, MissingBaseUrlSaysHowToSetOne) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"schema", "list"},
        std::vector<std::string>{"notify", "event=mars"},
        std::vector<std::string>{"admin", "wipe-all", "--yes"}}) {
    const ProcessResult result = aviso_(args);
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_THAT(result.err, AllOf(HasSubstr("--base-url"), HasSubstr("AVISO_BASE_URL"),
                                  HasSubstr("base_url"), HasSubstr("aviso-local-server")));
  }
}

TEST_F(AvisoBinary, ListenerFileErrorsExitOneNamingFileLineAndKey) {
  const std::string bad =
      aviso_.home().write("bad.yaml", "listeners:\n  - event: mars\n    bogus_field: 1\n");
  const ProcessResult result = aviso_({"--base-url", kUnusedUrl, "listen", bad});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err,
              AllOf(HasSubstr(bad + ":3:5: unknown key `bogus_field`"), HasSubstr("at: " + bad)));

  const ProcessResult missing =
      aviso_({"--base-url", kUnusedUrl, "listen", aviso_.home().path().string() + "/none.yaml"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("none.yaml"));
}

TEST_F(AvisoBinary, PartialCredentialsInTheEnvironmentExitTwo) {
  for (const char* variable : {"AVISO_USERNAME", "AVISO_PASSWORD"}) {
    const ProcessResult result =
        aviso_({"--base-url", kUnusedUrl, "schema", "list"}, {{variable, "alice"}});
    EXPECT_EQ(result.exit_code, 2) << variable;
    EXPECT_THAT(result.err, AllOf(HasSubstr("misconfigured"), HasSubstr("AVISO_PASSWORD")));
  }
}

TEST_F(AvisoBinary, BashCompletionsPassBashSyntaxCheck) {
  const ProcessResult script = aviso_({"completions", "bash"});
  ASSERT_EQ(script.exit_code, 0) << script.err;
  EXPECT_THAT(script.out, AllOf(HasSubstr("complete -F _aviso"), HasSubstr("wipe-stream"),
                                HasSubstr("--base-url"), HasSubstr("auto always never")));
  const std::string path = aviso_.home().write("aviso.bash", script.out);
  const ProcessResult check = testing::run_process("/bin/bash", {"-n", path}, {});
  EXPECT_EQ(check.exit_code, 0) << check.err;
}

TEST_F(AvisoBinary, BashCompletionsCompleteForReal) {
  // Loads the script into bash and asks it what to offer at a few cursor positions.
  const ProcessResult script = aviso_({"completions", "bash"});
  const std::string path = aviso_.home().write("aviso.bash", script.out);
  const std::string probe = "source " + path + R"(
offer() { COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); _aviso; echo "${COMPREPLY[*]}"; }
offer aviso ''
offer aviso adm
offer aviso admin ''
offer aviso --json schema ''
offer aviso --color ''
offer aviso listen --no-
offer aviso completions ''
)";
  const ProcessResult result = testing::run_process("/bin/bash", {"-c", probe}, {});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::vector<std::string> lines;
  std::stringstream lines_in(result.out);
  for (std::string line; std::getline(lines_in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 7U) << result.out;
  EXPECT_EQ(lines[0], "notify listen replay schema admin config completions");
  EXPECT_EQ(lines[1], "admin");
  EXPECT_EQ(lines[2], "wipe-stream wipe-all delete");
  EXPECT_EQ(lines[3], "list get");
  EXPECT_EQ(lines[4], "auto always never");
  EXPECT_EQ(lines[5], "--no-state-store");
  EXPECT_EQ(lines[6], "bash zsh fish powershell elvish");
}

TEST_F(AvisoBinary, EveryShellGetsAScript) {
  for (const char* shell : {"bash", "zsh", "fish", "powershell", "elvish"}) {
    const ProcessResult result = aviso_({"completions", shell});
    EXPECT_EQ(result.exit_code, 0) << shell << result.err;
    EXPECT_THAT(result.out, AllOf(HasSubstr("aviso"), HasSubstr("wipe-stream"),
                                  HasSubstr("base-url"), HasSubstr("always")))
        << shell;
  }
}

TEST_F(AvisoBinary, CompletionsIgnoreABrokenConfig) {
  const ProcessResult result =
      aviso_({"completions", "bash"}, {{"AVISO_CLIENT_CONFIG_FILE", "/nonexistent/config.yaml"}});
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

TEST_F(AvisoBinary, ConfigValuesLayerFlagOverEnvOverFile) {
  const std::string config = aviso_.write_config_file(
      "config.yaml",
      "base_url: https://file.example\ntimeout: 1m30s\nstate_file: state/cursors.json\n"
      "listeners:\n  - event: mars\n");
  auto dump = [&](std::vector<std::string> args, std::map<std::string, std::string> env) {
    args.insert(args.end(), {"config", "dump", "--json"});
    const ProcessResult result = aviso_(args, std::move(env));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return json::parse(result.out);
  };
  const json from_file = dump({}, {});
  EXPECT_EQ(from_file["base_url"]["value"], "https://file.example");
  EXPECT_EQ(from_file["base_url"]["source"], "config file " + config);
  EXPECT_EQ(from_file["timeout"]["value"], "1m 30s");
  EXPECT_EQ(from_file["state_file"]["value"],
            (std::filesystem::path(config).parent_path() / "state/cursors.json").string());
  EXPECT_EQ(from_file["listeners"]["value"], 1);
  EXPECT_EQ(from_file["heartbeat_interval"]["value"], "30s");
  EXPECT_EQ(from_file["heartbeat_interval"]["source"], "default");

  const json from_env = dump({}, {{"AVISO_BASE_URL", "https://env.example"}});
  EXPECT_EQ(from_env["base_url"]["value"], "https://env.example");
  EXPECT_EQ(from_env["base_url"]["source"], "environment AVISO_BASE_URL");
  EXPECT_EQ(from_env["timeout"]["source"], "config file " + config) << "other fields keep the file";

  // A global flag after the command works the same as before it.
  const json from_flag = dump({"--base-url", "https://flag.example", "--state-file", "/tmp/s.json"},
                              {{"AVISO_BASE_URL", "https://env.example"}});
  EXPECT_EQ(from_flag["base_url"]["value"], "https://flag.example");
  EXPECT_EQ(from_flag["base_url"]["source"], "flag --base-url");
  EXPECT_EQ(from_flag["state_file"]["source"], "flag --state-file");
}

TEST_F(AvisoBinary, ConfigDumpYamlCarriesSourcesAsComments) {
  const std::string config =
      aviso_.write_config_file("config.yaml", "base_url: https://file.example\n");
  const ProcessResult result = aviso_({"config", "dump"}, {{"AVISO_TOKEN", "tok"}});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(
      result.out,
      AllOf(HasSubstr("base_url: \"https://file.example\"  # config file " + config),
            HasSubstr("auth: \"bearer <set>\"  # environment AVISO_TOKEN or AVISO_USERNAME"),
            HasSubstr("danger_accept_invalid_certs: false  # default")));
  const YAML::Node parsed = YAML::Load(result.out);
  EXPECT_EQ(parsed["base_url"].as<std::string>(), "https://file.example");
  EXPECT_FALSE(parsed["tls"]["danger_accept_invalid_certs"].as<bool>());
}

TEST_F(AvisoBinary, ConfigDumpNeverPrintsASecret) {
  const std::string token = "tok-SECRET-1234567890";
  const std::string password = "pw-SECRET-0987654321";
  aviso_.write_config_file(
      "config.yaml", "base_url: https://aviso.example\nauth:\n  bearer_token: " + token + "\n");
  aviso_.write_config_file("credentials.yaml",
                           "basic:\n  username: carol\n  password: " + password + "\n");
  const std::vector<std::pair<std::vector<std::string>, std::map<std::string, std::string>>>
      setups = {
          {{"--token", token}, {}},
          {{"--username", "alice", "--password", password}, {}},
          {{}, {{"AVISO_TOKEN", token}}},
          {{}, {{"AVISO_USERNAME", "bob"}, {"AVISO_PASSWORD", password}}},
          {{}, {}},                         // the config file's auth: block
          {{"--config", "/dev/null"}, {}},  // the credentials file
      };
  for (const auto& [flags, env] : setups) {
    for (const bool redact : {false, true}) {
      for (const bool as_json : {false, true}) {
        std::vector<std::string> args = flags;
        if (as_json) args.push_back("--json");
        args.insert(args.end(), {"config", "dump"});
        if (redact) args.push_back("--redact");
        const ProcessResult result = aviso_(args, env);
        ASSERT_EQ(result.exit_code, 0) << ::testing::PrintToString(args) << result.err;
        EXPECT_THAT(result.out, AllOf(Not(HasSubstr("SECRET")), HasSubstr("<set")))
            << ::testing::PrintToString(args);
        EXPECT_THAT(result.err, Not(HasSubstr("SECRET")));
        if (redact) {
          EXPECT_THAT(result.out, AllOf(HasSubstr("redacted"), Not(HasSubstr("alice")),
                                        Not(HasSubstr("bob")), Not(HasSubstr("carol"))));
        }
      }
    }
  }
}

TEST_F(AvisoBinary, LogsArePipedAsOpenTelemetryJson) {
  const ProcessResult result = aviso_({"--danger-accept-invalid-certs", "config", "dump"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json line = json::parse(result.err.substr(0, result.err.find('\n')));
  EXPECT_EQ(line["severityText"], "WARN");
  EXPECT_EQ(line["severityNumber"], 13);
  EXPECT_EQ(line["resource"]["service.name"], "aviso-cli");
  EXPECT_EQ(line["resource"]["service.version"], aviso::version());
  EXPECT_EQ(line["attributes"]["event.name"], "cli.tls.insecure_mode");
  EXPECT_THAT(line["body"].get<std::string>(), HasSubstr("TLS"));
}

TEST_F(AvisoBinary, VerbosityAndAvisoLogPickTheLevel) {
  auto debug_lines = [&](std::vector<std::string> args, std::map<std::string, std::string> env) {
    args.insert(args.end(), {"config", "dump"});
    const ProcessResult result = aviso_(args, std::move(env));
    EXPECT_EQ(result.exit_code, 0);
    return result.err.find("cli.config.resolved") != std::string::npos;
  };
  EXPECT_FALSE(debug_lines({}, {}));
  EXPECT_TRUE(debug_lines({"-v"}, {}));
  EXPECT_TRUE(debug_lines({}, {{"AVISO_LOG", "warn,aviso=debug"}}));
  EXPECT_FALSE(debug_lines({"-vv"}, {{"AVISO_LOG", "warn"}})) << "AVISO_LOG wins over -v";
}

TEST_F(AvisoBinary, ANamedConfigFileMustExist) {
  const ProcessResult result = aviso_({"--config", "/nonexistent/aviso.yaml", "config", "dump"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("config file /nonexistent/aviso.yaml does not exist"));
}

TEST_F(AvisoBinary, ABrokenConfigFileIsAnErrorWithItsPath) {
  const std::string config =
      aviso_.write_config_file("config.yaml", "tls:\n  ca_bundel: [x.pem]\n");
  const ProcessResult result = aviso_({"config", "dump"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, AllOf(HasSubstr("invalid config file " + config), HasSubstr("ca_bundel"),
                                HasSubstr("Caused by:")));
}

}  // namespace
}  // namespace aviso::cli
