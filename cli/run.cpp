#include "run.hpp"

#include <unistd.h>

#include <cstdlib>
#include <exception>

#include "aviso/client.hpp"
#include "aviso/error.hpp"
#include "aviso/settings.hpp"
#include "aviso/state/resume_key.hpp"
#include "aviso/trigger.hpp"
#include "client_factory.hpp"
#include "command_error.hpp"
#include "command_line.hpp"
#include "command_output.hpp"
#include "completion/completion_scripts.hpp"
#include "config_dump.hpp"
#include "exit_code.hpp"
#include "library_log_bridge.hpp"
#include "listen_state_store.hpp"
#include "listener_banner.hpp"
#include "listener_request.hpp"
#include "listener_resolution.hpp"
#include "listener_runner.hpp"
#include "log.hpp"
#include "notify_parameters.hpp"
#include "output.hpp"
#include "position_value.hpp"
#include "resolved_config.hpp"
#include "signal_pipe.hpp"
#include "terminal.hpp"

namespace aviso::cli {
namespace {

class Runner {
 public:
  Runner(const Invocation& invocation, const CommandLine& command_line, Logger& logger)
      : inv_(invocation), command_line_(command_line), logger_(logger) {}

  // The exit code when no error was thrown: listen and replay report failed listeners here.
  int run() {
    dispatch();
    return exit_code_;
  }

 private:
  void dispatch() {
    switch (inv_.command) {
      case CommandId::Completions:
        return completions();
      case CommandId::Notify:
        return notify();
      case CommandId::Listen:
        return listen();
      case CommandId::Replay:
        return replay();
      case CommandId::SchemaList:
      case CommandId::SchemaGet:
        return schema();
      case CommandId::AdminWipeStream:
      case CommandId::AdminWipeAll:
      case CommandId::AdminDelete:
        return admin();
      case CommandId::ConfigDump:
        return config_dump();
    }
  }

  // Completions need no configuration: a broken config file must not stop a shell from
  // installing them.
  void completions() {
    auto script = completion_script(inv_.shell, command_line_.completion_tree());
    if (!script) throw CommandError::usage("unknown shell `" + inv_.shell + "`");
    write_stdout(*script);
  }

  void notify() {
    // Every argument problem is reported before the configuration is read or a request sent.
    const NotifyParameters parameters =
        parse_notify_parameters(inv_.notify.parameters, inv_.notify.identifier_entries);
    const ResolvedConfig config = configure();
    aviso::Client client = build_client(config);
    aviso::NotificationRequest request(parameters.event_type);
    request.with_identifier(parameters.identifier);
    if (parameters.payload) request.with_payload(*parameters.payload);
    aviso::NotifyResponse response;
    try {
      response = client.notify(request);
    } catch (const aviso::Error& error) {
      throw request_failed("POST /api/v1/notification for event_type=" + parameters.event_type,
                           error, "publish permission for this event type");
    }
    write_stdout(format_notify_response(parameters.event_type, response, json_output()));
  }

  void listen() {
    std::optional<Position> from;
    if (inv_.listen.from) from = parse_position(*inv_.listen.from, "--from");
    std::chrono::milliseconds startup_timeout{0};
    try {
      startup_timeout = aviso::parse_duration(inv_.listen.startup_timeout);
    } catch (const std::invalid_argument& error) {
      throw CommandError::usage("--startup-timeout value `" + inv_.listen.startup_timeout +
                                "` is not a duration (" + error.what() + "; e.g. 30s, 2m, 0s)");
    }
    resolve_inline_listener(inv_.listen.inline_listener);
    const ResolvedConfig config = configure();
    auto specs = resolve_listen_listeners(inv_.listen, config.listeners.value,
                                          config.config_path.value, from);
    require_base_url(config);

    std::vector<PlannedListener> planned;
    for (auto& spec : specs) {
      aviso::WatchRequest request = listen_request(spec, startup_timeout);
      planned.push_back({std::move(spec), std::move(request)});
    }
    // Before the state file and the client: a Ctrl+C from here on drains instead of killing.
    SignalPipe signals;
    const ListenStateStore state = open_listen_state_store(config, inv_.listen.no_state_store);
    LibraryLogBridge bridge(logger_, listener_names(planned));
    aviso::Client client = build_client(config, [&state](aviso::ClientBuilder& builder) {
      builder.state_store(state.store).flush_cursor_on_exit(true);
    });
    for (const auto& listener : planned) {
      CursorStore cursor{state.description, std::nullopt};
      try {
        const auto key = aviso::ResumeKey::compute(client.base_url(), listener.request.event_type(),
                                                   listener.request.filter());
        if (const auto checkpoint = state.store->get(key)) {
          cursor.stored_sequence = checkpoint->last_committed_sequence;
        }
      } catch (const aviso::Error&) {
        // The watch computes the same key and reports the problem as this listener's failure.
      }
      logger_.log(listener_banner(listener.spec, listener.request, cursor));
    }
    exit_code_ = run_listeners(client, std::move(planned), signals, logger_);
  }

