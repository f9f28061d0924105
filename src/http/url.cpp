#include "http/url.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <memory>

namespace aviso::http {
namespace {

struct UrlHandleDeleter {
  void operator()(CURLU* handle) const noexcept { curl_url_cleanup(handle); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlHandleDeleter>;

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::optional<std::string> part(CURLU* handle, CURLUPart which) {
  char* value = nullptr;
  if (curl_url_get(handle, which, &value, 0) != CURLUE_OK || value == nullptr) {
    return std::nullopt;
  }
  std::string copy(value);
  curl_free(value);
  return copy;
}

bool is_ipv4_loopback(const std::string& host) {
  // 127.0.0.0/8 written as a dotted quad; curl normalises other IPv4 spellings to this form.
  int octets[4];
  char tail = 0;
  if (std::sscanf(host.c_str(), "%d.%d.%d.%d%c", &octets[0], &octets[1], &octets[2], &octets[3],
                  &tail) != 4) {
    return false;
  }
  for (int octet : octets) {
    if (octet < 0 || octet > 255) return false;
  }
  return octets[0] == 127;
}

}  // namespace

std::optional<Url> Url::parse(std::string_view text, std::string* why) {
  UrlHandle handle(curl_url());
  if (!handle) {
    if (why) *why = "out of memory";
    return std::nullopt;
  }
  const std::string owned(text);
  // NON_SUPPORT_SCHEME: the scheme check belongs to the caller, which names it in its error.
  const CURLUcode code =
      curl_url_set(handle.get(), CURLUPART_URL, owned.c_str(), CURLU_NON_SUPPORT_SCHEME);
  if (code != CURLUE_OK) {
    if (why) *why = curl_url_strerror(code);
    return std::nullopt;
  }
  Url url;
  url.scheme = lowercase(part(handle.get(), CURLUPART_SCHEME).value_or(""));
  url.user = part(handle.get(), CURLUPART_USER).value_or("");
  url.password = part(handle.get(), CURLUPART_PASSWORD).value_or("");
  url.host = part(handle.get(), CURLUPART_HOST).value_or("");
  if (auto port = part(handle.get(), CURLUPART_PORT)) url.port = std::stoi(*port);
  url.path = part(handle.get(), CURLUPART_PATH).value_or("/");
  if (url.path.empty()) url.path = "/";
  url.query = part(handle.get(), CURLUPART_QUERY).value_or("");
  if (url.host.empty()) {
    if (why) *why = "no host";
    return std::nullopt;
  }
  return url;
}

int Url::effective_port() const {
  if (port) return *port;
  if (scheme == "https") return 443;
  if (scheme == "http") return 80;
  return 0;
}

std::string Url::origin() const {
  std::string text = scheme + "://" + host;
  if (port) text += ":" + std::to_string(*port);
  return text;
}

std::string Url::without_userinfo() const {
  std::string text = origin() + path;
  if (!query.empty()) text += "?" + query;
  return text;
}

bool Url::host_is_loopback() const {
  const std::string name = lowercase(host);
  if (name == "localhost" || name == "[::1]" || name == "::1") return true;
  const std::string suffix = ".localhost";
  if (name.size() > suffix.size() &&
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
    return true;
  }
  return is_ipv4_loopback(name);
}

bool same_origin(const Url& a, const Url& b) {
  return a.scheme == b.scheme && lowercase(a.host) == lowercase(b.host) &&
         a.effective_port() == b.effective_port();
}

}  // namespace aviso::http
