// The command trigger: `/bin/sh -c <rendered command>` per notification (spec section 4).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "template/template.hpp"
#include "trigger/trigger_action.hpp"
#include "trigger/trigger_log.hpp"

namespace aviso::trigger {

class CommandAction final : public TriggerAction {
 public:
  struct Options {
    std::string command_template;
    std::vector<std::pair<std::string, std::string>> env;  // literal, applied last
    std::optional<std::string> working_dir;
    std::optional<std::chrono::nanoseconds> timeout;
    std::chrono::nanoseconds post_exit_drain_cap = std::chrono::seconds(5);
    LogSink log;
  };

  explicit CommandAction(Options options);
  std::optional<TriggerError> attempt(const AttemptInput& input) override;

 private:
  Options options_;
  templates::Template command_;
};

}  // namespace aviso::trigger
