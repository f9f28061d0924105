// Reading YAML files with errors that say where: every problem names the file, the line and the
// column (1-based), as "<file>:<line>:<column>: <what>".
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace aviso::cli {

class YamlSource {
 public:
  // `name` is what messages call the document: usually the file path.
  explicit YamlSource(std::string name) : name_(std::move(name)) {}

  const std::string& name() const noexcept { return name_; }
  std::string location(const YAML::Node& node) const;  // "<name>:<line>:<column>"

  // Throws CommandError (runtime) "<location>: <message>".
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const;

  // Checks that `map` is a mapping whose keys are all in `allowed` and appear once each;
  // `what` names the mapping in messages ("listener", "trigger of type `log`").
  void expect_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                   const std::string& what) const;

  // Scalar readers; each fails with the key's location and the expected type.
  std::string string_value(const YAML::Node& node, const std::string& key) const;
  bool bool_value(const YAML::Node& node, const std::string& key) const;
  std::uint64_t unsigned_value(const YAML::Node& node, const std::string& key,
                               std::uint64_t max) const;

  // A JSON-compatible YAML value as JSON: plain scalars are typed (null, bool, integer, float,
  // else string), quoted scalars are strings, sequences arrays, mappings objects.
  nlohmann::json to_json(const YAML::Node& node) const;

 private:
  std::string name_;
};

// Loads a whole YAML file. A missing or unreadable file and a syntax error are CommandError
// (runtime) naming the file (and, for syntax, the line and column).
YAML::Node load_yaml_file(const std::string& path);

// The same for YAML text already in memory; `name` stands for the file in messages.
YAML::Node parse_yaml_text(const std::string& text, const std::string& name);

}  // namespace aviso::cli
