// Why one trigger attempt failed, with the reference's display strings and stable labels
// (spec triggers-auth-config.md 2.5), and whether fail_fast stops retrying it (2.3).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "template/template_error.hpp"

namespace aviso::trigger {

enum class TriggerErrorKind { Io, Encode, Command, Timeout, Webhook, WebhookBuild, Template };

// Template error contexts: where the failed template was used.
namespace template_context {
inline constexpr std::string_view kCommand = "command";
inline constexpr std::string_view kWebhookUrl = "webhook url";
inline constexpr std::string_view kWebhookHeader = "webhook header";
inline constexpr std::string_view kWebhookBody = "webhook body";
inline constexpr std::string_view kTeamsTitle = "teams title";
}  // namespace template_context

inline constexpr std::string_view kRequestBuildFailed =
    "request build failed (invalid URL or header value)";

class TriggerError {
 public:
  static TriggerError io(std::string detail);
  static TriggerError encode(std::string detail);
  static TriggerError command(int exit_code, std::string stderr_tail);
  static TriggerError timeout(std::chrono::nanoseconds after);
  static TriggerError webhook(std::optional<long> status, std::string body_tail);
  static TriggerError webhook_build(std::string reason);
  static TriggerError template_failed(std::string_view context, templates::TemplateError error);

  TriggerErrorKind kind() const noexcept { return kind_; }
  // "io", "encode", "command", "timeout", "webhook", "webhook_build", "template".
  std::string_view label() const noexcept;
  // e.g. "command exited 3: boom", "webhook: status=500 body_tail=<empty>".
  std::string display() const;
  // True when fail_fast stops retrying: template, non-zero exit, 4xx, request build.
  bool is_terminal_under_fail_fast() const noexcept;

  const std::string& detail() const noexcept { return detail_; }  // io/encode text
  int exit_code() const noexcept { return exit_code_; }
  const std::string& tail() const noexcept { return tail_; }  // stderr or body tail
  std::optional<long> status() const noexcept { return status_; }
  std::chrono::nanoseconds timeout_after() const noexcept { return timeout_; }
  const std::string& context() const noexcept { return context_; }
  const templates::TemplateError& template_error() const noexcept { return template_error_; }

 private:
  explicit TriggerError(TriggerErrorKind kind) : kind_(kind) {}

  TriggerErrorKind kind_;
  std::string detail_;
  int exit_code_ = 0;
  std::string tail_;
  std::optional<long> status_;
  std::chrono::nanoseconds timeout_{0};
  std::string context_;
  templates::TemplateError template_error_{templates::TemplateErrorKind::Missing, {}};
};

// A duration the way the reference prints it (Rust's Debug): "30s", "1.5s", "500ms", "100ms".
std::string format_duration(std::chrono::nanoseconds duration);

}  // namespace aviso::trigger
