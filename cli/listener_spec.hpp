// A listener as the YAML describes it (surfaces.md 1.6, triggers-auth-config.md 7): plain values
// with no behaviour. listener_yaml.hpp reads them; trigger_conversion.hpp turns the triggers into
// aviso::Trigger for a watch.
#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace aviso::cli {

using StringPairs = std::vector<std::pair<std::string, std::string>>;

// Fields every trigger kind accepts. `timeout` and `fail_fast` are only accepted in the YAML
// of the kinds they apply to (command, webhook, teams, post).
struct TriggerCommon {
  std::uint32_t retries = 0;
  bool required = true;
  std::optional<std::chrono::nanoseconds> timeout;
  bool fail_fast = true;
};

struct EchoTriggerConfig {
  TriggerCommon common;
};
struct LogTriggerConfig {
  TriggerCommon common;
  std::string path;
};
struct CommandTriggerConfig {
  TriggerCommon common;
  std::string command;
  StringPairs env;  // in YAML order; not templated
  std::optional<std::string> working_dir;
};
struct WebhookTriggerConfig {
  TriggerCommon common;
  std::string url;
  std::string method = "POST";  // one of GET POST PUT PATCH DELETE
  StringPairs headers;
  std::optional<std::string> body_template;
};
struct TeamsTriggerConfig {
  TriggerCommon common;
  std::string url;
  std::optional<std::string> title_template;
};
struct PostTriggerConfig {
  TriggerCommon common;
  std::string url;
  StringPairs headers;
};

using TriggerConfig = std::variant<EchoTriggerConfig, LogTriggerConfig, CommandTriggerConfig,
                                   WebhookTriggerConfig, TeamsTriggerConfig, PostTriggerConfig>;

// "echo", "log", "command", "webhook", "teams", "post"
const char* trigger_type_name(const TriggerConfig& trigger) noexcept;

struct ListenerSpec {
  std::optional<std::string> name;  // the echo leader label and the name in logs
  std::string event;
  nlohmann::json identifiers = nlohmann::json::object();
  std::optional<std::uint64_t> from_id;  // start after this sequence
  std::optional<std::string> from_date;  // sent verbatim
  std::vector<TriggerConfig> triggers;
  std::string origin;  // "<file>:<line>" of the entry, or "inline" / "config"

  // The name in messages: `name`, else the event type.
  const std::string& display_name() const { return name ? *name : event; }
};

}  // namespace aviso::cli
