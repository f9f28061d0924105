#include "trigger/command_action.hpp"

#include <sys/stat.h>

#include "trigger/child_process.hpp"
#include "trigger/command_environment.hpp"

extern char** environ;

namespace aviso::trigger {

CommandAction::CommandAction(Options options)
    : options_(std::move(options)),
      command_(templates::Template::compile(options_.command_template)) {}

std::optional<TriggerError> CommandAction::attempt(const AttemptInput& input) {
  templates::RenderResult rendered =
      templates::render(command_, templates::RenderContext::Shell, input.templates, input.env);
  if (auto* error = std::get_if<templates::TemplateError>(&rendered)) {
    if (options_.log) {
      options_.log(
          LogRecord{LogLevel::Debug,
                    "client.trigger.template.render_failed",
                    "template render failed",
                    {{"context", std::string(template_context::kCommand)},
                     {"raw_template", options_.command_template},
                     {"field", error->field},
                     {"kind", std::string(templates::template_error_kind_name(error->kind))}}});
    }
    return TriggerError::template_failed(template_context::kCommand, std::move(*error));
  }

  // Checked at every dispatch: the directory may appear later, and Io is retryable.
  if (options_.working_dir) {
    struct stat info {};
    if (::stat(options_.working_dir->c_str(), &info) != 0) {
      return TriggerError::io("working_dir " + *options_.working_dir + " does not exist");
    }
    if (!S_ISDIR(info.st_mode)) {
      return TriggerError::io("working_dir " + *options_.working_dir + " is not a directory");
    }
  }

  ChildRun run;
  run.command = std::move(std::get<std::string>(rendered));
  try {
    run.environment =
        command_environment(environ, command_.env_names(), input.notification, options_.env);
  } catch (const std::exception& e) {
    return TriggerError::encode(e.what());
  }
  run.working_dir = options_.working_dir;
  run.timeout = options_.timeout;
  run.post_exit_drain_cap = options_.post_exit_drain_cap;

  std::variant<ChildOutcome, std::string> result = run_child(run);
  if (auto* failure = std::get_if<std::string>(&result)) return TriggerError::io(*failure);
  ChildOutcome& outcome = std::get<ChildOutcome>(result);
  if (outcome.timed_out) return TriggerError::timeout(*options_.timeout);
  if (options_.log) {
    options_.log(LogRecord{LogLevel::Debug,
                           "client.trigger.command.stdout_bytes",
                           "command wrote to stdout",
                           {{"bytes", std::to_string(outcome.stdout_bytes)}}});
    if (outcome.drain_capped) {
      options_.log(LogRecord{LogLevel::Warn,
                             "client.trigger.command.post_exit_drain_capped",
                             "command exited but its output stayed open; stopped reading",
                             {}});
    }
  }
  if (outcome.exit_code != 0) {
    return TriggerError::command(outcome.exit_code, std::move(outcome.stderr_tail));
  }
  return std::nullopt;
}

}  // namespace aviso::trigger
