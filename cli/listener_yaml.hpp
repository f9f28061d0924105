// Listener lists in YAML: the `listeners:` block of a listener file or of the config file
// (surfaces.md 1.6, triggers-auth-config.md 7).
//
// Strict on purpose: an unknown key anywhere, an unknown trigger `type`, a missing required
// field, a value of the wrong type, both from_id and from_date, a from_date in a form the server
// does not take, and a lowercase HTTP method are all errors that name the file, the line and
// the key. They are runtime errors (exit 1), like any unreadable file.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "listener_spec.hpp"
#include "yaml_source.hpp"

namespace aviso::cli {

// Reads the value of a `listeners:` key (a list, or null for none).
std::vector<ListenerSpec> read_listener_list(const YAML::Node& listeners, const YamlSource& source);

// Reads a listener file: a mapping whose only key is `listeners:`. An empty file has none.
std::vector<ListenerSpec> load_listener_file(const std::string& path);

// The same for a listener document already in memory; `name` stands for the file in messages.
std::vector<ListenerSpec> parse_listener_document(const std::string& text, const std::string& name);

// Reads each file in order and concatenates their listeners.
std::vector<ListenerSpec> load_listener_files(const std::vector<std::string>& paths);

// Whether `text` is a from_date the YAML accepts: YYYY-MM-DDTHH:MM:SSZ,
// YYYY-MM-DDTHH:MM:SS.<digits>Z or YYYY-MM-DD HH:MM:SS+HH:MM (also -HH:MM), with a real date.
bool is_listener_from_date(const std::string& text);

}  // namespace aviso::cli
