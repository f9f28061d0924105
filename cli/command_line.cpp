#include "command_line.hpp"

#include <map>

// CLI11's inlined string helpers trip GCC's -Wnull-dereference at -O2 (a false positive in
// third-party code).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <CLI/CLI.hpp>
#pragma GCC diagnostic pop

#include "aviso/version.hpp"
#include "position_value.hpp"

namespace aviso::cli {
namespace {

struct ValueHint {
  std::vector<std::string> choices;
  bool files = false;
};

const char* const kShells[] = {"bash", "zsh", "fish", "powershell", "elvish"};

}  // namespace

struct CommandLine::Impl {
  CLI::App app{"Command-line client for aviso-server, ECMWF's notification service.", "aviso"};
  Invocation invocation;
  std::map<const CLI::Option*, ValueHint> hints;
  std::map<const CLI::App*, CommandId> leaves;
  std::map<const CLI::App*, ValueHint> positional_hints;

  // Options whose presence matters (std::optional fields) are read back after parsing.
  std::string config, state_file, base_url, token, username, password, color = "never";
  std::string listen_from, listen_event, listen_identifiers, replay_listener, replay_until,
      replay_event, replay_identifiers;
  CLI::Option *config_opt = nullptr, *state_file_opt = nullptr, *base_url_opt = nullptr,
              *token_opt = nullptr, *username_opt = nullptr, *password_opt = nullptr,
              *listen_from_opt = nullptr, *listen_event_opt = nullptr,
              *listen_identifiers_opt = nullptr, *replay_listener_opt = nullptr,
              *replay_until_opt = nullptr, *replay_event_opt = nullptr,
              *replay_identifiers_opt = nullptr;

  Impl() { define(); }

