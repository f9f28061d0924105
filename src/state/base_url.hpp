// Base URL normalisation for resume keys (spec watch-and-state 4.2): the text the reference builds
// from a WHATWG-parsed URL, so equal servers give equal keys whatever the spelling.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace aviso::state {

class InvalidBaseUrl : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// scheme "://" host [":" port] path, where
// - scheme and host are lowercased; an IPv6 host is bracketed in compressed form ([::1]);
// - the port is dropped when absent or default (80 for http, 443 for https);
// - userinfo, query and fragment are dropped;
// - dot segments are resolved, the path is percent-encoded as WHATWG does, and empty is "/".
// Known difference from WHATWG: a non-ASCII host is not converted to punycode; write it in its
// punycode form. Throws InvalidBaseUrl for text that is not an absolute URL.
std::string normalize_base_url(std::string_view url);

}  // namespace aviso::state
