// The log trigger on real files (spec 1.3).
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace aviso::trigger {
namespace {

using test::read_file;
using test::TempDir;

TEST(LogTrigger, AppendsOneCompactLinePerNotificationWithoutTruncating) {
  TempDir dir;
  const std::string path = dir.file("mars.log");
  { std::ofstream(path) << "existing line\n"; }
  TriggerDispatcher dispatcher({Trigger::log(path)}, {});
  EXPECT_EQ(dispatcher.dispatch(test::mars(1)).status, DispatchOutcome::Status::Completed);
  EXPECT_EQ(dispatcher.dispatch(test::mars(2)).status, DispatchOutcome::Status::Completed);
  EXPECT_EQ(read_file(path),
            "existing line\n" + test::mars(1).to_json() + "\n" + test::mars(2).to_json() + "\n");
  EXPECT_EQ(test::mars(1).to_json(),
            "{\"event_type\":\"mars\",\"sequence\":1,\"identifier\":{},\"payload\":null}");
}

TEST(LogTrigger, KeepsOneHandleForTheWatch) {
  TempDir dir;
  const std::string path = dir.file("a.log");
  const std::string moved = dir.file("moved.log");
  TriggerDispatcher dispatcher({Trigger::log(path)}, {});
  dispatcher.dispatch(test::mars(1));
  // The open handle follows the file, so the second line lands in the renamed file.
  std::filesystem::rename(path, moved);
  dispatcher.dispatch(test::mars(2));
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_EQ(read_file(moved), test::mars(1).to_json() + "\n" + test::mars(2).to_json() + "\n");
}

TEST(LogTrigger, MissingParentDirectoryIsAnIoError) {
  TempDir dir;
  const std::string path = dir.file("no/such/dir/a.log");
  TriggerDispatcher dispatcher({Trigger::log(path)}, {});
  const DispatchOutcome outcome = dispatcher.dispatch(test::mars());
  ASSERT_EQ(outcome.status, DispatchOutcome::Status::Failed);
  EXPECT_EQ(outcome.failure->error.kind(), TriggerErrorKind::Io);
  EXPECT_EQ(outcome.failure->kind_label, "log(" + path + ")");
  EXPECT_FALSE(std::filesystem::exists(dir.file("no")));
}

}  // namespace
}  // namespace aviso::trigger
