#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "aviso/error.hpp"
#include "aviso/settings.hpp"

namespace aviso {
namespace {

[[noreturn]] void fail(const std::string& origin, const std::string& key,
                       const std::string& problem) {
  throw Error::config("config file " + origin + ": " + key + ": " + problem);
}

std::string scalar_text(const YAML::Node& node, const std::string& origin, const std::string& key) {
  if (!node.IsScalar()) fail(origin, key, "expected a single value");
  return node.as<std::string>();
}

std::chrono::milliseconds duration_field(const YAML::Node& node, const std::string& origin,
                                         const std::string& key) {
  const std::string text = scalar_text(node, origin, key);
  try {
    return parse_duration(text);
  } catch (const std::invalid_argument& error) {
    fail(origin, key,
         "invalid duration '" + text + "' (" + error.what() +
             "; expected a duration such as 30s, 500ms, 1h30m)");
  }
}

bool bool_field(const YAML::Node& node, const std::string& origin, const std::string& key) {
  const std::string text = scalar_text(node, origin, key);
  if (text == "true") return true;
  if (text == "false") return false;
  fail(origin, key, "expected true or false, got '" + text + "'");
}

std::string resolve_against(const std::string& origin, const std::string& path) {
  const std::filesystem::path candidate(path);
  if (candidate.is_absolute()) return path;
  const std::filesystem::path directory = std::filesystem::path(origin).parent_path();
  if (directory.empty()) return path;
  return (directory / candidate).lexically_normal().string();
}

void read_tls(const YAML::Node& tls, const std::string& origin, ClientSettings& settings) {
  if (tls.IsNull()) return;
  if (!tls.IsMap()) fail(origin, "tls", "expected a mapping");
  for (const auto& entry : tls) {
    const std::string key = entry.first.as<std::string>();
    if (key == "ca_bundle") {
      const YAML::Node& value = entry.second;
      if (value.IsNull()) continue;
      if (value.IsScalar()) {
        settings.ca_bundle.push_back(resolve_against(origin, value.as<std::string>()));
      } else if (value.IsSequence()) {
        for (const auto& item : value) {
          settings.ca_bundle.push_back(
              resolve_against(origin, scalar_text(item, origin, "tls.ca_bundle")));
        }
      } else {
        fail(origin, "tls.ca_bundle", "expected a list of paths");
      }
    } else if (key == "danger_accept_invalid_certs") {
      settings.danger_accept_invalid_certs =
          bool_field(entry.second, origin, "tls.danger_accept_invalid_certs");
    } else {
      fail(origin, "tls." + key,
           "unknown key '" + key + "' (expected ca_bundle or danger_accept_invalid_certs)");
    }
  }
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error::config("cannot read config file " + path + ": " + std::strerror(errno));
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace

ClientSettings ClientSettings::parse(const std::string& yaml, const std::string& origin) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& error) {
    throw Error::config("config file " + origin + ": invalid YAML: " + error.what());
  }
  ClientSettings settings;
  if (root.IsNull()) return settings;
  if (!root.IsMap()) throw Error::config("config file " + origin + ": expected a mapping");
  if (const YAML::Node url = root["base_url"]; url && !url.IsNull()) {
    settings.base_url = scalar_text(url, origin, "base_url");
  }
  if (const YAML::Node timeout = root["timeout"]; timeout && !timeout.IsNull()) {
    settings.timeout = duration_field(timeout, origin, "timeout");
  }
  if (const YAML::Node heartbeat = root["heartbeat_interval"]; heartbeat && !heartbeat.IsNull()) {
    settings.heartbeat_interval = duration_field(heartbeat, origin, "heartbeat_interval");
  }
  if (const YAML::Node tls = root["tls"]) read_tls(tls, origin, settings);
  return settings;
}

ClientSettings ClientSettings::from_path(const std::string& path) {
  std::error_code ignored;
  if (!std::filesystem::exists(path, ignored)) {
    throw Error::config("config file " + path + " does not exist");
  }
  return parse(read_file(path), path);
}

std::optional<ClientSettings> ClientSettings::from_default_path() {
  const std::optional<std::string> path = default_config_path();
  std::error_code ignored;
  if (!path || !std::filesystem::exists(*path, ignored)) return std::nullopt;
  return from_path(*path);
}

}  // namespace aviso
