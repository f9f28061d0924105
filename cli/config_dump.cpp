#include "config_dump.hpp"

#include <nlohmann/json.hpp>

#include "duration_format.hpp"

namespace aviso::cli {
namespace {

using ordered_json = nlohmann::ordered_json;

constexpr std::chrono::seconds kDefaultHeartbeat{30};

std::string base_url_source(const ResolvedConfig& config) {
  return config.base_url ? config.base_url->origin.describe()
                         : "not set by --base-url, AVISO_BASE_URL or the config file";
}

// "bearer <set>", "basic user alice", "none (no credential found)"; never the secret.
std::string auth_text(const ResolvedConfig& config, bool redact) {
  if (!config.credential) return "none (no credential found)";
  const auto& credential = *config.credential;
  if (redact) return credential.kind + " <set; redacted>";
  if (credential.username) return credential.kind + " user " + *credential.username + " <set>";
  return credential.kind + " <set>";
}

std::string auth_source(const ResolvedConfig& config) {
  if (!config.credential) return "not set by flags, environment, config file or credentials file";
  std::string source = config.credential->origin.describe();
  if (config.credential_refusal) source += "; " + *config.credential_refusal;
  return source;
}

struct Line {
  std::string key;
  ordered_json value;
  std::string source;
};

std::string scalar(const ordered_json& value) { return value.dump(); }

std::string config_file_source(const ResolvedConfig& config) {
  std::string source = config.config_path.origin.describe();
  if (!config.config_file_found) source += " (not found)";
  return source;
}

ordered_json optional_duration(const std::optional<Sourced<std::chrono::milliseconds>>& value) {
  if (!value) return nullptr;
  return format_duration(value->value);
}

}  // namespace

std::string format_config_dump_yaml(const ResolvedConfig& config, bool redact) {
  const std::vector<Line> top = {
      {"config_file", config.config_path.value, config_file_source(config)},
      {"state_file", config.state_file.value, config.state_file.origin.describe()},
      {"base_url", config.base_url ? ordered_json(config.base_url->value) : ordered_json(nullptr),
       base_url_source(config)},
      {"timeout", optional_duration(config.timeout),
       config.timeout ? config.timeout->origin.describe() : "default (no total timeout)"},
      {"heartbeat_interval",
       config.heartbeat_interval ? optional_duration(config.heartbeat_interval)
                                 : ordered_json(format_duration(kDefaultHeartbeat)),
       config.heartbeat_interval ? config.heartbeat_interval->origin.describe() : "default"},
  };
  std::string out =
      "# aviso resolved configuration: each comment names where the value came from\n";
  for (const auto& line : top) {
    out += line.key + ": " + scalar(line.value) + "  # " + line.source + "\n";
  }
  out += "tls:\n";
  out += "  ca_bundle: " + ordered_json(config.ca_bundle.value).dump() + "  # " +
         config.ca_bundle.origin.describe() + "\n";
  out += "  danger_accept_invalid_certs: " +
         std::string(config.danger_accept_invalid_certs.value ? "true" : "false") + "  # " +
         config.danger_accept_invalid_certs.origin.describe() + "\n";
  out += "auth: " + ordered_json(auth_text(config, redact)).dump() + "  # " + auth_source(config) +
         "\n";
  out += "listeners: " + std::to_string(config.listeners.value.size()) + "  # " +
         (config.config_file_found ? config.listeners.origin.describe() : std::string("default")) +
         "\n";
  return out;
}

std::string format_config_dump_json(const ResolvedConfig& config, bool redact) {
  auto entry = [](ordered_json value, const std::string& source) {
    return ordered_json{{"value", std::move(value)}, {"source", source}};
  };
  ordered_json dump;
  dump["config_file"] = entry(config.config_path.value, config_file_source(config));
  dump["config_file"]["found"] = config.config_file_found;
  dump["state_file"] = entry(config.state_file.value, config.state_file.origin.describe());
  dump["base_url"] =
      entry(config.base_url ? ordered_json(config.base_url->value) : ordered_json(nullptr),
            base_url_source(config));
  dump["timeout"] = entry(optional_duration(config.timeout),
                          config.timeout ? config.timeout->origin.describe() : "default");
  dump["heartbeat_interval"] =
      entry(config.heartbeat_interval ? optional_duration(config.heartbeat_interval)
                                      : ordered_json(format_duration(kDefaultHeartbeat)),
            config.heartbeat_interval ? config.heartbeat_interval->origin.describe() : "default");
  dump["tls"] = {
      {"ca_bundle", entry(config.ca_bundle.value, config.ca_bundle.origin.describe())},
      {"danger_accept_invalid_certs", entry(config.danger_accept_invalid_certs.value,
                                            config.danger_accept_invalid_certs.origin.describe())}};
  ordered_json auth = entry(config.credential ? ordered_json(config.credential->kind) : nullptr,
                            auth_source(config));
  auth["display"] = auth_text(config, redact);
  auth["redacted"] = redact;
  dump["auth"] = auth;
  dump["listeners"] =
      entry(config.listeners.value.size(),
            config.config_file_found ? config.listeners.origin.describe() : std::string("default"));
  return dump.dump() + "\n";
}

}  // namespace aviso::cli