  void replay() {
    const Position from = parse_position(inv_.replay.from, "--from");
    std::optional<Position> until;
    if (inv_.replay.until) until = parse_position(*inv_.replay.until, "--until");
    resolve_inline_listener(inv_.replay.inline_listener);
    const ResolvedConfig config = configure();
    ListenerSpec spec =
        resolve_replay_listener(inv_.replay, config.listeners.value, config.config_path.value);
    aviso::WatchRequest request = replay_request(spec, from, until);
    require_base_url(config);

    std::vector<PlannedListener> planned;
    planned.push_back({std::move(spec), std::move(request)});
    SignalPipe signals;
    LibraryLogBridge bridge(logger_, listener_names(planned));
    // No state store at all: a replay neither reads nor moves the saved positions.
    aviso::Client client = build_client(config);
    logger_.log(listener_banner(planned.front().spec, planned.front().request, CursorStore{}));
    exit_code_ = run_listeners(client, std::move(planned), signals, logger_);
  }

  static ListenerNamesByEvent listener_names(const std::vector<PlannedListener>& planned) {
    ListenerNamesByEvent names;
    for (const auto& listener : planned) {
      std::string& entry = names[listener.spec.event];
      if (!entry.empty()) entry += ", ";
      entry += listener.spec.display_name();
    }
    return names;
  }

  void schema() {
    const ResolvedConfig config = configure();
    aviso::Client client = build_client(config);
    if (inv_.command == CommandId::SchemaList) {
      aviso::SchemaCatalog catalog;
      try {
        catalog = client.schema();
      } catch (const aviso::Error& error) {
        throw request_failed("GET /api/v1/schema", error, "read permission");
      }
      write_stdout(format_schema_list(catalog, json_output()));
      return;
    }
    aviso::SchemaResponse response;
    try {
      response = client.schema_for(inv_.schema_event_type);
    } catch (const aviso::Error& error) {
      throw request_failed("GET /api/v1/schema/" + inv_.schema_event_type, error,
                           "read permission");
    }
    write_stdout(format_schema_get(response));
  }

  void admin() {
    const char* leaf = inv_.command == CommandId::AdminWipeStream ? "wipe-stream"
                       : inv_.command == CommandId::AdminWipeAll  ? "wipe-all"
                                                                  : "delete";
    if (!inv_.admin.yes) {
      throw CommandError::usage(std::string("aviso admin ") + leaf + " requires --yes")
          .suggest(
              "add --yes to confirm: this deletes notifications on the server and cannot be "
              "undone");
    }
    const ResolvedConfig config = configure();
    aviso::Client client = build_client(config);
    const char* const admin_role = "the admin role";
    try {
      switch (inv_.command) {
        case CommandId::AdminWipeStream:
          client.wipe_stream(inv_.admin.target);
          write_stdout(
              format_admin_ok("wipe_stream", {{"event_type", inv_.admin.target}}, json_output()));
          return;
        case CommandId::AdminWipeAll:
          client.wipe_all();
          write_stdout(format_admin_ok("wipe_all", {}, json_output()));
          return;
        default:
          client.delete_notification(inv_.admin.target);
          write_stdout(format_admin_ok("delete_notification",
                                       {{"notification_id", inv_.admin.target}}, json_output()));
          return;
      }
    } catch (const aviso::Error& error) {
      throw request_failed("admin " + std::string(leaf), error, admin_role);
    }
  }

