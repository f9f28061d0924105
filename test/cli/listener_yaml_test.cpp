#include "listener_yaml.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "command_error.hpp"
#include "exit_code.hpp"
#include "support/temp_dir.hpp"

namespace aviso::cli {
namespace {

using namespace std::chrono_literals;
using ::testing::AllOf;
using ::testing::HasSubstr;
using json = nlohmann::json;

constexpr const char* kFullExample = R"(listeners:
  - name: mars-od
    event: mars
    identifiers:
      class: od
      step: 12
      quoted: "12"
      range: {between: [40, 50]}
      region: {in: [north, south]}
      nothing: ~
    from_id: 100
    triggers:
      - type: echo
      - type: log
        path: /var/log/aviso/mars.log
      - type: command
        command: "./on-event.sh {{ notification.event_type }} {{ notification.sequence }}"
        env: { DATA_DIR: /var/lib/aviso/data, LEVEL: 3 }
        working_dir: /var/lib/aviso
        timeout: 30s
        retries: 2
        required: true
        fail_fast: false
      - type: webhook
        url: "https://hooks.example/notify"
        method: PUT
        timeout: 1m30s
        headers:
          Authorization: "Bearer {{ env.WEBHOOK_TOKEN }}"
          X-Second: two
        body_template: '{"event": "{{ notification.event_type }}"}'
      - type: teams
        url: "{{ env.TEAMS_WEBHOOK_URL }}"
        title_template: "Custom {{ notification.event_type }}"
      - type: post
        url: "https://receiver.example/aviso"
        required: false
        headers:
          Authorization: "Bearer {{ env.RECEIVER_TOKEN }}"
  - event: diss
    from_date: "2026-05-01T00:00:00Z"
)";

class ListenerYaml : public ::testing::Test {
 protected:
  // Loads `text` as a listener file and returns the error message; fails when it loads.
  std::string rejection_of(const std::string& text) {
    const std::string path = dir_.write("bad.yaml", text);
    try {
      load_listener_file(path);
    } catch (const CommandError& error) {
      EXPECT_EQ(error.exit_code(), kExitRuntimeError);
      EXPECT_THAT(error.summary(), HasSubstr(path + ":"));
      return error.summary();
    }
    ADD_FAILURE() << "loaded:\n" << text;
    return {};
  }

