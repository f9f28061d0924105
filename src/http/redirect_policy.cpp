#include "http/redirect_policy.hpp"

#include <algorithm>
#include <cctype>

#include "http/url.hpp"

namespace aviso::http {
namespace {

bool iequals(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_body_header(const std::string& name) {
  return iequals(name, "Content-Type") || iequals(name, "Content-Length");
}

}  // namespace

bool is_redirect_status(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

std::optional<Request> redirected_request(const Request& current, long status,
                                          const std::string& location) {
  const std::optional<Url> target = Url::parse(location);
  if (!target || (target->scheme != "http" && target->scheme != "https")) return std::nullopt;
  const std::optional<Url> origin = Url::parse(current.url);

  Request next = current;
  next.url = location;
  const bool becomes_get = (status == 303 && current.method != "HEAD") ||
                           ((status == 301 || status == 302) && current.method == "POST");
  if (becomes_get) {
    next.method = "GET";
    next.body.clear();
    next.headers.erase(std::remove_if(next.headers.begin(), next.headers.end(),
                                      [](const Header& h) { return is_body_header(h.name); }),
                       next.headers.end());
  }
  if (!origin || !same_origin(*origin, *target)) {
    next.headers.erase(std::remove_if(next.headers.begin(), next.headers.end(),
                                      [](const Header& h) {
                                        return iequals(h.name, "Authorization") ||
                                               iequals(h.name, "Cookie");
                                      }),
                       next.headers.end());
  }
  return next;
}

}  // namespace aviso::http
