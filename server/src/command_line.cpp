#include "command_line.hpp"

#include <CLI/CLI.hpp>
#include <sstream>

#include "schema_loader.hpp"

namespace aviso::server {

namespace {

constexpr const char* kVersion =
    "aviso-local-server 0.1.0 (aviso-server protocol, in-memory backend)";

constexpr const char* kFooter = R"(
Prints its base URL (http://ADDR:PORT) as the first stdout line once it accepts connections; logs
go to stderr. SIGTERM/SIGINT end every open stream with connection-closing/server_shutdown, then
exit 0.

Extension: /api/v1/watch and /api/v1/replay also take "to_id" (inclusive end sequence) or
"to_date" (same formats as from_date). replay_started then carries "end_sequence", and the stream
ends with replay_completed and connection-closing/end_of_stream after that sequence.

Test hooks (only with --test-hooks; not part of the aviso API; JSON bodies):
  POST /_test/fail              {"route":"/api/v1/notification","status":503,"count":1,
                                 "retry_after":"2","body":"...","content_type":"...","delay_ms":0}
                                the next COUNT requests to ROUTE get that answer (after DELAY_MS)
  POST /_test/drop-streams      close every open stream without connection-closing
  POST /_test/inject-error      {"error":"stream_processing_failed","message":"..."}
                                send an `error` event on every open stream
  POST /_test/pause-heartbeats  {"seconds":5}   no heartbeats on any watch for that long
  POST /_test/close-streams     {"reason":"any_text","message":"..."}
                                end every stream with that connection-closing reason
  GET  /_test/requests          {"counts":{"/api/v1/watch":2,...},"open_streams":N}
  POST /_test/reset             clear request counts and pending forced answers

See docs/local-server.md for the configuration file, the auth file and the differences from
aviso-server.)";

}  // namespace

CommandLine parse_command_line(int argc, const char* const* argv) {
  CommandLine result;
  Settings settings;
  std::optional<std::string> config_file;
  std::string sequence_mode = "global";

  CLI::App app{
      "aviso-local-server: an in-memory, aviso-server compatible HTTP/SSE notification server."};
  app.footer(kFooter);
  app.set_version_flag("--version", kVersion);
  app.get_formatter()->column_width(34);

  app.add_option("--bind", settings.bind_address, "Address to listen on")->default_val("127.0.0.1");
  auto* port =
      app.add_option("--port", settings.port, "TCP port; 0 picks a free one")->default_val(8000);
  app.add_option("--config", config_file,
                 "YAML file with notification_schema, notification_schema_strict, "
                 "notification_backend.in_memory.*, watch_endpoint.*, application.base_url")
      ->check(CLI::ExistingFile);
  double heartbeat = 0, max_duration = 0;
  std::size_t batch_size = 0, max_history = 0, max_topics = 0;
  std::uint64_t batch_delay = 0;
  std::string base_url;
  auto* heartbeat_opt =
      app.add_option("--heartbeat-interval", heartbeat,
                     "Seconds between heartbeats on /watch (default 30, fractions allowed)");
  auto* duration_opt =
      app.add_option("--max-duration", max_duration,
                     "Seconds before a watch ends with max_duration_reached (default 3600)");
  auto* batch_size_opt =
      app.add_option("--replay-batch-size", batch_size, "Messages per replay batch (default 100)");
  auto* batch_delay_opt = app.add_option("--replay-batch-delay-ms", batch_delay,
                                         "Pause between replay batches (default 100)");
  auto* history_opt = app.add_option("--max-history-per-topic", max_history,
                                     "Messages kept per distinct topic (default 1)");
  auto* topics_opt =
      app.add_option("--max-topics", max_topics, "Distinct topics kept (default 10000)");
  auto* base_url_opt =
      app.add_option("--base-url-for-events", base_url,
                     "application.base_url: CloudEvent source and dataschema (default "
                     "http://localhost)");
  auto* sequence_opt =
      app.add_option("--sequence-mode", sequence_mode,
                     "global: one counter for all streams (in-memory backend); per-stream: one "
                     "counter per topic base (JetStream)")
          ->check(CLI::IsMember({"global", "per-stream"}));
  app.add_option("--auth-file", settings.auth_file,
                 "YAML credential table; enables auth (see docs/local-server.md)")
      ->check(CLI::ExistingFile);
  app.add_flag("--test-hooks", settings.test_hooks, "Serve the /_test/ hooks listed below");
  auto* unknown_key_opt =
      app.add_option(
             "--undeclared-key-status", settings.undeclared_key_status,
             "Status for an identifier key the schema does not declare on notify: 500 as "
             "aviso-server (NOTIFICATION_PROCESSING_FAILED) or 400 (INVALID_NOTIFICATION_REQUEST)")
          ->check(CLI::IsMember({400, 500}));
  (void)port;
  (void)unknown_key_opt;

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    std::ostringstream out, err;
    result.exit_code = app.exit(error, out, err);
    result.output = out.str() + err.str();
    return result;
  }

  try {
    if (config_file) {
      const std::string bind = settings.bind_address;
      const auto chosen_port = settings.port;
      const auto auth_file = settings.auth_file;
      const bool hooks = settings.test_hooks;
      const unsigned status = settings.undeclared_key_status;
      load_config_file(*config_file, settings);
      settings.bind_address = bind;
      settings.port = chosen_port;
      settings.auth_file = auth_file;
      settings.test_hooks = hooks;
      settings.undeclared_key_status = status;
    } else {
      settings.schemas = default_schemas();
    }
  } catch (const std::exception& error) {
    result.exit_code = 2;
    result.output = std::string("aviso-local-server: ") + error.what() + "\n";
    return result;
  }

  if (heartbeat_opt->count()) settings.heartbeat_interval_sec = heartbeat;
  if (duration_opt->count()) settings.max_duration_sec = max_duration;
  if (batch_size_opt->count()) settings.replay_batch_size = batch_size;
  if (batch_delay_opt->count()) settings.replay_batch_delay_ms = batch_delay;
  if (history_opt->count()) settings.retention.max_history_per_topic = max_history;
  if (topics_opt->count()) settings.retention.max_topics = max_topics;
  if (base_url_opt->count()) settings.base_url = base_url;
  if (sequence_opt->count() || true) {
    settings.sequence_mode =
        sequence_mode == "per-stream" ? SequenceMode::PerStream : SequenceMode::Global;
  }

  std::string problem;
  if (!(settings.heartbeat_interval_sec > 0))
    problem = "--heartbeat-interval must be greater than 0";
  if (!(settings.max_duration_sec > 0)) problem = "--max-duration must be greater than 0";
  if (settings.replay_batch_size == 0) problem = "--replay-batch-size must be at least 1";
  if (settings.retention.max_history_per_topic == 0)
    problem = "--max-history-per-topic must be at least 1";
  if (settings.retention.max_topics == 0) problem = "--max-topics must be at least 1";
  if (!settings.auth_file) {
    for (const auto& schema : settings.schemas.all()) {
      if (schema.auth &&
          (schema.auth->required || schema.auth->read_roles || schema.auth->write_roles)) {
        problem = "schema '" + schema.event_type +
                  "' has an auth block but auth is disabled: pass --auth-file to enable it";
      }
    }
  }
  if (!problem.empty()) {
    result.exit_code = 2;
    result.output = "aviso-local-server: " + problem + "\n";
    return result;
  }
  result.settings = std::move(settings);
  return result;
}

}  // namespace aviso::server
