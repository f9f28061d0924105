#include "library_log_bridge.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "supervisor/log_sink.hpp"

namespace aviso::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(LibraryLogBridge, NamesTheListenerOfTheEventType) {
  const aviso::LogRecord record{aviso::LogLevel::Info,
                                "client.watch.connected",
                                "watching mars (connection 1)",
                                {{"event_type", "mars"}}};
  const LogRecord line = from_library_record(record, {{"mars", "mars-od"}});
  EXPECT_EQ(line.level, LogLevel::Info);
  EXPECT_EQ(line.event_name, "client.watch.connected");
  EXPECT_EQ(line.body, "listener `mars-od`: watching mars (connection 1)");
  EXPECT_EQ(line.fields, (std::vector<std::pair<std::string, nlohmann::json>>{
                             {"event_type", "mars"}, {"listener", "mars-od"}}));
}

TEST(LibraryLogBridge, KeepsRecordsOfUnknownEventTypesAsTheyAre) {
  const aviso::LogRecord record{aviso::LogLevel::Warn, "trigger.failed", "boom", {}};
  const LogRecord line = from_library_record(record, {{"mars", "mars-od"}});
  EXPECT_EQ(line.level, LogLevel::Warn);
  EXPECT_EQ(line.body, "boom");
}

TEST(LibraryLogBridge, RoutesRecordsAtOrAboveTheThresholdOnlyWhileInstalled) {
  std::string written;
  Logger logger({LogLevel::Info, false, false}, [&](std::string_view text) { written += text; });
  const auto emit = [](aviso::LogLevel level, const std::string& message) {
    supervisor::emit_log({level, "client.watch.connected", message, {{"event_type", "mars"}}});
  };
  {
    LibraryLogBridge bridge(logger, {{"mars", "a, b"}});
    emit(aviso::LogLevel::Info, "shown");
    emit(aviso::LogLevel::Debug, "below the threshold");
  }
  emit(aviso::LogLevel::Info, "after the bridge is gone");
  EXPECT_THAT(written, HasSubstr("listener `a, b`: shown"));
  EXPECT_THAT(written, Not(HasSubstr("below the threshold")));
  EXPECT_THAT(written, Not(HasSubstr("after the bridge is gone")));
}

}  // namespace
}  // namespace aviso::cli
