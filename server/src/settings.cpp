#include "settings.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <stdexcept>

#include "schema_loader.hpp"

namespace aviso::server {

std::size_t Settings::stream_queue_capacity() const {
  const std::size_t product = retention.max_history_per_topic * retention.max_topics;
  return std::clamp<std::size_t>(product, 1024, 65536);
}

namespace {

template <typename T>
void read_key(const YAML::Node& parent, const char* key, const std::string& path, T& out) {
  const YAML::Node node = parent[key];
  if (!node) return;
  try {
    out = node.as<T>();
  } catch (const YAML::Exception&) {
    throw std::runtime_error(path + ": " + key + " has an invalid value (line " +
                             std::to_string(node.Mark().line + 1) + ")");
  }
}

}  // namespace

void load_config_file(const std::string& path, Settings& settings) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw std::runtime_error("cannot read config file " + path);
  } catch (const YAML::Exception& error) {
    throw std::runtime_error(path + ": invalid YAML: " + error.what());
  }
  if (root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
  if (!root.IsMap()) throw std::runtime_error(path + ": expected a mapping at the top level");

  try {
    settings.schemas = load_schemas(root["notification_schema"]);
  } catch (const std::runtime_error& error) {
    throw std::runtime_error(path + ": " + error.what());
  }
  if (root["notification_schema_strict"]) {
    bool strict = true;
    read_key(root, "notification_schema_strict", path, strict);
    settings.schema_strict = strict;
  }

  if (const YAML::Node backend = root["notification_backend"]) {
    std::string kind = "in_memory";
    read_key(backend, "kind", path + ": notification_backend", kind);
    if (kind != "in_memory") {
      throw std::runtime_error(path + ": notification_backend.kind '" + kind +
                               "' is not supported by the local server (only in_memory)");
    }
    if (const YAML::Node memory = backend["in_memory"]) {
      const std::string where = path + ": notification_backend.in_memory";
      read_key(memory, "max_history_per_topic", where, settings.retention.max_history_per_topic);
      read_key(memory, "max_topics", where, settings.retention.max_topics);
    }
  }
  if (const YAML::Node watch = root["watch_endpoint"]) {
    const std::string where = path + ": watch_endpoint";
    read_key(watch, "sse_heartbeat_interval_sec", where, settings.heartbeat_interval_sec);
    read_key(watch, "connection_max_duration_sec", where, settings.max_duration_sec);
    read_key(watch, "replay_batch_size", where, settings.replay_batch_size);
    read_key(watch, "replay_batch_delay_ms", where, settings.replay_batch_delay_ms);
  }
  if (const YAML::Node application = root["application"]) {
    read_key(application, "base_url", path + ": application", settings.base_url);
  }
}

}  // namespace aviso::server
