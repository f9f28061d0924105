#include "listener_spec.hpp"

namespace aviso::cli {

const char* trigger_type_name(const TriggerConfig& trigger) noexcept {
  struct Namer {
    const char* operator()(const EchoTriggerConfig&) const { return "echo"; }
    const char* operator()(const LogTriggerConfig&) const { return "log"; }
    const char* operator()(const CommandTriggerConfig&) const { return "command"; }
    const char* operator()(const WebhookTriggerConfig&) const { return "webhook"; }
    const char* operator()(const TeamsTriggerConfig&) const { return "teams"; }
    const char* operator()(const PostTriggerConfig&) const { return "post"; }
  };
  return std::visit(Namer{}, trigger);
}

}  // namespace aviso::cli
