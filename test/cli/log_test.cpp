#include "log.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "terminal.hpp"

namespace aviso::cli {
namespace {

using ::testing::HasSubstr;
using json = nlohmann::json;

LogRecord record_at_noon() {
  LogRecord record;
  record.level = LogLevel::Warn;
  record.event_name = "cli.tls.insecure_mode";
  record.body = "TLS checks are off";
  record.fields = {{"listeners_count", 2}, {"config_path", "/etc/aviso.yaml"}};
  // 2026-05-01T12:19:15.333678Z
  record.time = std::chrono::system_clock::time_point(std::chrono::microseconds(1777637955333678));
  return record;
}

TEST(Log, ThresholdFollowsVerbosityUnlessAvisoLogIsSet) {
  EXPECT_EQ(log_threshold(0, nullptr), LogLevel::Info);
  EXPECT_EQ(log_threshold(1, nullptr), LogLevel::Debug);
  EXPECT_EQ(log_threshold(2, nullptr), LogLevel::Trace);
  EXPECT_EQ(log_threshold(5, nullptr), LogLevel::Trace);
  EXPECT_EQ(log_threshold(2, "warn"), LogLevel::Warn);
  EXPECT_EQ(log_threshold(0, "warn,aviso=debug"), LogLevel::Debug);
  EXPECT_EQ(log_threshold(0, "h2=debug,hyper=debug,aviso=trace"), LogLevel::Trace);
  EXPECT_EQ(log_threshold(0, "h2=debug"), LogLevel::Warn) << "other targets do not apply";
  EXPECT_EQ(log_threshold(0, ""), LogLevel::Warn);
  EXPECT_EQ(log_threshold(0, "nonsense,=,aviso=loud"), LogLevel::Warn);
  EXPECT_EQ(log_threshold(0, "off"), LogLevel::Off);
}

TEST(Log, JsonLinesHaveTheOpenTelemetryShape) {
  const std::string line = format_log_json(record_at_noon(), "9.9.9");
  ASSERT_EQ(line.back(), '\n');
  EXPECT_EQ(
      line,
      R"({"timestamp":"2026-05-01T12:19:15.333678Z","severityText":"WARN","severityNumber":13,)"
      R"("body":"TLS checks are off","resource":{"service.name":"aviso-cli","service.version":"9.9.9"},)"
      R"("attributes":{"event.name":"cli.tls.insecure_mode","listeners_count":2,"config_path":"/etc/aviso.yaml"}})"
      "\n");
}

TEST(Log, HumanLinesAreCompactAndColouredOnlyWhenAsked) {
  EXPECT_EQ(format_log_human(record_at_noon(), false),
            "12:19:15.333  WARN TLS checks are off event.name=cli.tls.insecure_mode "
            "listeners_count=2 config_path=/etc/aviso.yaml\n");
  const std::string coloured = format_log_human(record_at_noon(), true);
  EXPECT_THAT(coloured, HasSubstr("\x1b[33m WARN\x1b[0m"));
}

TEST(Log, LoggerFiltersBelowTheThreshold) {
  std::vector<std::string> lines;
  Logger logger({LogLevel::Info, false, false},
                [&](std::string_view line) { lines.emplace_back(line); });
  logger.log(LogLevel::Debug, "cli.config.resolved", "hidden");
  logger.log(LogLevel::Info, "cli.startup", "shown");
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_EQ(json::parse(lines[0])["body"], "shown");
}

TEST(Terminal, ColourDecision) {
  EXPECT_TRUE(color_enabled(ColorMode::Always, false, true));
  EXPECT_FALSE(color_enabled(ColorMode::Never, true, false));
  EXPECT_TRUE(color_enabled(ColorMode::Auto, true, false));
  EXPECT_FALSE(color_enabled(ColorMode::Auto, true, true)) << "NO_COLOR wins in auto";
  EXPECT_FALSE(color_enabled(ColorMode::Auto, false, false)) << "not a terminal";
}

}  // namespace
}  // namespace aviso::cli
