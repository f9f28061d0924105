// Trigger::describe(): the secret-free diagnostic form of a trigger (spec 1.1). Templates may
// embed tokens, so they are shown only as compiled / bad states, never as text.
#include <string>

#include "aviso/trigger.hpp"
#include "template/template.hpp"

namespace aviso {
namespace {

std::string state(const std::string& source, const char* what) {
  const bool ok = templates::Template::compile(source).ok();
  return std::string(ok ? "<compiled-" : "<bad-") + what + "-template-redacted>";
}

}  // namespace

std::string Trigger::describe() const {
  std::string out = std::string(trigger_kind_name(spec_.kind)) + " {";
  switch (spec_.kind) {
    case TriggerKind::Echo:
      out += "label: " + (spec_.label ? "\"" + *spec_.label + "\"" : std::string("none"));
      break;
    case TriggerKind::Log:
      out += "path: \"" + spec_.target + "\"";
      break;
    case TriggerKind::Command:
      out += "command: " + state(spec_.target, "command") +
             ", env_count: " + std::to_string(spec_.env.size()) +
             ", working_dir: " + (spec_.working_dir ? *spec_.working_dir : std::string("none"));
      break;
    case TriggerKind::Webhook:
      out += "url: " + state(spec_.target, "url") + ", method: " + http_method_name(spec_.method) +
             ", header_count: " + std::to_string(spec_.headers.size()) + ", body: " +
             (spec_.body_template ? state(*spec_.body_template, "body")
                                  : std::string("<default-notification-json>"));
      break;
    case TriggerKind::Teams:
      out += "url_template: " + state(spec_.target, "url") + ", title_template: " +
             (spec_.title_template ? state(*spec_.title_template, "title")
                                   : std::string("<default-title>"));
      break;
    case TriggerKind::Post:
      out += "url: " + state(spec_.target, "url") +
             ", header_count: " + std::to_string(spec_.headers.size());
      break;
  }
  out += ", retries: " + std::to_string(spec_.retries) +
         ", required: " + (spec_.required ? "true" : "false") + "}";
  return out;
}

}  // namespace aviso
