// One compiled trigger of one watch: runs a single attempt for a notification. The dispatcher
// adds retries, back-off, timeouts of the non-blocking kinds and the required/optional rule.
#pragma once

#include <optional>

#include "aviso/notification.hpp"
#include "template/render.hpp"
#include "trigger/trigger_error.hpp"

namespace aviso::trigger {

struct AttemptInput {
  const Notification& notification;
  const templates::TemplateInput& templates;  // the notification serialised once per dispatch
  const templates::EnvLookup& env;
};

class TriggerAction {
 public:
  virtual ~TriggerAction() = default;
  // Runs one attempt to completion (a started attempt is never interrupted by cancellation).
  virtual std::optional<TriggerError> attempt(const AttemptInput& input) = 0;
};

}  // namespace aviso::trigger
