#include "trigger_conversion.hpp"

#include <gtest/gtest.h>

#include "listener_yaml.hpp"
#include "support/temp_dir.hpp"

namespace aviso::cli {
namespace {

using namespace std::chrono_literals;

TEST(TriggerConversion, YamlTriggersBecomeLibraryTriggersWithEveryField) {
  ::aviso::test::TempDir dir;
  const auto listeners = load_listener_file(dir.write("l.yaml", R"(listeners:
  - name: mars-od
    event: mars
    triggers:
      - type: echo
      - type: log
        path: /tmp/mars.log
        retries: 3
      - type: command
        command: "echo {{ notification.sequence }}"
        env: {A: "1", B: two}
        working_dir: /tmp
        timeout: 2s
        fail_fast: false
      - type: webhook
        url: "https://hooks.example/{{ notification.event_type }}"
        method: PATCH
        headers: {X-One: "1"}
        body_template: "{}"
        required: false
      - type: teams
        url: https://teams.example
        title_template: "T {{ notification.sequence }}"
      - type: post
        url: https://receiver.example
        headers: {Authorization: "Bearer x"}
        timeout: 1m30s
  - event: diss
    triggers:
      - type: echo
)"));
  const auto triggers = triggers_of(listeners[0]);
  ASSERT_EQ(triggers.size(), 6U);

  EXPECT_EQ(triggers[0].kind(), TriggerKind::Echo);
  EXPECT_EQ(triggers[0].spec().label, "mars-od");

  EXPECT_EQ(triggers[1].kind(), TriggerKind::Log);
  EXPECT_EQ(triggers[1].spec().target, "/tmp/mars.log");
  EXPECT_EQ(triggers[1].spec().retries, 3U);

  const auto& command = triggers[2].spec();
  EXPECT_EQ(command.target, "echo {{ notification.sequence }}");
  EXPECT_EQ(command.env,
            (std::vector<std::pair<std::string, std::string>>{{"A", "1"}, {"B", "two"}}));
  EXPECT_EQ(command.working_dir, "/tmp");
  EXPECT_EQ(command.timeout, std::chrono::nanoseconds(2s));
  EXPECT_FALSE(command.fail_fast);

  const auto& webhook = triggers[3].spec();
  EXPECT_EQ(webhook.method, HttpMethod::Patch);
  EXPECT_EQ(webhook.headers.size(), 1U);
  EXPECT_EQ(webhook.body_template, "{}");
  EXPECT_FALSE(webhook.required);
  EXPECT_EQ(webhook.timeout, std::chrono::nanoseconds(kDefaultHttpTriggerTimeout))
      << "no YAML timeout keeps the library's HTTP default";

  EXPECT_EQ(triggers[4].spec().title_template, "T {{ notification.sequence }}");
  EXPECT_EQ(triggers[5].spec().timeout, std::chrono::nanoseconds(90s));
  EXPECT_EQ(triggers[5].spec().headers.front().first, "Authorization");

  const auto unnamed = triggers_of(listeners[1]);
  ASSERT_EQ(unnamed.size(), 1U);
  EXPECT_FALSE(unnamed[0].spec().label) << "a listener without a name gives no label";
}

}  // namespace
}  // namespace aviso::cli
