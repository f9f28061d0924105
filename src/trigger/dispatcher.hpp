// Runs a watch's triggers for each notification: in declared order, one at a time, with
// retries, back-off and the required/optional rule (spec triggers-auth-config.md section 2).
//
// Synchronous and blocking by design: the watch driver calls dispatch() on a worker thread,
// never on the I/O thread, so a slow command cannot starve other watches' heartbeats.
#pragma once

#include <unistd.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "aviso/error.hpp"
#include "aviso/notification.hpp"
#include "aviso/trigger.hpp"
#include "template/render.hpp"
#include "trigger/backoff.hpp"
#include "trigger/cancel_signal.hpp"
#include "trigger/http_sender.hpp"
#include "trigger/trigger_action.hpp"
#include "trigger/trigger_error.hpp"
#include "trigger/trigger_log.hpp"

namespace aviso::trigger {

struct DispatcherOptions {
  HttpSender* http_sender = nullptr;  // required for webhook/teams/post; not owned
  LogSink log;                        // none = log nothing
  Backoff backoff;                    // none = full jitter, 250 ms doubling, 30 s cap
  templates::EnvLookup env;           // none = the process environment
  int echo_fd = STDOUT_FILENO;
  std::chrono::nanoseconds command_drain_cap = std::chrono::seconds(5);
};

// A required trigger that failed after its retries.
struct TriggerFailure {
  std::string kind_label;  // "command", "log(/var/log/x)", ...
  TriggerError error;
  std::uint32_t attempts = 0;

  // aviso::Error of kind Trigger, as the watch ends with it.
  Error to_error() const;
};

struct DispatchOutcome {
  enum class Status {
    Completed,  // every required trigger succeeded (optional ones may have failed)
    Cancelled,  // cancellation was observed; the notification must not be delivered
    Failed,     // a required trigger failed: the watch ends with failure->to_error()
  };
  Status status = Status::Completed;
  std::optional<TriggerFailure> failure;
};

class TriggerDispatcher {
 public:
  // Compiles every template now; a malformed one is reported at its first dispatch.
  TriggerDispatcher(const std::vector<Trigger>& triggers, DispatcherOptions options);
  ~TriggerDispatcher();
  TriggerDispatcher(const TriggerDispatcher&) = delete;
  TriggerDispatcher& operator=(const TriggerDispatcher&) = delete;

  // `cancel` is checked before each trigger and wakes back-off sleeps; a started attempt
  // always runs to completion.
  DispatchOutcome dispatch(const Notification& notification, const CancelSignal* cancel = nullptr);

  std::size_t size() const noexcept { return entries_.size(); }

 private:
  struct Entry {
    TriggerSpec spec;
    std::string kind_label;
    std::unique_ptr<TriggerAction> action;
  };

  DispatcherOptions options_;
  std::vector<Entry> entries_;
};

// The action for one trigger of one watch (exposed for tests of single kinds).
std::unique_ptr<TriggerAction> make_action(const TriggerSpec& spec,
                                           const DispatcherOptions& options);

}  // namespace aviso::trigger
