#include "state/base_url.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>

#include <array>
#include <memory>

namespace aviso::state {
namespace {

struct UrlHandleDeleter {
  void operator()(CURLU* handle) const noexcept { curl_url_cleanup(handle); }
};
struct CurlStringDeleter {
  void operator()(char* text) const noexcept { curl_free(text); }
};
using CurlString = std::unique_ptr<char, CurlStringDeleter>;

// One component of a parsed URL, or empty when the URL has none.
std::string part(CURLU* handle, CURLUPart which) {
  char* raw = nullptr;
  if (curl_url_get(handle, which, &raw, 0) != CURLUE_OK || raw == nullptr) return {};
  const CurlString owned(raw);
  return std::string(owned.get());
}

void lowercase_ascii(std::string& text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

// "[0:0:0:0:0:0:0:1]" -> "[::1]": the RFC 5952 text inet_ntop writes, which is what WHATWG
// serialises too. A zone suffix ("%eth0") is not valid in WHATWG URLs and is rejected.
std::string compress_ipv6(const std::string& bracketed) {
  const std::string inner = bracketed.substr(1, bracketed.size() - 2);
  std::array<unsigned char, 16> address{};
  if (inet_pton(AF_INET6, inner.c_str(), address.data()) != 1) {
    throw InvalidBaseUrl("'" + bracketed + "' is not a valid IPv6 address");
  }
  std::array<char, INET6_ADDRSTRLEN> text{};
  inet_ntop(AF_INET6, address.data(), text.data(), text.size());
  return "[" + std::string(text.data()) + "]";
}

// WHATWG's path percent-encode set: C0 controls, space, '"', '#', '<', '>', '?', '`', '{', '}'
// and every non-ASCII byte. Existing %XX escapes are kept as written.
std::string percent_encode_path(const std::string& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool encode = c < 0x20 || c >= 0x7F || c == ' ' || c == '"' || c == '#' || c == '<' ||
                        c == '>' || c == '?' || c == '`' || c == '{' || c == '}';
    if (encode) {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0F]);
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

}  // namespace

std::string normalize_base_url(std::string_view url) {
  const std::unique_ptr<CURLU, UrlHandleDeleter> handle(curl_url());
  if (!handle) throw InvalidBaseUrl("out of memory parsing the URL");
  const std::string text(url);
  const CURLUcode parsed =
      curl_url_set(handle.get(), CURLUPART_URL, text.c_str(), CURLU_NON_SUPPORT_SCHEME);
  if (parsed != CURLUE_OK) throw InvalidBaseUrl(curl_url_strerror(parsed));

  std::string scheme = part(handle.get(), CURLUPART_SCHEME);
  lowercase_ascii(scheme);
  std::string host = part(handle.get(), CURLUPART_HOST);
  if (!host.empty() && host.front() == '[') {
    host = compress_ipv6(host);
  }
  lowercase_ascii(host);

  std::string port = part(handle.get(), CURLUPART_PORT);
  if ((scheme == "http" && port == "80") || (scheme == "https" && port == "443")) port.clear();

  std::string path = percent_encode_path(part(handle.get(), CURLUPART_PATH));
  if (path.empty()) path = "/";

  std::string out;
  out.reserve(scheme.size() + 3 + host.size() + 1 + port.size() + path.size());
  out.append(scheme).append("://").append(host);
  if (!port.empty()) out.append(":").append(port);
  out.append(path);
  return out;
}

}  // namespace aviso::state
