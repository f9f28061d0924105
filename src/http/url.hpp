// A parsed absolute URL, backed by libcurl's URL parser so the transport and the checks made on
// an address (origin, loopback, userinfo) agree on how it reads.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace aviso::http {

struct Url {
  std::string scheme;  // lowercase
  std::string user;
  std::string password;
  std::string host;  // as written; IPv6 literals keep their brackets
  std::optional<int> port;
  std::string path;   // starts with '/'
  std::string query;  // without '?'

  // Parses an absolute http/https (or any scheme) URL. std::nullopt when it does not parse;
  // `why` receives libcurl's reason when given.
  static std::optional<Url> parse(std::string_view text, std::string* why = nullptr);

  // The port a connection would use: the explicit one, else 80/443 by scheme.
  int effective_port() const;
  // scheme://host[:port] with the port only when explicit.
  std::string origin() const;
  // The full URL without user:password@.
  std::string without_userinfo() const;
  // localhost, *.localhost, 127.0.0.0/8 and ::1.
  bool host_is_loopback() const;
};

// Same scheme, host (case-insensitive) and effective port.
bool same_origin(const Url& a, const Url& b);

}  // namespace aviso::http
