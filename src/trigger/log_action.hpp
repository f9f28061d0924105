// The log trigger: one compact JSON line per notification appended to a file (spec 1.3).
#pragma once

#include <string>

#include "trigger/trigger_action.hpp"

namespace aviso::trigger {

class LogAction final : public TriggerAction {
 public:
  explicit LogAction(std::string path) : path_(std::move(path)) {}
  ~LogAction() override;
  LogAction(const LogAction&) = delete;
  LogAction& operator=(const LogAction&) = delete;

  std::optional<TriggerError> attempt(const AttemptInput& input) override;

 private:
  std::string path_;
  int fd_ = -1;  // opened on the first dispatch, kept for the life of the watch
};

}  // namespace aviso::trigger
