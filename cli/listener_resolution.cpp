#include "listener_resolution.hpp"

#include <filesystem>

#include "command_error.hpp"
#include "identifier_entries.hpp"
#include "listener_yaml.hpp"
#include "text.hpp"

namespace aviso::cli {
namespace {

std::string absolute(const std::string& path) {
  std::error_code ignored;
  auto full = std::filesystem::absolute(path, ignored);
  return ignored ? path : full.lexically_normal().string();
}

std::vector<ListenerSpec> from_files_or_config(const std::vector<std::string>& files,
                                               const std::vector<ListenerSpec>& configured) {
  if (files.empty()) return configured;
  return load_listener_files(files);
}

CommandError no_listeners(const std::string& command, const std::vector<std::string>& files,
                          const std::string& config_path) {
  auto error = CommandError::usage("no listeners to run");
  if (files.empty()) {
    error.at((config_path.empty() ? std::string("<no config file>") : config_path) +
             " (its `listeners:` block resolved to 0 entries: absent, empty or commented out)");
    error.suggest("pass listener YAML files as arguments (`aviso " + command +
                  " my_listeners.yaml`), add a `listeners:` block to the config file, or use "
                  "--event with --identifiers for an ad-hoc listener");
  } else {
    for (const auto& file : files) error.at(absolute(file) + " (resolved to 0 entries)");
    error.suggest(
        "give each listener file a non-empty `listeners:` list, or drop the file "
        "arguments to use the config's `listeners:`");
  }
  return error;
}

}  // namespace

std::optional<ListenerSpec> resolve_inline_listener(const InlineListenerArgs& args) {
  const bool has_source = args.identifiers_json || !args.identifier_entries.empty();
  if (args.identifiers_json && !args.identifier_entries.empty()) {
    throw CommandError::usage(
        "--identifiers and --identifier cannot be combined; give the filter "
        "as one JSON object or as repeated entries");
  }
  if (!args.event) {
    if (has_source) {
      throw CommandError::usage(
          std::string(args.identifiers_json ? "--identifiers" : "--identifier") +
          " needs --event <TYPE>: it filters an ad-hoc listener");
    }
    return std::nullopt;
  }
  if (!has_source) {
    throw CommandError::usage(
        "--event needs --identifiers <JSON> or --identifier KEY=VALUE (use "
        "--identifiers '{}' to match every notification of the event type)");
  }
  if (args.event->empty()) throw CommandError::usage("--event must not be empty");

  ListenerSpec spec;
  spec.name = "ad-hoc";
  spec.event = *args.event;
  spec.origin = "command line";
  spec.triggers.emplace_back(EchoTriggerConfig{});
  if (args.identifiers_json) {
    nlohmann::json parsed;
    try {
      parsed = parse_strict_json(*args.identifiers_json);
    } catch (const nlohmann::json::parse_error& error) {
      throw CommandError::usage(
          "--identifiers is not valid JSON; expected an object like "
          "'{\"class\":\"od\"}'")
          .caused_by(error.what());
    }
    if (!parsed.is_object()) {
      throw CommandError::usage(
          "--identifiers must be a JSON object like '{\"class\":\"od\"}', got " +
          *args.identifiers_json);
    }
    spec.identifiers = std::move(parsed);
  } else {
    merge_identifier_entries(spec.identifiers, parse_identifier_entries(args.identifier_entries),
                             "--identifiers");
  }
  return spec;
}

std::vector<ListenerSpec> resolve_listen_listeners(const ListenArgs& args,
                                                   const std::vector<ListenerSpec>& configured,
                                                   const std::string& config_path,
                                                   const std::optional<Position>& from) {
  std::vector<ListenerSpec> listeners;
  if (auto inline_listener = resolve_inline_listener(args.inline_listener)) {
    listeners.push_back(std::move(*inline_listener));
  } else {
    listeners = from_files_or_config(args.listener_files, configured);
  }
  if (listeners.empty()) throw no_listeners("listen", args.listener_files, config_path);
  if (from) {
    for (auto& listener : listeners) {
      listener.from_id.reset();
      listener.from_date.reset();
      if (from->kind == Position::Kind::Sequence) {
        listener.from_id = from->sequence;
      } else {
        listener.from_date = from->date;
      }
    }
  }
  return listeners;
}

ListenerSpec resolve_replay_listener(const ReplayArgs& args,
                                     const std::vector<ListenerSpec>& configured,
                                     const std::string& config_path) {
  if (auto inline_listener = resolve_inline_listener(args.inline_listener)) {
    return std::move(*inline_listener);
  }
  std::vector<ListenerSpec> candidates = from_files_or_config(args.listener_files, configured);
  std::vector<std::string> names;
  for (const auto& candidate : candidates) names.push_back(candidate.display_name());
  if (args.listener) {
    for (auto& candidate : candidates) {
      if (candidate.name == *args.listener) return std::move(candidate);
    }
    auto error = CommandError::usage("no listener named `" + *args.listener +
                                     "` among the resolved listeners");
    if (!names.empty()) error.suggest("available names: " + join(names, ", "));
    throw error;
  }
  if (candidates.empty()) throw no_listeners("replay", args.listener_files, config_path);
  if (candidates.size() > 1) {
    throw CommandError::usage(std::to_string(candidates.size()) +
                              " listeners resolved; pass --listener <NAME> to pick one")
        .suggest("available names: " + join(names, ", "));
  }
  return std::move(candidates.front());
}

}  // namespace aviso::cli
