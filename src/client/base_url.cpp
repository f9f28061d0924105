#include "client/base_url.hpp"

#include <cstdio>

#include "aviso/error.hpp"
#include "http/url.hpp"

namespace aviso::client {

std::string normalize_base_url(const std::string& url) {
  std::string why;
  const std::optional<http::Url> parsed = http::Url::parse(url, &why);
  if (!parsed) throw Error::config("invalid base_url: " + why);
  if (parsed->scheme != "http" && parsed->scheme != "https") {
    throw Error::config("base_url must use http or https");
  }
  std::string out = parsed->scheme + "://";
  if (!parsed->user.empty()) {
    out += parsed->user;
    if (!parsed->password.empty()) out += ":" + parsed->password;
    out += "@";
  }
  out += parsed->host;
  if (parsed->port) out += ":" + std::to_string(*parsed->port);
  out += parsed->path;
  if (out.back() != '/') out += '/';
  return out;
}

std::string path_segment(const std::string& value, const char* what) {
  if (value.empty()) throw Error::config(std::string(what) + " must not be empty");
  if (value == "." || value == ".." || value.find('/') != std::string::npos ||
      value.find('\\') != std::string::npos) {
    throw Error::config(std::string(what) + " '" + value +
                        "' is not a single path segment (no '/', '.' or '..')");
  }
  std::string out;
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    const bool safe = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                      (byte >= '0' && byte <= '9') ||
                      std::string_view("-._~@:!$&'()*+,;=").find(c) != std::string_view::npos;
    if (safe) {
      out += c;
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", byte);
      out += escaped;
    }
  }
  return out;
}

}  // namespace aviso::client
