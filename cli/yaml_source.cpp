#include "yaml_source.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "command_error.hpp"
#include "text.hpp"

namespace aviso::cli {
namespace {

std::string mark_text(const std::string& name, const YAML::Mark& mark) {
  if (mark.is_null()) return name;
  return name + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

bool is_plain(const YAML::Node& node) { return node.Tag() == "?"; }

std::optional<bool> yaml_bool(const std::string& text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return std::nullopt;
}

bool yaml_null(const std::string& text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

std::string describe_node_type(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
      return "nothing (null)";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    default:
      return "`" + node.Scalar() + "`";
  }
}

}  // namespace

std::string YamlSource::location(const YAML::Node& node) const {
  return mark_text(name_, node.Mark());
}

void YamlSource::fail(const YAML::Node& node, const std::string& message) const {
  throw CommandError::runtime(location(node) + ": " + message);
}

void YamlSource::expect_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                             const std::string& what) const {
  if (!map.IsMap()) fail(map, what + " must be a mapping, got " + describe_node_type(map));
  std::set<std::string> seen;
  for (const auto& item : map) {
    if (!item.first.IsScalar()) fail(item.first, what + " has a key that is not a name");
    const std::string key = item.first.Scalar();
    bool known = false;
    for (auto name : allowed) known = known || name == key;
    if (!known) {
      std::vector<std::string> names;
      for (auto name : allowed) names.emplace_back("`" + std::string(name) + "`");
      fail(item.first,
           "unknown key `" + key + "` in " + what + "; expected one of " + join(names, ", "));
    }
    if (!seen.insert(key).second) fail(item.first, "key `" + key + "` appears twice in " + what);
  }
}

std::string YamlSource::string_value(const YAML::Node& node, const std::string& key) const {
  if (!node.IsScalar()) {
    fail(node, "`" + key + "` must be a string, got " + describe_node_type(node));
  }
  return node.Scalar();
}

bool YamlSource::bool_value(const YAML::Node& node, const std::string& key) const {
  if (node.IsScalar() && is_plain(node)) {
    if (auto value = yaml_bool(node.Scalar())) return *value;
  }
  fail(node, "`" + key + "` must be true or false, got " + describe_node_type(node));
}

std::uint64_t YamlSource::unsigned_value(const YAML::Node& node, const std::string& key,
                                         std::uint64_t max) const {
  if (node.IsScalar() && is_plain(node)) {
    const std::string& text = node.Scalar();
    std::uint64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (!text.empty() && error == std::errc() && end == text.data() + text.size() && value <= max) {
      return value;
    }
    if (error == std::errc::result_out_of_range || (error == std::errc() && value > max)) {
      fail(node, "`" + key + "` is too large: " + text + " (max " + std::to_string(max) + ")");
    }
  }
  fail(node, "`" + key + "` must be a non-negative integer, got " + describe_node_type(node));
}

nlohmann::json YamlSource::to_json(const YAML::Node& node) const {
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return nullptr;
    case YAML::NodeType::Sequence: {
      auto array = nlohmann::json::array();
      for (const auto& item : node) array.push_back(to_json(item));
      return array;
    }
    case YAML::NodeType::Map: {
      auto object = nlohmann::json::object();
      for (const auto& item : node) {
        if (!item.first.IsScalar()) fail(item.first, "a mapping key must be a plain name");
        object[item.first.Scalar()] = to_json(item.second);
      }
      return object;
    }
    case YAML::NodeType::Scalar:
      break;
  }
  const std::string& text = node.Scalar();
  if (!is_plain(node)) return text;  // quoted or explicitly tagged: the text itself
  if (yaml_null(text)) return nullptr;
  if (auto value = yaml_bool(text)) return *value;
  try {
    // JSON's number grammar is a subset of YAML's plain numbers; anything it accepts is a
    // number in both.
    auto number = nlohmann::json::parse(text);
    if (number.is_number()) return number;
  } catch (const nlohmann::json::parse_error&) {
  }
  return text;
}

YAML::Node parse_yaml_text(const std::string& text, const std::string& name) {
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& error) {
    throw CommandError::runtime(mark_text(name, error.mark) + ": invalid YAML: " + error.msg)
        .at(name);
  }
}

YAML::Node load_yaml_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw CommandError::runtime("cannot read " + path + ": " + std::strerror(errno)).at(path);
  }
  std::stringstream text;
  text << in.rdbuf();
  return parse_yaml_text(text.str(), path);
}

}  // namespace aviso::cli
