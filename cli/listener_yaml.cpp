#include "listener_yaml.hpp"

#include <limits>

#include "aviso/settings.hpp"
#include "calendar.hpp"
#include "command_error.hpp"
#include "text.hpp"

namespace aviso::cli {
namespace {

constexpr const char* kFromDateForms =
    "YYYY-MM-DDTHH:MM:SSZ, YYYY-MM-DDTHH:MM:SS.ffffffZ or \"YYYY-MM-DD HH:MM:SS+HH:MM\" (a bare "
    "date is not accepted here)";

bool digits(const std::string& text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

class ListenerReader {
 public:
  explicit ListenerReader(const YamlSource& source) : source_(source) {}

  ListenerSpec listener(const YAML::Node& node) const {
    source_.expect_keys(node, {"name", "event", "identifiers", "from_id", "from_date", "triggers"},
                        "listener");
    ListenerSpec spec;
    spec.origin = source_.location(node);
    if (!node["event"]) source_.fail(node, "listener is missing the required key `event`");
    spec.event = source_.string_value(node["event"], "event");
    if (spec.event.empty()) source_.fail(node["event"], "`event` must not be empty");
    if (auto name = node["name"]; name && !name.IsNull()) {
      spec.name = source_.string_value(name, "name");
    }
    if (auto identifiers = node["identifiers"]; identifiers && !identifiers.IsNull()) {
      if (!identifiers.IsMap()) {
        source_.fail(identifiers, "`identifiers` must be a mapping of field: value");
      }
      spec.identifiers = source_.to_json(identifiers);
    }
    const auto from_id = node["from_id"];
    const auto from_date = node["from_date"];
    if (from_id && !from_id.IsNull() && from_date && !from_date.IsNull()) {
      source_.fail(from_date, "`from_id` and `from_date` are mutually exclusive; keep one of them");
    }
    if (from_id && !from_id.IsNull()) {
      spec.from_id =
          source_.unsigned_value(from_id, "from_id", std::numeric_limits<std::uint64_t>::max());
    }
    if (from_date && !from_date.IsNull()) {
      const std::string text = source_.string_value(from_date, "from_date");
      if (!is_listener_from_date(text)) {
        source_.fail(from_date, "`from_date` value `" + text + "` is not one of " + kFromDateForms);
      }
      spec.from_date = text;
    }
    if (auto triggers = node["triggers"]; triggers && !triggers.IsNull()) {
      if (!triggers.IsSequence()) source_.fail(triggers, "`triggers` must be a list");
      for (const auto& trigger : triggers) spec.triggers.push_back(this->trigger(trigger));
    }
    return spec;
  }

 private:
  TriggerConfig trigger(const YAML::Node& node) const {
    if (!node.IsMap()) source_.fail(node, "a trigger must be a mapping with a `type` key");
    const auto type_node = node["type"];
    if (!type_node) source_.fail(node, "trigger is missing the required key `type`");
    const std::string type = source_.string_value(type_node, "type");
    const std::string what = "trigger of type `" + type + "`";
    if (type == "echo") {
      source_.expect_keys(node, {"type", "retries", "required"}, what);
      return EchoTriggerConfig{common(node, false)};
    }
    if (type == "log") {
      source_.expect_keys(node, {"type", "path", "retries", "required"}, what);
      return LogTriggerConfig{common(node, false), required_string(node, "path", what)};
    }
    if (type == "command") {
      source_.expect_keys(
          node,
          {"type", "command", "env", "working_dir", "timeout", "retries", "required", "fail_fast"},
          what);
      CommandTriggerConfig config{
          common(node, true), required_string(node, "command", what), {}, {}};
      config.env = string_map(node["env"], "env");
      config.working_dir = optional_string(node["working_dir"], "working_dir");
      return config;
    }
    if (type == "webhook") {
      source_.expect_keys(node,
                          {"type", "url", "method", "headers", "body_template", "timeout",
                           "retries", "required", "fail_fast"},
                          what);
      WebhookTriggerConfig config{
          common(node, true), required_string(node, "url", what), "POST", {}, {}};
      if (auto method = node["method"]; method && !method.IsNull()) {
        config.method = source_.string_value(method, "method");
        if (config.method != "GET" && config.method != "POST" && config.method != "PUT" &&
            config.method != "PATCH" && config.method != "DELETE") {
          source_.fail(method, "unknown variant `" + config.method +
                                   "` for `method`, expected one of `GET`, `POST`, `PUT`, "
                                   "`PATCH`, `DELETE` (uppercase)");
        }
      }
      config.headers = string_map(node["headers"], "headers");
      config.body_template = optional_string(node["body_template"], "body_template");
      return config;
    }
    if (type == "teams") {
      source_.expect_keys(
          node, {"type", "url", "title_template", "timeout", "retries", "required", "fail_fast"},
          what);
      return TeamsTriggerConfig{common(node, true), required_string(node, "url", what),
                                optional_string(node["title_template"], "title_template")};
    }
    if (type == "post") {
      source_.expect_keys(
          node, {"type", "url", "headers", "timeout", "retries", "required", "fail_fast"}, what);
      return PostTriggerConfig{common(node, true), required_string(node, "url", what),
                               string_map(node["headers"], "headers")};
    }
    source_.fail(type_node, "unknown variant `" + type +
                                "` for trigger `type`, expected one of `echo`, `log`, `command`, "
                                "`webhook`, `teams`, `post`");
  }

  TriggerCommon common(const YAML::Node& node, bool has_timeout) const {
    TriggerCommon common;
    if (auto retries = node["retries"]) {
      common.retries = static_cast<std::uint32_t>(
          source_.unsigned_value(retries, "retries", std::numeric_limits<std::uint32_t>::max()));
    }
    if (auto required = node["required"]) {
      common.required = source_.bool_value(required, "required");
    }
    if (!has_timeout) return common;
    if (auto fail_fast = node["fail_fast"]) {
      common.fail_fast = source_.bool_value(fail_fast, "fail_fast");
    }
    if (auto timeout = node["timeout"]; timeout && !timeout.IsNull()) {
      const std::string text = source_.string_value(timeout, "timeout");
      try {
        common.timeout = aviso::parse_duration(text);
      } catch (const std::invalid_argument& error) {
        source_.fail(timeout, "`timeout` value `" + text + "` is not a duration (" + error.what() +
                                  "; examples: 30s, 500ms, 1m30s)");
      }
    }
    return common;
  }

  std::string required_string(const YAML::Node& node, const std::string& key,
                              const std::string& what) const {
    const auto value = node[key];
    if (!value || value.IsNull()) {
      source_.fail(node, what + " is missing the required key `" + key + "`");
    }
    std::string text = source_.string_value(value, key);
    if (text.empty()) source_.fail(value, "`" + key + "` must not be empty");
    return text;
  }

  std::optional<std::string> optional_string(const YAML::Node& value,
                                             const std::string& key) const {
    if (!value || value.IsNull()) return std::nullopt;
    return source_.string_value(value, key);
  }

  StringPairs string_map(const YAML::Node& value, const std::string& key) const {
    StringPairs pairs;
    if (!value || value.IsNull()) return pairs;
    if (!value.IsMap()) source_.fail(value, "`" + key + "` must be a mapping of name: value");
    for (const auto& item : value) {
      const std::string name = source_.string_value(item.first, key + " name");
      pairs.emplace_back(name, source_.string_value(item.second, key + "." + name));
    }
    return pairs;
  }

  const YamlSource& source_;
};

}  // namespace

bool is_listener_from_date(const std::string& text) {
  CivilDateTime when;
  if (text.size() < 20 || !digits(text, 0, 4, when.year) || text[4] != '-' ||
      !digits(text, 5, 2, when.month) || text[7] != '-' || !digits(text, 8, 2, when.day) ||
      !digits(text, 11, 2, when.hour) || text[13] != ':' || !digits(text, 14, 2, when.minute) ||
      text[16] != ':' || !digits(text, 17, 2, when.second)) {
    return false;
  }
  if (civil_date_time_problem(when)) return false;
  const std::string rest = text.substr(19);
  if (text[10] == 'T') {
    if (rest == "Z") return true;
    if (rest.size() < 3 || rest.front() != '.' || rest.back() != 'Z') return false;
    for (std::size_t i = 1; i + 1 < rest.size(); ++i) {
      if (rest[i] < '0' || rest[i] > '9') return false;
    }
    return true;
  }
  int offset_hours = 0;
  int offset_minutes = 0;
  return text[10] == ' ' && rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') &&
         digits(rest, 1, 2, offset_hours) && rest[3] == ':' && digits(rest, 4, 2, offset_minutes) &&
         offset_hours <= 23 && offset_minutes <= 59;
}

std::vector<ListenerSpec> read_listener_list(const YAML::Node& listeners,
                                             const YamlSource& source) {
  std::vector<ListenerSpec> specs;
  if (!listeners || listeners.IsNull()) return specs;
  if (!listeners.IsSequence()) source.fail(listeners, "`listeners` must be a list of listeners");
  ListenerReader reader(source);
  for (const auto& entry : listeners) specs.push_back(reader.listener(entry));
  return specs;
}

namespace {

std::vector<ListenerSpec> read_listener_document(const YAML::Node& document,
                                                 const std::string& name) {
  const YamlSource source(name);
  if (!document || document.IsNull()) return {};
  try {
    source.expect_keys(document, {"listeners"}, "listener file");
    return read_listener_list(document["listeners"], source);
  } catch (CommandError& error) {
    throw error.at(name);
  }
}

}  // namespace

std::vector<ListenerSpec> load_listener_file(const std::string& path) {
  return read_listener_document(load_yaml_file(path), path);
}

std::vector<ListenerSpec> parse_listener_document(const std::string& text,
                                                  const std::string& name) {
  return read_listener_document(parse_yaml_text(text, name), name);
}

std::vector<ListenerSpec> load_listener_files(const std::vector<std::string>& paths) {
  std::vector<ListenerSpec> all;
  for (const auto& path : paths) {
    auto specs = load_listener_file(path);
    all.insert(all.end(), std::make_move_iterator(specs.begin()),
               std::make_move_iterator(specs.end()));
  }
  return all;
}

}  // namespace aviso::cli
