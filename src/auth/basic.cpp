#include <openssl/evp.h>

#include <vector>

#include "aviso/auth.hpp"
#include "aviso/error.hpp"

namespace aviso::auth {
namespace {

// Standard alphabet with padding.
std::string base64(const std::string& text) {
  std::vector<unsigned char> out(4 * ((text.size() + 2) / 3) + 1);
  const int length =
      EVP_EncodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                      static_cast<int>(text.size()));
  return std::string(reinterpret_cast<const char*>(out.data()), static_cast<std::size_t>(length));
}

}  // namespace

Basic::Basic(const std::string& username, const std::string& password) {
  if (username.empty()) throw Error::config("basic auth username must not be empty");
  header_ = "Basic " + base64(username + ":" + password);
}

std::string Basic::authorization_header() { return header_; }

}  // namespace aviso::auth
