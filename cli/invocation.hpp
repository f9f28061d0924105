// What the user asked for, as plain values: the global flags and the chosen command with its
// arguments. command_line.hpp fills it from argv; nothing here has been validated beyond what
// the parser checks (types, required flags, conflicts).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace aviso::cli {

enum class ColorMode { Auto, Always, Never };

struct GlobalOptions {
  std::optional<std::string> config;
  std::optional<std::string> state_file;
  std::optional<std::string> base_url;
  std::optional<std::string> token;
  std::optional<std::string> username;
  std::optional<std::string> password;
  std::vector<std::string> ca_bundle;
  bool danger_accept_invalid_certs = false;
  bool json = false;
  ColorMode color = ColorMode::Never;
  int verbose = 0;
};

enum class CommandId {
  Notify,
  Listen,
  Replay,
  SchemaList,
  SchemaGet,
  AdminWipeStream,
  AdminWipeAll,
  AdminDelete,
  ConfigDump,
  Completions,
};

// --event with --identifiers JSON or repeated --identifier (listen, replay).
struct InlineListenerArgs {
  std::optional<std::string> event;
  std::optional<std::string> identifiers_json;
  std::vector<std::string> identifier_entries;
};

struct NotifyArgs {
  std::string parameters;
  std::vector<std::string> identifier_entries;
};

struct ListenArgs {
  std::vector<std::string> listener_files;
  bool no_state_store = false;
  std::optional<std::string> from;
  std::string startup_timeout = "30s";
  InlineListenerArgs inline_listener;
};

struct ReplayArgs {
  std::vector<std::string> listener_files;
  std::optional<std::string> listener;
  std::string from;
  std::optional<std::string> until;
  InlineListenerArgs inline_listener;
};

struct AdminArgs {
  std::string target;  // the event type (wipe-stream) or notification id (delete)
  bool yes = false;
};

struct Invocation {
  GlobalOptions global;
  CommandId command = CommandId::Notify;
  NotifyArgs notify;
  ListenArgs listen;
  ReplayArgs replay;
  std::string schema_event_type;
  AdminArgs admin;
  bool redact = false;
  std::string shell;
};

}  // namespace aviso::cli
