#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema.hpp"

namespace aviso::server {

struct User {
  std::string username;
  std::string realm;
  std::vector<std::string> roles;
};

// The static credential table of --auth-file, standing in for auth-o-tron (protocol section 5):
//   mode: direct              # or trusted_proxy (Bearer only, no Basic challenge)
//   admin_roles: {localrealm: [admin]}
//   bearer_tokens: {<token>: {username: u, realm: r, roles: [..]}}
//   basic_users:   {<name>: {password: p, realm: r, roles: [..]}}
struct AuthTable {
  bool direct_mode = true;
  RoleMap admin_roles;
  std::map<std::string, User> bearer_tokens;
  std::map<std::string, std::pair<std::string, User>> basic_users;  // name -> (password, user)
};

// Throws std::runtime_error naming the file, key and line of the first mistake.
AuthTable load_auth_file(const std::string& path);

// What an Authorization header amounts to.
struct Credential {
  enum class State { Absent, Malformed, Invalid, Valid };
  State state = State::Absent;
  std::string problem;  // for Malformed/Invalid: the 401 message
  std::optional<User> user;
};

Credential authenticate(const AuthTable& table, std::optional<std::string_view> authorization);

// realm/role rule of section 5: an empty map matches everyone; "*" matches any role of the realm.
bool matches_roles(const User& user, const RoleMap& roles);

}  // namespace aviso::server
