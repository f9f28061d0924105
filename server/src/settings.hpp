#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "schema.hpp"
#include "store.hpp"

namespace aviso::server {

// Everything the server is configured with: the settings keys of protocol section 6, the schema
// set, and the local server's own switches. Defaults are the reference's.
struct Settings {
  std::string bind_address = "127.0.0.1";
  std::uint16_t port = 8000;

  double heartbeat_interval_sec = 30;
  double max_duration_sec = 3600;
  std::size_t replay_batch_size = 100;
  std::uint64_t replay_batch_delay_ms = 100;
  RetentionLimits retention;
  std::string base_url = "http://localhost";
  SequenceMode sequence_mode = SequenceMode::Global;

  SchemaSet schemas;
  // notification_schema_strict as configured. The local server is strict whatever it says (generic
  // mode cannot stream anything), see docs/local-server.md.
  std::optional<bool> schema_strict;

  std::optional<std::string> auth_file;
  bool test_hooks = false;
  // Quirk switch: 500 NOTIFICATION_PROCESSING_FAILED (reference) or 400 for an undeclared
  // identifier key on notify.
  unsigned undeclared_key_status = 500;

  // Fan-out queue bound per stream, as the reference's broadcast channel capacity.
  std::size_t stream_queue_capacity() const;
};

// Reads a --config YAML file into `settings`: notification_schema, notification_schema_strict,
// notification_backend.in_memory.*, watch_endpoint.*, application.base_url. Keys that are absent
// keep their current value. Throws std::runtime_error naming the file, key and line.
void load_config_file(const std::string& path, Settings& settings);

}  // namespace aviso::server
