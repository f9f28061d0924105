#include "auth/plaintext_policy.hpp"

#include "http/url.hpp"

namespace aviso::auth {

bool is_public_plaintext(std::string_view url) {
  const std::optional<http::Url> parsed = http::Url::parse(url);
  if (!parsed) return false;
  return parsed->scheme != "https" && !parsed->host_is_loopback();
}

std::string url_without_userinfo(std::string_view url) {
  const std::optional<http::Url> parsed = http::Url::parse(url);
  return parsed ? parsed->without_userinfo() : "<unparseable url>";
}

Error plaintext_refusal(const CredentialSource& source, std::string_view url) {
  return Error::auth("refusing to send the credential from the " + source.display() + " to " +
                     url_without_userinfo(url) +
                     ", which is not https and not a loopback address. Use an https address, or "
                     "pass the credential explicitly if you intend to send it in the clear.");
}

}  // namespace aviso::auth
