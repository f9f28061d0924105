// The environment a command trigger's child sees (spec triggers-auth-config.md 4, step 4).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aviso/notification.hpp"

namespace aviso::trigger {

// "AVISO_IDENTIFIER_" + the key with ASCII letters uppercased, digits kept and every other
// byte replaced by '_' ("country-code" -> "AVISO_IDENTIFIER_COUNTRY_CODE").
std::string identifier_variable(std::string_view key);

// Parent environment minus the client's credentials and minus the variables the command
// template read (so a secret used in the command line is not also handed over), then the
// AVISO_* variables, then the trigger's own env map (which may re-add anything on purpose).
// Throws nlohmann::json::exception when the notification cannot be serialised.
std::map<std::string, std::string> command_environment(
    char** parent, const std::vector<std::string>& template_env_names,
    const Notification& notification,
    const std::vector<std::pair<std::string, std::string>>& user_env);

}  // namespace aviso::trigger
