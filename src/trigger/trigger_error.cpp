#include "trigger/trigger_error.hpp"

#include <cstdint>

namespace aviso::trigger {

TriggerError TriggerError::io(std::string detail) {
  TriggerError error(TriggerErrorKind::Io);
  error.detail_ = std::move(detail);
  return error;
}

TriggerError TriggerError::encode(std::string detail) {
  TriggerError error(TriggerErrorKind::Encode);
  error.detail_ = std::move(detail);
  return error;
}

TriggerError TriggerError::command(int exit_code, std::string stderr_tail) {
  TriggerError error(TriggerErrorKind::Command);
  error.exit_code_ = exit_code;
  error.tail_ = std::move(stderr_tail);
  return error;
}

TriggerError TriggerError::timeout(std::chrono::nanoseconds after) {
  TriggerError error(TriggerErrorKind::Timeout);
  error.timeout_ = after;
  return error;
}

TriggerError TriggerError::webhook(std::optional<long> status, std::string body_tail) {
  TriggerError error(TriggerErrorKind::Webhook);
  error.status_ = status;
  error.tail_ = std::move(body_tail);
  return error;
}

TriggerError TriggerError::webhook_build(std::string reason) {
  TriggerError error(TriggerErrorKind::WebhookBuild);
  error.detail_ = std::move(reason);
  return error;
}

TriggerError TriggerError::template_failed(std::string_view context,
                                           templates::TemplateError template_error) {
  TriggerError error(TriggerErrorKind::Template);
  error.context_ = std::string(context);
  error.template_error_ = std::move(template_error);
  return error;
}

std::string_view TriggerError::label() const noexcept {
  switch (kind_) {
    case TriggerErrorKind::Io:
      return "io";
    case TriggerErrorKind::Encode:
      return "encode";
    case TriggerErrorKind::Command:
      return "command";
    case TriggerErrorKind::Timeout:
      return "timeout";
    case TriggerErrorKind::Webhook:
      return "webhook";
    case TriggerErrorKind::WebhookBuild:
      return "webhook_build";
    case TriggerErrorKind::Template:
      return "template";
  }
  return "unknown";
}

std::string TriggerError::display() const {
  switch (kind_) {
    case TriggerErrorKind::Io:
      return "io: " + detail_;
    case TriggerErrorKind::Encode:
      return "encode notification: " + detail_;
    case TriggerErrorKind::Command:
      return "command exited " + std::to_string(exit_code_) + ": " + tail_;
    case TriggerErrorKind::Timeout:
      return "trigger timed out after " + format_duration(timeout_);
    case TriggerErrorKind::Webhook:
      return "webhook: status=" +
             (status_ ? std::to_string(*status_) : std::string("<transport error>")) +
             " body_tail=" + (tail_.empty() ? std::string("<empty>") : tail_);
    case TriggerErrorKind::WebhookBuild:
      return "webhook build: " + detail_;
    case TriggerErrorKind::Template:
      // Names the field, never the template text (which may hold a secret).
      return "template render in " + context_ + " failed at " + template_error_.field + ": " +
             std::string(templates::template_error_kind_name(template_error_.kind));
  }
  return "unknown trigger error";
}

bool TriggerError::is_terminal_under_fail_fast() const noexcept {
  switch (kind_) {
    case TriggerErrorKind::Template:
    case TriggerErrorKind::Command:
    case TriggerErrorKind::WebhookBuild:
      return true;
    case TriggerErrorKind::Webhook:
      return status_ && *status_ >= 400 && *status_ <= 499;
    case TriggerErrorKind::Io:
    case TriggerErrorKind::Encode:
    case TriggerErrorKind::Timeout:
      return false;
  }
  return false;
}

std::string format_duration(std::chrono::nanoseconds duration) {
  const auto total = static_cast<std::uint64_t>(duration.count() < 0 ? 0 : duration.count());
  // Largest unit in which the value is at least 1, with the fraction's trailing zeros dropped.
  struct Unit {
    std::uint64_t nanos;
    const char* suffix;
    int digits;
  };
  static constexpr Unit kUnits[] = {
      {1'000'000'000, "s", 9}, {1'000'000, "ms", 6}, {1'000, "\xc2\xb5s", 3}, {1, "ns", 0}};
  for (const Unit& unit : kUnits) {
    if (total < unit.nanos && unit.nanos != 1) continue;
    std::string text = std::to_string(total / unit.nanos);
    std::uint64_t fraction = total % unit.nanos;
    if (fraction != 0) {
      std::string digits = std::to_string(fraction);
      digits.insert(0, static_cast<std::size_t>(unit.digits) - digits.size(), '0');
      while (!digits.empty() && digits.back() == '0') digits.pop_back();
      text += "." + digits;
    }
    return text + unit.suffix;
  }
  return "0ns";
}

}  // namespace aviso::trigger
