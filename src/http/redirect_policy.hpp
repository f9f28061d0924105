// How a request changes when the server answers with a redirect. Redirects are followed by the
// transport itself rather than by curl, so that the Authorization header (a custom header, which
// CURLOPT_UNRESTRICTED_AUTH does not govern) leaves only with a same-origin hop.
#pragma once

#include <optional>
#include <string>

#include "http/http_message.hpp"

namespace aviso::http {

inline constexpr int kDefaultMaxRedirects = 10;

bool is_redirect_status(long status);

// The request to send for a redirect answered with `status`, pointing at the absolute URL
// `location`. 303 (and 301/302 after a POST) become a GET without a body, as browsers and the
// reference client do; 307/308 repeat the method and body. Authorization is removed when the
// target's scheme, host or port differs from the current request's. std::nullopt when `location`
// is not an http(s) URL.
std::optional<Request> redirected_request(const Request& current, long status,
                                          const std::string& location);

}  // namespace aviso::http
