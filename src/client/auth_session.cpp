#include "client/auth_session.hpp"

#include <exception>

#include "aviso/error.hpp"

namespace aviso::client {

AuthSession::AuthSession(std::shared_ptr<AuthProvider> provider) : provider_(std::move(provider)) {}

AuthSession::Credential AuthSession::current() const {
  Credential credential;
  credential.generation = generation_.load();
  if (!provider_) return credential;
  try {
    credential.header = provider_->authorization_header();
  } catch (const Error&) {
    throw;
  } catch (const std::exception& error) {
    throw Error::auth(std::string("the auth provider failed: ") + error.what());
  }
  return credential;
}

void AuthSession::refresh_after_401(std::uint64_t seen_generation) {
  if (!provider_) return;
  std::lock_guard<std::mutex> lock(refresh_mutex_);
  if (generation_.load() != seen_generation) return;  // someone refreshed meanwhile
  try {
    provider_->refresh();
  } catch (const Error&) {
    throw;
  } catch (const std::exception& error) {
    throw Error::auth(std::string("refresh failed: ") + error.what());
  }
  generation_.fetch_add(1);
}

}  // namespace aviso::client