  ::aviso::test::TempDir dir_;
};

TEST_F(ListenerYaml, ReadsEveryFieldOfTheDocumentedExample) {
  const auto listeners = load_listener_file(dir_.write("listeners.yaml", kFullExample));
  ASSERT_EQ(listeners.size(), 2U);
  const ListenerSpec& mars = listeners[0];
  EXPECT_EQ(mars.name, "mars-od");
  EXPECT_EQ(mars.event, "mars");
  EXPECT_EQ(mars.identifiers, json::parse(R"({"class":"od","step":12,"quoted":"12",
      "range":{"between":[40,50]},"region":{"in":["north","south"]},"nothing":null})"));
  EXPECT_EQ(mars.from_id, 100U);
  EXPECT_FALSE(mars.from_date);
  ASSERT_EQ(mars.triggers.size(), 6U);

  EXPECT_TRUE(std::holds_alternative<EchoTriggerConfig>(mars.triggers[0]));
  EXPECT_EQ(std::get<LogTriggerConfig>(mars.triggers[1]).path, "/var/log/aviso/mars.log");

  const auto& command = std::get<CommandTriggerConfig>(mars.triggers[2]);
  EXPECT_EQ(command.command,
            "./on-event.sh {{ notification.event_type }} {{ notification.sequence }}");
  EXPECT_EQ(command.env, (StringPairs{{"DATA_DIR", "/var/lib/aviso/data"}, {"LEVEL", "3"}}));
  EXPECT_EQ(command.working_dir, "/var/lib/aviso");
  EXPECT_EQ(command.common.timeout, 30s);
  EXPECT_EQ(command.common.retries, 2U);
  EXPECT_TRUE(command.common.required);
  EXPECT_FALSE(command.common.fail_fast);

  const auto& webhook = std::get<WebhookTriggerConfig>(mars.triggers[3]);
  EXPECT_EQ(webhook.method, "PUT");
  EXPECT_EQ(webhook.common.timeout, 90s);
  EXPECT_EQ(webhook.headers, (StringPairs{{"Authorization", "Bearer {{ env.WEBHOOK_TOKEN }}"},
                                          {"X-Second", "two"}}));
  EXPECT_EQ(webhook.body_template, R"({"event": "{{ notification.event_type }}"})");

  const auto& teams = std::get<TeamsTriggerConfig>(mars.triggers[4]);
  EXPECT_EQ(teams.url, "{{ env.TEAMS_WEBHOOK_URL }}");
  EXPECT_EQ(teams.title_template, "Custom {{ notification.event_type }}");
  EXPECT_FALSE(teams.common.timeout) << "the library applies the 30 s HTTP default";

  const auto& post = std::get<PostTriggerConfig>(mars.triggers[5]);
  EXPECT_FALSE(post.common.required);
  EXPECT_EQ(post.headers.size(), 1U);

  const ListenerSpec& diss = listeners[1];
  EXPECT_FALSE(diss.name);
  EXPECT_EQ(diss.display_name(), "diss");
  EXPECT_EQ(diss.from_date, "2026-05-01T00:00:00Z");
  EXPECT_TRUE(diss.triggers.empty());
  EXPECT_EQ(diss.identifiers, json::object());
}

TEST_F(ListenerYaml, UnknownKeysNameFileLineAndKey) {
  EXPECT_THAT(rejection_of("listeners:\n  - event: mars\n    bogus_field: 1\n"),
              AllOf(HasSubstr("bad.yaml:3:5:"), HasSubstr("unknown key `bogus_field` in listener"),
                    HasSubstr("`from_date`")));
  EXPECT_THAT(rejection_of("listeners: []\nbogus: 1\n"),
              AllOf(HasSubstr(":2:1:"), HasSubstr("unknown key `bogus` in listener file")));
  EXPECT_THAT(
      rejection_of("listeners:\n  - event: mars\n    triggers:\n      - type: log\n"
                   "        path: /tmp/x\n        timeout: 5s\n"),
      AllOf(HasSubstr(":6:9:"), HasSubstr("unknown key `timeout` in trigger of type `log`")));
}

TEST_F(ListenerYaml, TriggerKeysArePerType) {
  EXPECT_THAT(rejection_of("listeners:\n  - event: m\n    triggers:\n      - type: echo\n"
                           "        timeout: 5s\n"),
              HasSubstr("unknown key `timeout` in trigger of type `echo`"));
  EXPECT_THAT(rejection_of("listeners:\n  - event: m\n    triggers:\n      - type: echo\n"
                           "        fail_fast: false\n"),
              HasSubstr("unknown key `fail_fast`"));
  EXPECT_THAT(rejection_of("listeners:\n  - event: m\n    triggers:\n      - type: post\n"
                           "        url: http://x\n        method: PUT\n"),
              HasSubstr("unknown key `method` in trigger of type `post`"));
  EXPECT_THAT(rejection_of("listeners:\n  - event: m\n    triggers:\n      - type: teams\n"
                           "        url: http://x\n        headers: {a: b}\n"),
              HasSubstr("unknown key `headers` in trigger of type `teams`"));
  EXPECT_THAT(rejection_of("listeners:\n  - event: m\n    triggers:\n      - type: webhook\n"
                           "        url: http://x\n        env: {a: b}\n"),
              HasSubstr("unknown key `env` in trigger of type `webhook`"));
}

TEST_F(ListenerYaml, UnknownTriggerTypeIsAnUnknownVariant) {
  EXPECT_THAT(
      rejection_of("listeners:\n  - event: m\n    triggers:\n      - type: email\n"),
      AllOf(HasSubstr(":4:15:"), HasSubstr("unknown variant `email`"), HasSubstr("`post`")));
}

TEST_F(ListenerYaml, RequiredFieldsAndTypesAreChecked) {
  EXPECT_THAT(rejection_of("listeners:\n  - name: x\n"),
              HasSubstr("missing the required key `event`"));
  EXPECT_THAT(rejection_of("listeners:\n  - event: m\n    triggers:\n      - type: log\n"),
              HasSubstr("missing the required key `path`"));
  EXPECT_THAT(rejection_of("listeners:\n  - event: m\n    triggers:\n      - path: x\n"),
              HasSubstr("missing the required key `type`"));
  EXPECT_THAT(rejection_of("listeners:\n  - event: m\n    triggers:\n      - type: command\n"),
              HasSubstr("missing the required key `command`"));
  EXPECT_THAT(rejection_of("listeners:\n  - event: m\n    from_id: \"100\"\n"),
              HasSubstr("`from_id` must be a non-negative integer"));
  EXPECT_THAT(rejection_of("listeners:\n  - event: m\n    from_id: -1\n"),
              HasSubstr("`from_id` must be a non-negative integer"));
  EXPECT_THAT(rejection_of("listeners:\n  - event: m\n    triggers:\n      - type: echo\n"
                           "        retries: many\n"),
              HasSubstr("`retries` must be a non-negative integer"));
  EXPECT_THAT(rejection_of("listeners:\n  - event: m\n    triggers:\n      - type: echo\n"
                           "        required: yes please\n"),
              HasSubstr("`required` must be true or false"));
  EXPECT_THAT(rejection_of("listeners:\n  - event: m\n    identifiers: [a, b]\n"),
              HasSubstr("`identifiers` must be a mapping"));
  EXPECT_THAT(rejection_of("listeners:\n  event: m\n"), HasSubstr("`listeners` must be a list"));
  EXPECT_THAT(rejection_of("listeners:\n  - event: [m]\n"), HasSubstr("`event` must be a string"));
}

TEST_F(ListenerYaml, DurationsAndMethodsAreStrict) {
  EXPECT_THAT(rejection_of("listeners:\n  - event: m\n    triggers:\n      - type: command\n"
                           "        command: x\n        timeout: 30\n"),
              AllOf(HasSubstr(":6:18:"), HasSubstr("`timeout` value `30` is not a duration")));
  EXPECT_THAT(rejection_of("listeners:\n  - event: m\n    triggers:\n      - type: webhook\n"
                           "        url: http://x\n        method: post\n"),
              AllOf(HasSubstr("unknown variant `post`"), HasSubstr("uppercase")));
}

TEST_F(ListenerYaml, FromIdAndFromDateAreMutuallyExclusive) {
  EXPECT_THAT(rejection_of("listeners:\n  - event: m\n    from_id: 1\n"
                           "    from_date: \"2026-05-01T00:00:00Z\"\n"),
              AllOf(HasSubstr(":4:16:"), HasSubstr("mutually exclusive")));
}

TEST_F(ListenerYaml, FromDateTakesTheDocumentedFormsOnly) {
  for (const char* good : {"2026-05-01T00:00:00Z", "2026-05-01T00:00:00.123456Z",
                           "2026-05-01 10:00:00+02:00", "2026-05-01 10:00:00-05:00"}) {
    EXPECT_TRUE(is_listener_from_date(good)) << good;
  }
  for (const char* bad :
       {"2026-05-01", "2026-05-01T00:00:00", "2026-05-01 10:00:00", "2026-02-30T00:00:00Z",
        "2026-05-01T00:00:00.Z", "2026-05-01 10:00+02:00", "2026-05-01 10:00:00+2:00"}) {
    EXPECT_FALSE(is_listener_from_date(bad)) << bad;
  }
  EXPECT_THAT(rejection_of("listeners:\n  - event: m\n    from_date: 2026-05-01\n"),
              AllOf(HasSubstr("`from_date` value `2026-05-01`"), HasSubstr("bare date")));
}

TEST_F(ListenerYaml, SyntaxErrorsNameFileAndLine) {
  EXPECT_THAT(rejection_of("listeners:\n  - event: [unclosed\n"),
              AllOf(HasSubstr("invalid YAML"), HasSubstr("bad.yaml:")));
}

TEST_F(ListenerYaml, FilesAreConcatenatedInArgumentOrder) {
  const auto first = dir_.write("a.yaml",
                                "listeners:\n  - {name: one, event: a}\n"
                                "  - {name: two, event: a}\n");
  const auto second = dir_.write("b.yaml", "listeners:\n  - {name: three, event: b}\n");
  const auto empty = dir_.write("c.yaml", "");
  const auto all = load_listener_files({second, empty, first});
  ASSERT_EQ(all.size(), 3U);
  EXPECT_EQ(all[0].name, "three");
  EXPECT_EQ(all[1].name, "one");
  EXPECT_EQ(all[2].name, "two");
  EXPECT_THAT(all[1].origin, HasSubstr("a.yaml:2:"));
}

TEST_F(ListenerYaml, AMissingFileIsAnErrorNamingIt) {
  const std::string missing = (dir_.path() / "nope.yaml").string();
  try {
    load_listener_files({missing});
    ADD_FAILURE() << "loaded a missing file";
  } catch (const CommandError& error) {
    EXPECT_EQ(error.exit_code(), kExitRuntimeError);
    EXPECT_THAT(error.summary(), AllOf(HasSubstr(missing), HasSubstr("No such file")));
  }
}

}  // namespace
}  // namespace aviso::cli
