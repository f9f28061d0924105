// A credential the client FOUND (not one named in code) never travels in the clear to a host
// that is not loopback (spec 5.4).
#pragma once

#include <string>
#include <string_view>

#include "auth/discovery.hpp"
#include "aviso/error.hpp"

namespace aviso::auth {

// True when `url` parses, is not https, and its host is not loopback. An unparseable URL is not
// refused here: the builder reports it as a Config error.
bool is_public_plaintext(std::string_view url);

// The address for messages: without user:password@, or "<unparseable url>".
std::string url_without_userinfo(std::string_view url);

// The Auth error for a refused credential. Names the source and the address, never a secret.
Error plaintext_refusal(const CredentialSource& source, std::string_view url);

}  // namespace aviso::auth
