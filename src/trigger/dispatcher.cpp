#include "trigger/dispatcher.hpp"

#include "trigger/command_action.hpp"
#include "trigger/echo_action.hpp"
#include "trigger/http_action.hpp"
#include "trigger/log_action.hpp"

namespace aviso::trigger {

Error TriggerFailure::to_error() const {
  return Error::trigger_failed(kind_label, error.label(), error.display());
}

std::unique_ptr<TriggerAction> make_action(const TriggerSpec& spec,
                                           const DispatcherOptions& options) {
  switch (spec.kind) {
    case TriggerKind::Echo:
      return std::make_unique<EchoAction>(spec.label, options.echo_fd);
    case TriggerKind::Log:
      return std::make_unique<LogAction>(spec.target);
    case TriggerKind::Command: {
      CommandAction::Options command;
      command.command_template = spec.target;
      command.env = spec.env;
      command.working_dir = spec.working_dir;
      command.timeout = spec.timeout;
      command.post_exit_drain_cap = options.command_drain_cap;
      command.log = options.log;
      return std::make_unique<CommandAction>(std::move(command));
    }
    case TriggerKind::Webhook:
      return make_webhook_action(spec, options.http_sender, options.log);
    case TriggerKind::Teams:
      return make_teams_action(spec, options.http_sender, options.log);
    case TriggerKind::Post:
      return make_post_action(spec, options.http_sender, options.log);
  }
  return nullptr;
}

TriggerDispatcher::TriggerDispatcher(const std::vector<Trigger>& triggers,
                                     DispatcherOptions options)
    : options_(std::move(options)) {
  if (!options_.backoff) options_.backoff = full_jitter_backoff();
  if (!options_.env) options_.env = templates::process_env_lookup();
  for (const Trigger& trigger : triggers) {
    entries_.push_back(
        Entry{trigger.spec(), trigger.kind_label(), make_action(trigger.spec(), options_)});
  }
}

TriggerDispatcher::~TriggerDispatcher() = default;

DispatchOutcome TriggerDispatcher::dispatch(const Notification& notification,
                                            const CancelSignal* cancel) {
  // Most watches have no trigger; serialising the notification for templates would be the
  // dispatch's whole cost for them (13 % of a replay's CPU when done unconditionally).
  if (entries_.empty()) return {DispatchOutcome::Status::Completed, {}};
  const templates::TemplateInput template_input(notification);
  const AttemptInput input{notification, template_input, options_.env};
  for (Entry& entry : entries_) {
    if (cancel != nullptr && cancel->cancelled()) return {DispatchOutcome::Status::Cancelled, {}};

    std::uint32_t attempt = 0;
    std::optional<TriggerError> error;
    while (true) {
      error = entry.action->attempt(input);
      if (!error) break;
      const bool terminal = entry.spec.fail_fast && error->is_terminal_under_fail_fast();
      if (terminal || attempt >= entry.spec.retries) break;
      const std::chrono::nanoseconds delay = options_.backoff(attempt);
      if (cancel != nullptr) {
        if (cancel->wait_for(delay)) return {DispatchOutcome::Status::Cancelled, {}};
      } else {
        CancelSignal never;
        never.wait_for(delay);
      }
      ++attempt;
    }
    if (!error) continue;

    if (entry.spec.required) {
      return {DispatchOutcome::Status::Failed,
              TriggerFailure{entry.kind_label, std::move(*error), attempt + 1}};
    }
    if (options_.log) {
      options_.log(LogRecord{LogLevel::Warn,
                             "client.trigger.failed",
                             "optional trigger failed; continuing",
                             {{"kind", entry.kind_label},
                              {"retries", std::to_string(entry.spec.retries)},
                              {"error", error->display()}}});
    }
  }
  return {DispatchOutcome::Status::Completed, {}};
}

}  // namespace aviso::trigger