  void config_dump() {
    const ResolvedConfig config = configure();
    write_stdout(inv_.global.json ? format_config_dump_json(config, inv_.redact)
                                  : format_config_dump_yaml(config, inv_.redact));
  }

  ResolvedConfig configure() {
    ResolvedConfig config = resolve_config(inv_.global);
    for (const auto& key : config.ignored_config_keys) {
      logger_.log(LogLevel::Warn, "cli.config.unknown_key",
                  "config file key is not an aviso setting and is ignored",
                  {{"key", key}, {"config_path", config.config_path.value}});
    }
    if (config.danger_accept_invalid_certs.value) {
      logger_.log(LogLevel::Warn, "cli.tls.insecure_mode",
                  "TLS certificate validation is disabled by --danger-accept-invalid-certs; "
                  "do not use this in production");
    }
    if (config.credential && config.credential->named_on_command_line) {
      logger_.log(LogLevel::Warn, "cli.auth.on_command_line",
                  "a credential was given on the command line, where other local users can see "
                  "it; prefer AVISO_TOKEN or a credentials file");
    }
    logger_.log(LogLevel::Debug, "cli.config.resolved", "resolved configuration",
                {{"config_path", config.config_path.value},
                 {"state_path", config.state_file.value},
                 {"base_url_set", config.base_url.has_value()},
                 {"auth_provider_set", config.credential.has_value()},
                 {"listeners_count", config.listeners.value.size()}});
    return config;
  }

  // JSON when asked for, or when stdout is not a terminal (piped into a program).
  bool json_output() const { return inv_.global.json || !is_terminal(STDOUT_FILENO); }

  static void require_base_url(const ResolvedConfig& config) {
    if (!config.base_url) throw CommandError::usage(missing_base_url_message());
    if (config.credential_refusal) {
      throw CommandError::runtime(*config.credential_refusal);
    }
  }

  const Invocation& inv_;
  const CommandLine& command_line_;
  Logger& logger_;
  int exit_code_ = kExitSuccess;
};

}  // namespace

int run(int argc, char** argv) {
  CommandLine command_line;
  const ParseOutcome outcome = command_line.parse(argc, argv);
  switch (outcome.kind) {
    case ParseOutcome::Kind::Help:
    case ParseOutcome::Kind::Version:
      try {
        write_stdout(outcome.text);
      } catch (const CommandError&) {
        return kExitRuntimeError;
      }
      return kExitSuccess;
    case ParseOutcome::Kind::Error:
      write_stderr("error: " + outcome.text + "\n\nFor more information, try 'aviso --help'.\n");
      return kExitUsageError;
    case ParseOutcome::Kind::Run:
      break;
  }

  const Invocation& invocation = command_line.invocation();
  const bool no_color = std::getenv("NO_COLOR") != nullptr;
  const bool stderr_terminal = is_terminal(STDERR_FILENO);
  aviso::set_echo_color_enabled(
      color_enabled(invocation.global.color, is_terminal(STDOUT_FILENO), no_color));
  Logger logger({log_threshold(invocation.global.verbose, std::getenv("AVISO_LOG")),
                 stderr_terminal,
                 color_enabled(invocation.global.color, stderr_terminal, no_color)});

  try {
    return Runner(invocation, command_line, logger).run();
  } catch (const CommandError& error) {
    write_stderr(format_error_report(error));
    return error.exit_code();
  } catch (const aviso::Error& error) {
    const bool usage =
        error.kind() == AvisoErrorKind_InvalidUsage || error.kind() == AvisoErrorKind_InvalidInput;
    write_stderr("error: " + std::string(error.what()) + "\n");
    return usage ? kExitUsageError : kExitRuntimeError;
  } catch (const std::exception& error) {
    write_stderr("error: internal error: " + std::string(error.what()) + "\n");
    return kExitRuntimeError;
  }
}

}  // namespace aviso::cli
