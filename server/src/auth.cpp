#include "auth.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <stdexcept>

namespace aviso::server {

namespace {

std::string line_of(const YAML::Node& node) {
  return " (line " + std::to_string(node.Mark().line + 1) + ")";
}

User load_user(const YAML::Node& node, const std::string& where, std::string& password,
               bool needs_password) {
  if (!node.IsMap())
    throw std::runtime_error(where + ": expected {username, realm, roles}" + line_of(node));
  User user;
  try {
    if (node["username"]) user.username = node["username"].as<std::string>();
    if (node["realm"]) user.realm = node["realm"].as<std::string>();
    if (node["roles"]) user.roles = node["roles"].as<std::vector<std::string>>();
    if (node["password"]) password = node["password"].as<std::string>();
  } catch (const YAML::Exception&) {
    throw std::runtime_error(where + ": username, realm and password are strings, roles a list" +
                             line_of(node));
  }
  if (needs_password && !node["password"])
    throw std::runtime_error(where + ": missing password" + line_of(node));
  return user;
}

std::string decode_base64(std::string_view text, bool& ok) {
  auto value_of = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  ok = true;
  std::size_t i = 0;
  for (; i < text.size() && text[i] != '='; ++i) {
    const int v = value_of(text[i]);
    if (v < 0) {
      ok = false;
      return {};
    }
    buffer = (buffer << 6U) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> static_cast<unsigned>(bits)) & 0xFFU));
    }
  }
  for (; i < text.size(); ++i) {
    if (text[i] != '=') ok = false;
  }
  return out;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return to_lower_ascii(a) == to_lower_ascii(b);
}

}  // namespace

AuthTable load_auth_file(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw std::runtime_error("cannot read auth file " + path);
  } catch (const YAML::Exception& error) {
    throw std::runtime_error(path + ": invalid YAML: " + error.what());
  }
  if (!root.IsMap()) throw std::runtime_error(path + ": expected a mapping at the top level");
  AuthTable table;
  for (const auto& entry : root) {
    const auto key = entry.first.as<std::string>();
    if (key != "mode" && key != "admin_roles" && key != "bearer_tokens" && key != "basic_users") {
      throw std::runtime_error(path + ": unknown key '" + key +
                               "' (expected mode, admin_roles, bearer_tokens, basic_users)" +
                               line_of(entry.first));
    }
  }
  if (root["mode"]) {
    const auto mode = root["mode"].as<std::string>();
    if (mode != "direct" && mode != "trusted_proxy") {
      throw std::runtime_error(path + ": mode must be direct or trusted_proxy" +
                               line_of(root["mode"]));
    }
    table.direct_mode = mode == "direct";
  }
  if (const YAML::Node admins = root["admin_roles"]) {
    try {
      table.admin_roles = admins.as<RoleMap>();
    } catch (const YAML::Exception&) {
      throw std::runtime_error(path + ": admin_roles must map realms to lists of roles" +
                               line_of(admins));
    }
  }
  if (const YAML::Node tokens = root["bearer_tokens"]) {
    for (const auto& entry : tokens) {
      std::string unused;
      const auto token = entry.first.as<std::string>();
      table.bearer_tokens[token] =
          load_user(entry.second, path + ": bearer_tokens." + token, unused, false);
    }
  }
  if (const YAML::Node users = root["basic_users"]) {
    for (const auto& entry : users) {
      std::string password;
      const auto name = entry.first.as<std::string>();
      User user = load_user(entry.second, path + ": basic_users." + name, password, true);
      if (user.username.empty()) user.username = name;
      table.basic_users[name] = {password, user};
    }
  }
  return table;
}

Credential authenticate(const AuthTable& table, std::optional<std::string_view> authorization) {
  Credential credential;
  if (!authorization) return credential;
  const std::string_view header = *authorization;
  const auto space = header.find(' ');
  const std::string_view scheme = header.substr(0, space);
  std::string_view value =
      space == std::string_view::npos ? std::string_view{} : header.substr(space + 1);
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);

  const bool bearer = equals_ignoring_case(scheme, "bearer");
  const bool basic = equals_ignoring_case(scheme, "basic") && table.direct_mode;
  if (!bearer && !basic) {
    credential.state = Credential::State::Malformed;
    credential.problem = table.direct_mode ? "Authorization header must use Bearer or Basic scheme"
                                           : "Authorization header must use Bearer scheme";
    return credential;
  }
  if (value.empty()) {
    credential.state = Credential::State::Malformed;
    credential.problem = "Authorization header has an empty credential";
    return credential;
  }

  credential.state = Credential::State::Invalid;
  credential.problem = "Invalid or expired token";
  if (bearer) {
    const auto it = table.bearer_tokens.find(std::string(value));
    if (it != table.bearer_tokens.end()) {
      credential.state = Credential::State::Valid;
      credential.user = it->second;
    }
    return credential;
  }
  bool decoded_ok = false;
  const std::string pair = decode_base64(value, decoded_ok);
  const auto colon = pair.find(':');
  if (!decoded_ok || colon == std::string::npos) return credential;
  const auto it = table.basic_users.find(pair.substr(0, colon));
  if (it != table.basic_users.end() && it->second.first == pair.substr(colon + 1)) {
    credential.state = Credential::State::Valid;
    credential.user = it->second.second;
  }
  return credential;
}

bool matches_roles(const User& user, const RoleMap& roles) {
  if (roles.empty()) return true;
  const auto it = roles.find(user.realm);
  if (it == roles.end()) return false;
  for (const auto& role : it->second) {
    if (role == "*") return true;
    if (std::find(user.roles.begin(), user.roles.end(), role) != user.roles.end()) return true;
  }
  return false;
}

}  // namespace aviso::server
