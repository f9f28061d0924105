// The client's base URL and the API paths joined to it. A path prefix is kept, so a server
// behind a reverse proxy at https://gw.example.org/aviso/ works unchanged.
#pragma once

#include <string>

namespace aviso::client {

// Parses and normalises: http or https only, a trailing '/' added to the path, any query
// dropped. Throws Error::config ("invalid base_url: ...", "base_url must use http or https").
std::string normalize_base_url(const std::string& url);

// An identifier used as one path segment (event type, notification id): non-empty, no '/',
// not "." or "..". Characters outside the path-safe set are percent-encoded. Throws
// Error::config naming `what`.
std::string path_segment(const std::string& value, const char* what);

}  // namespace aviso::client
