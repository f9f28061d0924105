// Trigger::describe(): the secret-free diagnostic form of a trigger.
#include <string>

#include "aviso/trigger.hpp"

namespace aviso {

std::string Trigger::describe() const {
  // Templates may embed tokens, so they are never printed; only their presence is.
  std::string out = std::string(trigger_kind_name(spec_.kind)) + " {";
  switch (spec_.kind) {
    case TriggerKind::Echo:
      out += "label: " + (spec_.label ? "\"" + *spec_.label + "\"" : std::string("none"));
      break;
    case TriggerKind::Log:
      out += "path: \"" + spec_.target + "\"";
      break;
    case TriggerKind::Command:
      out +=
          "command: <command-template-redacted>, env_count: " + std::to_string(spec_.env.size()) +
          ", working_dir: " + (spec_.working_dir ? *spec_.working_dir : std::string("none"));
      break;
    case TriggerKind::Webhook:
      out += std::string("url: <url-template-redacted>, method: ") +
             http_method_name(spec_.method) +
             ", header_count: " + std::to_string(spec_.headers.size()) + ", body: " +
             (spec_.body_template ? "<body-template-redacted>" : "<default-notification-json>");
      break;
    case TriggerKind::Teams:
      out += std::string("url: <url-template-redacted>, title: ") +
             (spec_.title_template ? "<title-template-redacted>" : "<default-title>");
      break;
    case TriggerKind::Post:
      out += "url: <url-template-redacted>, header_count: " + std::to_string(spec_.headers.size());
      break;
  }
  out += ", retries: " + std::to_string(spec_.retries) +
         ", required: " + (spec_.required ? "true" : "false") + "}";
  return out;
}

}  // namespace aviso
