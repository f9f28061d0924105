#include "trigger_conversion.hpp"

namespace aviso::cli {
namespace {

aviso::HttpMethod method_named(const std::string& name) {
  if (name == "GET") return aviso::HttpMethod::Get;
  if (name == "PUT") return aviso::HttpMethod::Put;
  if (name == "PATCH") return aviso::HttpMethod::Patch;
  if (name == "DELETE") return aviso::HttpMethod::Delete;
  return aviso::HttpMethod::Post;  // the YAML loader admits nothing else
}

void apply_common(aviso::Trigger& trigger, const TriggerCommon& common) {
  trigger.retries(common.retries).required(common.required).fail_fast(common.fail_fast);
  if (common.timeout) trigger.timeout(*common.timeout);
}

struct Converter {
  const ListenerSpec& listener;

  aviso::Trigger operator()(const EchoTriggerConfig& config) const {
    auto trigger = aviso::Trigger::echo();
    if (listener.name) trigger.label(*listener.name);
    apply_common(trigger, config.common);
    return trigger;
  }
  aviso::Trigger operator()(const LogTriggerConfig& config) const {
    auto trigger = aviso::Trigger::log(config.path);
    apply_common(trigger, config.common);
    return trigger;
  }
  aviso::Trigger operator()(const CommandTriggerConfig& config) const {
    auto trigger = aviso::Trigger::command(config.command);
    for (const auto& [key, value] : config.env) trigger.env(key, value);
    if (config.working_dir) trigger.working_dir(*config.working_dir);
    apply_common(trigger, config.common);
    return trigger;
  }
  aviso::Trigger operator()(const WebhookTriggerConfig& config) const {
    auto trigger = aviso::Trigger::webhook(config.url);
    trigger.method(method_named(config.method));
    for (const auto& [name, value] : config.headers) trigger.header(name, value);
    if (config.body_template) trigger.body_template(*config.body_template);
    apply_common(trigger, config.common);
    return trigger;
  }
  aviso::Trigger operator()(const TeamsTriggerConfig& config) const {
    auto trigger = aviso::Trigger::teams(config.url);
    if (config.title_template) trigger.title_template(*config.title_template);
    apply_common(trigger, config.common);
    return trigger;
  }
  aviso::Trigger operator()(const PostTriggerConfig& config) const {
    auto trigger = aviso::Trigger::post(config.url);
    for (const auto& [name, value] : config.headers) trigger.header(name, value);
    apply_common(trigger, config.common);
    return trigger;
  }
};

}  // namespace

aviso::Trigger to_trigger(const TriggerConfig& config, const ListenerSpec& listener) {
  return std::visit(Converter{listener}, config);
}

std::vector<aviso::Trigger> triggers_of(const ListenerSpec& listener) {
  std::vector<aviso::Trigger> triggers;
  triggers.reserve(listener.triggers.size());
  for (const auto& config : listener.triggers) triggers.push_back(to_trigger(config, listener));
  return triggers;
}

}  // namespace aviso::cli
