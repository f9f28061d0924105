// The echo trigger: the notification on standard output (spec triggers-auth-config.md 1.2).
#pragma once

#include <optional>
#include <string>

#include "trigger/trigger_action.hpp"

namespace aviso::trigger {

class EchoAction final : public TriggerAction {
 public:
  // `fd` is standard output except in tests, which pass a pipe or a pseudo-terminal.
  explicit EchoAction(std::optional<std::string> label, int fd);
  std::optional<TriggerError> attempt(const AttemptInput& input) override;

  // The record written for one notification: one compact JSON line for a pipe or file; a
  // leader line, pretty JSON and a blank line for a terminal.
  static std::string record(const Notification& notification,
                            const std::optional<std::string>& label, bool terminal, bool color);

 private:
  std::optional<std::string> label_;
  int fd_;
};

}  // namespace aviso::trigger