  void define();
  CLI::App* leaf(CLI::App* parent, const std::string& name, const std::string& help, CommandId id) {
    CLI::App* command = parent->add_subcommand(name, help);
    leaves[command] = id;
    return command;
  }
  void add_inline_listener(CLI::App* command, std::string& event, CLI::Option*& event_opt,
                           std::string& identifiers, CLI::Option*& identifiers_opt,
                           InlineListenerArgs& target);
  void read_back();
};

void CommandLine::Impl::define() {
  Invocation& inv = invocation;
  GlobalOptions& g = inv.global;
  app.footer(
      "Configuration: ~/.config/aviso/config.yaml (or --config / AVISO_CLIENT_CONFIG_FILE). Each "
      "setting is taken from its flag, else its environment variable, else the config file.\n"
      "Exit codes: 0 success, 1 runtime error, 2 usage error, 130 second Ctrl+C.");
  // Global flags are defined on the root and accepted after any subcommand too.
  app.fallthrough();
  app.set_version_flag("-V,--version", "aviso " + aviso::version(), "Print the version and exit");
  app.require_subcommand(1);

  config_opt = app.add_option("-c,--config", config,
                              "YAML config file [env: AVISO_CLIENT_CONFIG_FILE] "
                              "[default: ~/.config/aviso/config.yaml]")
                   ->type_name("PATH");
  hints[config_opt].files = true;
  state_file_opt = app.add_option("--state-file", state_file,
                                  "JSON file holding listen's resume cursors [env: "
                                  "AVISO_STATE_FILE] [default: ~/.config/aviso/state.json]")
                       ->type_name("PATH");
  hints[state_file_opt].files = true;
  base_url_opt = app.add_option("--base-url", base_url,
                                "aviso-server address, e.g. https://aviso.example "
                                "[env: AVISO_BASE_URL]")
                     ->type_name("URL");
  token_opt = app.add_option("--token", token,
                             "Bearer token [env: AVISO_TOKEN]. Visible in the process list and "
                             "shell history: prefer the variable or a credentials file")
                  ->type_name("TOKEN");
  username_opt = app.add_option("--username", username,
                                "Basic-auth user; needs --password [env: AVISO_USERNAME]")
                     ->type_name("USERNAME");
  password_opt = app.add_option("--password", password,
                                "Basic-auth password; needs --username [env: AVISO_PASSWORD]")
                     ->type_name("PASSWORD");
  token_opt->excludes(username_opt)->excludes(password_opt);
  username_opt->needs(password_opt);
  password_opt->needs(username_opt);
  auto* ca_bundle = app.add_option("--ca-bundle", g.ca_bundle,
                                   "PEM file of CA certificates trusted in addition to the "
                                   "system roots; repeatable [config: tls.ca_bundle]")
                        ->allow_extra_args(false)
                        ->type_name("PATH");
  hints[ca_bundle].files = true;
  app.add_flag("--danger-accept-invalid-certs", g.danger_accept_invalid_certs,
               "Turn TLS certificate checks off (insecure; development only) "
               "[config: tls.danger_accept_invalid_certs]");
  app.add_flag("--json", g.json, "JSON output even on a terminal");
  auto* color_opt = app.add_option("--color", color,
                                   "Colour: never (default), auto (terminal and NO_COLOR unset), "
                                   "always")
                        ->check(CLI::IsMember({"auto", "always", "never"}))
                        ->type_name("WHEN");
  hints[color_opt].choices = {"auto", "always", "never"};
  app.add_flag("-v,--verbose", g.verbose,
               "More log detail: -v debug, -vv trace (AVISO_LOG overrides, e.g. "
               "AVISO_LOG=warn,aviso=debug)");

  // notify
  CLI::App* notify = leaf(&app, "notify", "Publish one notification", CommandId::Notify);
  notify
      ->add_option("PARAMETERS", inv.notify.parameters,
                   "Comma-separated key=value list: event=<TYPE> (required), data=<JSON> "
                   "(payload), key=value and key:=JSON identifiers, e.g. "
                   "'event=mars,class=od,step:=12,data={\"x\":1}'")
      ->required();
  notify
      ->add_option("--identifier", inv.notify.identifier_entries,
                   "Add one identifier: key=value (exact string) or key:=JSON (typed); "
                   "repeatable")
      ->allow_extra_args(false);

  // listen
  CLI::App* listen = leaf(&app, "listen", "Run listeners until Ctrl+C", CommandId::Listen);
  listen->add_option("LISTENER_FILES", inv.listen.listener_files,
                     "Listener YAML files; their listeners: lists replace the config's");
  positional_hints[listen].files = true;
  listen->add_flag("--no-state-store", inv.listen.no_state_store,
                   "Keep resume cursors in memory only; ignore the state file");
  listen_from_opt = listen->add_option(
      "--from", listen_from,
      "Start every listener after this sequence id or at this date (overrides from_id/from_date)");
  listen->add_option("--startup-timeout", inv.listen.startup_timeout,
                     "Budget until the first stream is confirmed, across retries; 0s disables");
  add_inline_listener(listen, listen_event, listen_event_opt, listen_identifiers,
                      listen_identifiers_opt, inv.listen.inline_listener);

  // replay
  CLI::App* replay = leaf(&app, "replay", "Re-read retained history through a listener, then exit",
                          CommandId::Replay);
  replay->add_option("LISTENER_FILES", inv.replay.listener_files,
                     "Listener YAML files; their listeners: lists replace the config's");
  positional_hints[replay].files = true;
  replay
      ->add_option("--from", inv.replay.from,
                   "Start after this sequence id, or at this date (required)")
      ->required();
  replay_until_opt = replay->add_option("--until", replay_until,
                                        "End at this sequence id (inclusive) or at this date");
  replay_listener_opt = replay->add_option("--listener", replay_listener,
                                           "The listener to replay; required when several resolve");
  add_inline_listener(replay, replay_event, replay_event_opt, replay_identifiers,
                      replay_identifiers_opt, inv.replay.inline_listener);

  // schema
  CLI::App* schema = app.add_subcommand("schema", "Event types and their schemas");
  schema->require_subcommand(1);
  leaf(schema, "list", "List the event types the server knows", CommandId::SchemaList);
  leaf(schema, "get", "Print one event type's schema as JSON", CommandId::SchemaGet)
      ->add_option("EVENT_TYPE", inv.schema_event_type, "The event type")
      ->required();

  // admin
  CLI::App* admin = app.add_subcommand("admin", "Destructive operator commands (need --yes)");
  admin->require_subcommand(1);
  CLI::App* wipe_stream = leaf(admin, "wipe-stream", "Delete every notification of one event type",
                               CommandId::AdminWipeStream);
  wipe_stream->add_option("EVENT_TYPE", inv.admin.target, "The event type")->required();
  wipe_stream->add_flag("--yes", inv.admin.yes, "Confirm; without it nothing is sent");
  CLI::App* wipe_all = leaf(admin, "wipe-all", "Delete every notification of every event type",
                            CommandId::AdminWipeAll);
  wipe_all->add_flag("--yes", inv.admin.yes, "Confirm; without it nothing is sent");
  CLI::App* remove = leaf(admin, "delete", "Delete one notification by id", CommandId::AdminDelete);
  remove->add_option("NOTIFICATION_ID", inv.admin.target, "<event_type>@<sequence>")->required();
  remove->add_flag("--yes", inv.admin.yes, "Confirm; without it nothing is sent");

  // config
  CLI::App* config_cmd = app.add_subcommand("config", "Inspect the resolved configuration");
  config_cmd->require_subcommand(1);
  leaf(config_cmd, "dump", "Print every setting and where it came from", CommandId::ConfigDump)
      ->add_flag("--redact", inv.redact, "Hide tokens and passwords");

  // completions
  CLI::App* completions =
      leaf(&app, "completions", "Print a shell completion script", CommandId::Completions);
  completions->add_option("SHELL", inv.shell, "bash, zsh, fish, powershell or elvish")
      ->required()
      ->check(CLI::IsMember(std::vector<std::string>(std::begin(kShells), std::end(kShells))));
  positional_hints[completions].choices.assign(std::begin(kShells), std::end(kShells));
}

void CommandLine::Impl::add_inline_listener(CLI::App* command, std::string& event,
                                            CLI::Option*& event_opt, std::string& identifiers,
                                            CLI::Option*& identifiers_opt,
                                            InlineListenerArgs& target) {
  event_opt = command->add_option(
      "--event", event,
      "Ad-hoc listener for this event type with a default echo trigger; needs --identifiers or "
      "--identifier, and replaces listener files");
  identifiers_opt = command->add_option(
      "--identifiers", identifiers, "Ad-hoc filter as a JSON object, e.g. '{\"class\":\"od\"}'");
  auto* entries = command
                      ->add_option("--identifier", target.identifier_entries,
                                   "One ad-hoc filter entry: key=value (exact string) or "
                                   "key:=JSON (typed); repeatable")
                      ->allow_extra_args(false);
  identifiers_opt->excludes(entries);
}

void CommandLine::Impl::read_back() {
  GlobalOptions& g = invocation.global;
  auto optional = [](const CLI::Option* opt, const std::string& value) {
    return opt->count() > 0 ? std::optional<std::string>(value) : std::nullopt;
  };
  g.config = optional(config_opt, config);
  g.state_file = optional(state_file_opt, state_file);
  g.base_url = optional(base_url_opt, base_url);
  g.token = optional(token_opt, token);
  g.username = optional(username_opt, username);
  g.password = optional(password_opt, password);
  g.color = color == "auto"     ? ColorMode::Auto
            : color == "always" ? ColorMode::Always
                                : ColorMode::Never;
  invocation.listen.from = optional(listen_from_opt, listen_from);
  invocation.listen.inline_listener.event = optional(listen_event_opt, listen_event);
  invocation.listen.inline_listener.identifiers_json =
      optional(listen_identifiers_opt, listen_identifiers);
  invocation.replay.listener = optional(replay_listener_opt, replay_listener);
  invocation.replay.until = optional(replay_until_opt, replay_until);
  invocation.replay.inline_listener.event = optional(replay_event_opt, replay_event);
  invocation.replay.inline_listener.identifiers_json =
      optional(replay_identifiers_opt, replay_identifiers);

  // The deepest parsed subcommand is the command.
  const CLI::App* current = &app;
  for (;;) {
    auto chosen = current->get_subcommands();
    if (chosen.empty()) break;
    current = chosen.front();
  }
  invocation.command = leaves.at(current);
}

CommandLine::CommandLine() : impl_(std::make_unique<Impl>()) {}
CommandLine::~CommandLine() = default;

const Invocation& CommandLine::invocation() const { return impl_->invocation; }

ParseOutcome CommandLine::parse(int argc, const char* const* argv) {
  try {
    impl_->app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    return {ParseOutcome::Kind::Help, impl_->app.help()};
  } catch (const CLI::CallForAllHelp&) {
    return {ParseOutcome::Kind::Help, impl_->app.help("", CLI::AppFormatMode::All)};
  } catch (const CLI::CallForVersion&) {
    return {ParseOutcome::Kind::Version, impl_->app.version() + "\n"};
  } catch (const CLI::ParseError& error) {
    return {ParseOutcome::Kind::Error, error.what()};
  }
  impl_->read_back();
  return {};
}

namespace {

CompletionFlag flag_of(const CLI::Option* option,
                       const std::map<const CLI::Option*, ValueHint>& hints) {
  CompletionFlag flag;
  for (const auto& name : option->get_snames()) flag.names.push_back("-" + name);
  for (const auto& name : option->get_lnames()) flag.names.push_back("--" + name);
  flag.help = option->get_description();
  flag.takes_value = option->get_items_expected_max() > 0 && option->get_expected_min() > 0;
  if (auto hint = hints.find(option); hint != hints.end()) {
    flag.choices = hint->second.choices;
    flag.completes_files = hint->second.files;
  }
  return flag;
}

// `globals` are the root's flags, which every command accepts (fallthrough).
CompletionCommand command_of(const CLI::App* app, const std::string& name,
                             const std::vector<CompletionFlag>& globals,
                             const std::map<const CLI::Option*, ValueHint>& hints,
                             const std::map<const CLI::App*, ValueHint>& positional_hints) {
  CompletionCommand command;
  command.name = name;
  command.help = app->get_description();
  command.flags = globals;
  for (const CLI::Option* option : app->get_options()) {
    if (option->get_positional()) continue;
    CompletionFlag flag = flag_of(option, hints);
    bool known = false;
    for (const auto& existing : command.flags) known = known || existing.names == flag.names;
    if (!known) command.flags.push_back(std::move(flag));
  }
  if (auto hint = positional_hints.find(app); hint != positional_hints.end()) {
    command.positional_choices = hint->second.choices;
    command.positional_files = hint->second.files;
  }
  const auto& passed = app->get_parent() == nullptr ? command.flags : globals;
  for (const CLI::App* sub : app->get_subcommands([](const CLI::App*) { return true; })) {
    command.subcommands.push_back(
        command_of(sub, sub->get_name(), passed, hints, positional_hints));
  }
  return command;
}

}  // namespace

CompletionCommand CommandLine::completion_tree() const {
  return command_of(&impl_->app, "aviso", {}, impl_->hints, impl_->positional_hints);
}

}  // namespace aviso::cli
