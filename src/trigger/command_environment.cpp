#include "trigger/command_environment.hpp"

#include <array>

namespace aviso::trigger {
namespace {

constexpr std::array<std::string_view, 3> kCredentialVariables = {"AVISO_TOKEN", "AVISO_USERNAME",
                                                                  "AVISO_PASSWORD"};

}  // namespace

std::string identifier_variable(std::string_view key) {
  std::string name = "AVISO_IDENTIFIER_";
  for (char c : key) {
    if (c >= 'a' && c <= 'z') {
      name.push_back(static_cast<char>(c - 'a' + 'A'));
    } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      name.push_back(c);
    } else {
      name.push_back('_');
    }
  }
  return name;
}

std::map<std::string, std::string> command_environment(
    char** parent, const std::vector<std::string>& template_env_names,
    const Notification& notification,
    const std::vector<std::pair<std::string, std::string>>& user_env) {
  std::map<std::string, std::string> env;
  for (char** entry = parent; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const std::size_t equals = text.find('=');
    if (equals == std::string_view::npos) continue;
    env.emplace(std::string(text.substr(0, equals)), std::string(text.substr(equals + 1)));
  }
  for (std::string_view name : kCredentialVariables) env.erase(std::string(name));
  for (const std::string& name : template_env_names) env.erase(name);

  env["AVISO_EVENT_TYPE"] = notification.event_type();
  env["AVISO_SEQUENCE"] = std::to_string(notification.sequence());
  if (notification.identifier().is_object()) {
    for (const auto& [key, value] : notification.identifier().items()) {
      env[identifier_variable(key)] = value.is_string() ? value.get<std::string>() : value.dump();
    }
  }
  env["AVISO_PAYLOAD_JSON"] = notification.payload().dump();
  env["AVISO_NOTIFICATION_JSON"] = notification.to_json();

  for (const auto& [key, value] : user_env) env[key] = value;
  return env;
}

}  // namespace aviso::trigger
