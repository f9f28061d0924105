#include <optional>

#include "aviso/auth.hpp"
#include "aviso/error.hpp"

namespace aviso::auth {

Chain::Chain(std::vector<std::shared_ptr<AuthProvider>> providers)
    : providers_(std::move(providers)) {}

std::string Chain::authorization_header() {
  if (providers_.empty()) throw Error::auth("empty AuthProvider chain");
  std::optional<Error> last;
  for (const auto& provider : providers_) {
    try {
      return provider->authorization_header();
    } catch (const Error& error) {
      last = error;
    }
  }
  throw *last;
}

void Chain::refresh() {
  for (const auto& provider : providers_) {
    try {
      provider->authorization_header();
    } catch (const Error&) {
      continue;  // not the member in use
    }
    provider->refresh();
    return;
  }
}

}  // namespace aviso::auth
