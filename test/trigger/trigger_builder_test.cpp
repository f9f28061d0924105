// The public Trigger builder: defaults, kind-specific setters, labels, redacted diagnostics.
#include <gtest/gtest.h>

#include "aviso/trigger.hpp"

namespace aviso {
namespace {

TEST(TriggerBuilder, LocalKindsDefaultToNoTimeoutRequiredNoRetriesFailFast) {
  for (const Trigger& t : {Trigger::echo(), Trigger::log("/tmp/x"), Trigger::command("true")}) {
    EXPECT_EQ(t.spec().retries, 0u);
    EXPECT_TRUE(t.spec().required);
    EXPECT_FALSE(t.spec().timeout.has_value());
    EXPECT_TRUE(t.spec().fail_fast);
  }
}

TEST(TriggerBuilder, HttpKindsDefaultTo30SecondTimeout) {
  for (const Trigger& t : {Trigger::webhook("https://h/"), Trigger::teams("https://h/"),
                           Trigger::post("https://h/")}) {
    ASSERT_TRUE(t.spec().timeout.has_value());
    EXPECT_EQ(*t.spec().timeout, std::chrono::seconds(30));
    EXPECT_EQ(t.spec().retries, 0u);
    EXPECT_TRUE(t.spec().required);
    EXPECT_TRUE(t.spec().fail_fast);
  }
}

TEST(TriggerBuilder, SettersChainAndApply) {
  Trigger t = Trigger::command("run");
  t.retries(3)
      .required(false)
      .fail_fast(false)
      .timeout(std::chrono::milliseconds(1500))
      .env("A", "1")
      .env("B", "2")
      .env("A", "3")
      .working_dir("/srv");
  EXPECT_EQ(t.spec().retries, 3u);
  EXPECT_FALSE(t.spec().required);
  EXPECT_FALSE(t.spec().fail_fast);
  EXPECT_EQ(*t.spec().timeout, std::chrono::milliseconds(1500));
  EXPECT_EQ(t.spec().env,
            (std::vector<std::pair<std::string, std::string>>{{"A", "3"}, {"B", "2"}}));
  EXPECT_EQ(*t.spec().working_dir, "/srv");
  t.timeout_secs(7);
  EXPECT_EQ(*t.spec().timeout, std::chrono::seconds(7));
  t.timeout_secs(0);
  EXPECT_FALSE(t.spec().timeout.has_value());
}

TEST(TriggerBuilder, SettersOfOtherKindsAreIgnored) {
  Trigger webhook = Trigger::webhook("https://h/");
  webhook.env("A", "1").working_dir("/x").label("l").title_template("t");
  EXPECT_TRUE(webhook.spec().env.empty());
  EXPECT_FALSE(webhook.spec().working_dir);
  EXPECT_FALSE(webhook.spec().label);
  EXPECT_FALSE(webhook.spec().title_template);

  Trigger post = Trigger::post("https://h/");
  post.method(HttpMethod::Put).body_template("b").header("X-A", "1");
  EXPECT_EQ(post.spec().method, HttpMethod::Post);
  EXPECT_FALSE(post.spec().body_template);
  EXPECT_EQ(post.spec().headers.size(), 1u);

  Trigger teams = Trigger::teams("https://h/");
  teams.header("X-A", "1").body_template("b").method(HttpMethod::Get).title_template("T");
  EXPECT_TRUE(teams.spec().headers.empty());
  EXPECT_FALSE(teams.spec().body_template);
  EXPECT_EQ(teams.spec().method, HttpMethod::Post);
  EXPECT_EQ(*teams.spec().title_template, "T");

  Trigger echo = Trigger::echo();
  echo.timeout(std::chrono::seconds(5)).fail_fast(false).label("mars-od");
  EXPECT_FALSE(echo.spec().timeout);
  EXPECT_TRUE(echo.spec().fail_fast);
  EXPECT_EQ(*echo.spec().label, "mars-od");

  Trigger log = Trigger::log("/tmp/x");
  log.timeout_secs(5).label("x");
  EXPECT_FALSE(log.spec().timeout);
  EXPECT_FALSE(log.spec().label);
}

TEST(TriggerBuilder, WebhookHeadersRepeatAndMethodApplies) {
  Trigger t = Trigger::webhook("https://h/");
  t.header("X-A", "1").header("X-A", "2").method(HttpMethod::Patch);
  EXPECT_EQ(t.spec().headers.size(), 2u);
  EXPECT_EQ(t.spec().method, HttpMethod::Patch);
  EXPECT_STREQ(http_method_name(t.spec().method), "PATCH");
}

TEST(TriggerBuilder, JsonBodyTemplateIsAnOptIn) {
  Trigger t = Trigger::webhook("https://h/");
  t.json_body_template("{\"e\":\"{{ notification.event_type }}\"}");
  EXPECT_TRUE(t.spec().body_values_as_json_strings);
  t.body_template("raw");
  EXPECT_FALSE(t.spec().body_values_as_json_strings);
}

TEST(TriggerBuilder, KindLabels) {
  EXPECT_EQ(Trigger::echo().kind_label(), "echo");
  EXPECT_EQ(Trigger::log("/var/log/a.log").kind_label(), "log(/var/log/a.log)");
  EXPECT_EQ(Trigger::command("secret-cmd").kind_label(), "command");
  EXPECT_EQ(Trigger::webhook("https://secret/").kind_label(), "webhook");
  EXPECT_EQ(Trigger::teams("https://secret/").kind_label(), "teams");
  EXPECT_EQ(Trigger::post("https://secret/").kind_label(), "post");
}

TEST(TriggerBuilder, DescribeNeverShowsTemplates) {
  const std::string command = Trigger::command("deploy --token SECRET1 {{ notification.sequence }}")
                                  .env("TOKEN", "SECRET2")
                                  .describe();
  EXPECT_EQ(command.find("SECRET"), std::string::npos) << command;
  EXPECT_NE(command.find("<compiled-command-template-redacted>"), std::string::npos);
  EXPECT_NE(command.find("env_count: 1"), std::string::npos);

  const std::string webhook = Trigger::webhook("https://SECRET3/{{ bad")
                                  .header("Authorization", "Bearer SECRET4")
                                  .describe();
  EXPECT_EQ(webhook.find("SECRET"), std::string::npos) << webhook;
  EXPECT_NE(webhook.find("<bad-url-template-redacted>"), std::string::npos);
  EXPECT_NE(webhook.find("<default-notification-json>"), std::string::npos);
  EXPECT_NE(webhook.find("header_count: 1"), std::string::npos);

  const std::string teams = Trigger::teams("https://SECRET5/").title_template("SECRET6").describe();
  EXPECT_EQ(teams.find("SECRET"), std::string::npos) << teams;
  EXPECT_NE(teams.find("<compiled-title-template-redacted>"), std::string::npos);
}

TEST(TriggerBuilder, EchoColorSwitchIsProcessWide) {
  EXPECT_FALSE(echo_color_enabled());
  set_echo_color_enabled(true);
  EXPECT_TRUE(echo_color_enabled());
  set_echo_color_enabled(false);
  EXPECT_FALSE(echo_color_enabled());
}

}  // namespace
}  // namespace aviso
