// The client's credential: the header for each request and the coordinated refresh after a 401.
// A burst of concurrent requests that all get 401 refreshes the provider once: each request
// remembers the generation of the credential it sent, and a refresh runs only if nobody has
// refreshed since.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "aviso/auth.hpp"

namespace aviso::client {

class AuthSession {
 public:
  explicit AuthSession(std::shared_ptr<AuthProvider> provider);

  struct Credential {
    std::optional<std::string> header;  // none for an anonymous client
    std::uint64_t generation = 0;
  };

  bool has_provider() const { return provider_ != nullptr; }
  const std::shared_ptr<AuthProvider>& provider() const { return provider_; }

  // Throws aviso::Error (the provider's errors; anything else becomes Error::auth).
  Credential current() const;
  // Refreshes unless another request already did since `seen_generation`. Throws the
  // provider's refresh error.
  void refresh_after_401(std::uint64_t seen_generation);

 private:
  std::shared_ptr<AuthProvider> provider_;
  std::mutex refresh_mutex_;
  std::atomic<std::uint64_t> generation_{0};
};

}  // namespace aviso::client
