// Display strings, labels and fail_fast classification of trigger errors (spec 2.3, 2.5).
#include "trigger/trigger_error.hpp"

#include <gtest/gtest.h>

#include "trigger/dispatcher.hpp"
#include "trigger/tail_buffer.hpp"

namespace aviso::trigger {
namespace {

TEST(TriggerError, DisplayStrings) {
  EXPECT_EQ(TriggerError::webhook(500, "").display(), "webhook: status=500 body_tail=<empty>");
  EXPECT_EQ(TriggerError::webhook(std::nullopt, "").display(),
            "webhook: status=<transport error> body_tail=<empty>");
  EXPECT_EQ(TriggerError::webhook(404, "nope").display(), "webhook: status=404 body_tail=nope");
  EXPECT_EQ(TriggerError::command(3, "boom\n").display(), "command exited 3: boom\n");
  EXPECT_EQ(TriggerError::command(-1, "").display(), "command exited -1: ");
  EXPECT_EQ(TriggerError::io("disk full").display(), "io: disk full");
  EXPECT_EQ(TriggerError::encode("bad utf-8").display(), "encode notification: bad utf-8");
  EXPECT_EQ(TriggerError::webhook_build(std::string(kRequestBuildFailed)).display(),
            "webhook build: request build failed (invalid URL or header value)");
  EXPECT_EQ(TriggerError::timeout(std::chrono::seconds(30)).display(),
            "trigger timed out after 30s");
  EXPECT_EQ(
      TriggerError::template_failed(template_context::kWebhookHeader,
                                    templates::TemplateError{templates::TemplateErrorKind::Missing,
                                                             "notification.event_type"})
          .display(),
      "template render in webhook header failed at notification.event_type: Missing");
}

TEST(TriggerError, DurationsPrintLikeTheReference) {
  using namespace std::chrono;
  EXPECT_EQ(format_duration(seconds(30)), "30s");
  EXPECT_EQ(format_duration(milliseconds(1500)), "1.5s");
  EXPECT_EQ(format_duration(milliseconds(500)), "500ms");
  EXPECT_EQ(format_duration(milliseconds(100)), "100ms");
  EXPECT_EQ(format_duration(minutes(2)), "120s");
  EXPECT_EQ(format_duration(microseconds(1500)), "1.5ms");
  EXPECT_EQ(format_duration(nanoseconds(0)), "0ns");
}

TEST(TriggerError, Labels) {
  EXPECT_EQ(TriggerError::io("").label(), "io");
  EXPECT_EQ(TriggerError::encode("").label(), "encode");
  EXPECT_EQ(TriggerError::command(1, "").label(), "command");
  EXPECT_EQ(TriggerError::timeout({}).label(), "timeout");
  EXPECT_EQ(TriggerError::webhook(1, "").label(), "webhook");
  EXPECT_EQ(TriggerError::webhook_build("").label(), "webhook_build");
  EXPECT_EQ(TriggerError::template_failed("command", {}).label(), "template");
}

TEST(TriggerError, FailFastClassification) {
  EXPECT_TRUE(TriggerError::template_failed("command", {}).is_terminal_under_fail_fast());
  EXPECT_TRUE(TriggerError::command(1, "").is_terminal_under_fail_fast());
  EXPECT_TRUE(TriggerError::webhook_build("").is_terminal_under_fail_fast());
  EXPECT_TRUE(TriggerError::webhook(400, "").is_terminal_under_fail_fast());
  EXPECT_TRUE(TriggerError::webhook(499, "").is_terminal_under_fail_fast());
  EXPECT_FALSE(TriggerError::webhook(500, "").is_terminal_under_fail_fast());
  EXPECT_FALSE(TriggerError::webhook(503, "").is_terminal_under_fail_fast());
  EXPECT_FALSE(TriggerError::webhook(302, "").is_terminal_under_fail_fast());
  EXPECT_FALSE(TriggerError::webhook(std::nullopt, "").is_terminal_under_fail_fast());
  EXPECT_FALSE(TriggerError::io("").is_terminal_under_fail_fast());
  EXPECT_FALSE(TriggerError::encode("").is_terminal_under_fail_fast());
  EXPECT_FALSE(TriggerError::timeout({}).is_terminal_under_fail_fast());
}

TEST(TriggerError, RequiredFailureBecomesATriggerError) {
  const TriggerFailure failure{"command", TriggerError::command(2, "bad"), 1};
  const Error error = failure.to_error();
  EXPECT_EQ(error.kind(), AvisoErrorKind_Trigger);
  EXPECT_EQ(error.error().trigger_kind, "command");
  EXPECT_EQ(error.error().error_kind, "command");
  EXPECT_NE(error.error().message.find("command exited 2: bad"), std::string::npos);
}

TEST(Backoff, CeilingDoublesFrom250msUpTo30s) {
  using namespace std::chrono;
  EXPECT_EQ(backoff_ceiling(0), milliseconds(250));
  EXPECT_EQ(backoff_ceiling(1), milliseconds(500));
  EXPECT_EQ(backoff_ceiling(3), milliseconds(2000));
  EXPECT_EQ(backoff_ceiling(7), milliseconds(30000));
  EXPECT_EQ(backoff_ceiling(1000), milliseconds(30000));
}

TEST(Backoff, FullJitterStaysWithinTheCeiling) {
  const Backoff backoff = full_jitter_backoff();
  for (std::uint32_t retry = 0; retry < 12; ++retry) {
    for (int i = 0; i < 50; ++i) {
      const auto delay = backoff(retry);
      EXPECT_GE(delay.count(), 0);
      EXPECT_LE(delay, backoff_ceiling(retry));
    }
  }
}

}  // namespace
}  // namespace aviso::trigger

namespace aviso::trigger {
namespace {

TEST(TailBuffer, KeepsTheLastBytesAcrossAppends) {
  TailBuffer tail(4);
  tail.append("ab");
  tail.append("cdef");
  EXPECT_EQ(tail.bytes(), "cdef");
  tail.append("g");
  EXPECT_EQ(tail.bytes(), "defg");
  tail.append("0123456789");
  EXPECT_EQ(tail.bytes(), "6789");
  EXPECT_EQ(tail.total(), 17u);
}

TEST(LossyUtf8, ReplacesOnlyTheBrokenBytes) {
  EXPECT_EQ(lossy_utf8("plain \xc3\xa9"), "plain \xc3\xa9");
  // A tail cut in the middle of a character starts with a stray continuation byte.
  EXPECT_EQ(lossy_utf8("\xa9rest"), "\xef\xbf\xbdrest");
  EXPECT_EQ(lossy_utf8("a\xffz\xc3"), "a\xef\xbf\xbdz\xef\xbf\xbd");
}

}  // namespace
}  // namespace aviso::trigger
