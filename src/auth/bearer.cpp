#include "aviso/auth.hpp"
#include "aviso/error.hpp"

namespace aviso::auth {

Bearer::Bearer(std::string token) {
  if (token.empty()) throw Error::config("bearer token must not be empty");
  header_ = "Bearer " + token;
}

std::string Bearer::authorization_header() { return header_; }

}  // namespace aviso::auth
