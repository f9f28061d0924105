#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "auth/credentials_yaml.hpp"
#include "aviso/auth.hpp"
#include "aviso/error.hpp"

namespace aviso::auth {
namespace {

void reject_unknown_keys(const YAML::Node& map, std::initializer_list<const char*> allowed,
                         const std::string& where) {
  for (const auto& entry : map) {
    const std::string key = entry.first.as<std::string>();
    bool known = false;
    for (const char* name : allowed) known = known || key == name;
    if (!known) throw std::invalid_argument("unknown key '" + key + "'" + where);
  }
}

std::string string_field(const YAML::Node& map, const char* key, const std::string& section) {
  const YAML::Node value = map[key];
  if (!value || value.IsNull()) return "";
  if (!value.IsScalar()) throw std::invalid_argument(section + "." + key + " must be a string");
  return value.as<std::string>();
}

}  // namespace

std::shared_ptr<AuthProvider> parse_credentials_yaml(const std::string& text) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& error) {
    throw std::invalid_argument(std::string("invalid YAML: ") + error.what());
  }
  if (root.IsNull()) throw std::invalid_argument("has neither 'bearer' nor 'basic' section");
  if (!root.IsMap()) throw std::invalid_argument("must be a YAML mapping");
  reject_unknown_keys(root, {"bearer", "basic"}, " (expected 'bearer' or 'basic')");
  const YAML::Node bearer = root["bearer"];
  const YAML::Node basic = root["basic"];
  if (bearer && basic) {
    throw std::invalid_argument("has both 'bearer' and 'basic' sections; only one is allowed");
  }
  if (bearer) {
    if (!bearer.IsMap()) throw std::invalid_argument("'bearer' must be a mapping with 'token'");
    reject_unknown_keys(bearer, {"token"}, " in 'bearer' (expected 'token')");
    const std::string token = string_field(bearer, "token", "bearer");
    if (token.empty()) throw std::invalid_argument("bearer.token must not be empty");
    return std::make_shared<Bearer>(token);
  }
  if (basic) {
    if (!basic.IsMap()) {
      throw std::invalid_argument("'basic' must be a mapping with 'username' and 'password'");
    }
    reject_unknown_keys(basic, {"username", "password"},
                        " in 'basic' (expected 'username' and 'password')");
    const std::string username = string_field(basic, "username", "basic");
    if (username.empty()) throw std::invalid_argument("basic.username must not be empty");
    return std::make_shared<Basic>(username, string_field(basic, "password", "basic"));
  }
  throw std::invalid_argument("has neither 'bearer' nor 'basic' section");
}

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(std::strerror(errno));
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) throw std::runtime_error(std::strerror(errno));
  return content.str();
}

ConfigFile::ConfigFile(std::string path) : path_(std::move(path)) {
  std::string text;
  try {
    text = read_text_file(*path_);
  } catch (const std::runtime_error& error) {
    throw Error::config("read auth file " + *path_ + ": " + error.what());
  }
  try {
    current_ = parse_credentials_yaml(text);
  } catch (const std::invalid_argument& error) {
    throw Error::config("auth file " + *path_ + ": " + error.what());
  }
}

std::shared_ptr<ConfigFile> ConfigFile::from_string(const std::string& yaml) {
  std::shared_ptr<ConfigFile> provider(new ConfigFile());
  try {
    provider->current_ = parse_credentials_yaml(yaml);
  } catch (const std::invalid_argument& error) {
    throw Error::config(std::string("auth file: ") + error.what());
  }
  return provider;
}

std::string ConfigFile::authorization_header() {
  std::shared_ptr<AuthProvider> current;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    current = current_;
  }
  return current->authorization_header();
}

void ConfigFile::refresh() {
  if (!path_) return;
  struct RefreshingFlag {
    ConfigFile& self;
    explicit RefreshingFlag(ConfigFile& s) : self(s) {
      std::lock_guard<std::mutex> lock(self.mutex_);
      self.refreshing_ = true;
    }
    ~RefreshingFlag() {
      std::lock_guard<std::mutex> lock(self.mutex_);
      self.refreshing_ = false;
    }
  } flag(*this);
  std::string text;
  try {
    text = read_text_file(*path_);
  } catch (const std::runtime_error& error) {
    throw Error::auth("refresh read " + *path_ + ": " + error.what());
  }
  std::shared_ptr<AuthProvider> fresh;
  try {
    fresh = parse_credentials_yaml(text);
  } catch (const std::invalid_argument& error) {
    throw Error::auth("refresh parse " + *path_ + ": " + error.what());
  } catch (const Error& error) {
    throw Error::auth("refresh parse " + *path_ + ": " + error.what());
  }
  std::lock_guard<std::mutex> lock(mutex_);
  current_ = std::move(fresh);
}

std::string ConfigFile::kind() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return refreshing_ ? "file" : current_->kind();
}

}  // namespace aviso::auth
