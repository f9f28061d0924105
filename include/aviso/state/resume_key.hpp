// ResumeKey: the stable identity of a watch subscription. Public header: C++17.
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace aviso {

// SHA-256 over (key format version, normalised base URL, event type, RFC 8785 canonical filter,
// optional schema fingerprint), length-prefixed so no two inputs collide. The same server, event
// type and filter give the same key in every process and every client instance; the start
// position, mode, triggers and watch_many names are deliberately not part of it.
//
// Two keys are equal when both the digest and the key format version are equal. Only the digest
// appears in hex(); the format version is stored once per state file.
class ResumeKey {
 public:
  // The hash-input layout this library computes (and the only one a state file may declare).
  static constexpr std::uint32_t kKeyFormatVersion = 2;
  static constexpr std::size_t kDigestSize = 32;
  using Digest = std::array<std::uint8_t, kDigestSize>;

  // Computes the key of a watch request. `filter` is the request's filter as a JSON object (an
  // empty filter is `{}`); `schema_fingerprint` is absent in the client today.
  //
  // Throws aviso::Error (kind Config) naming what was wrong: "compute resume key for watch
  // request: filter canonicalisation failed: ..." for a filter RFC 8785 cannot represent
  // (non-finite number, invalid UTF-8), or "...: base URL ... is not a valid URL: ...".
  static ResumeKey compute(std::string_view base_url, std::string_view event_type,
                           const nlohmann::json& filter,
                           const std::optional<std::string>& schema_fingerprint = std::nullopt);

  // A key read back from storage: 64 hex digits (either case). Throws aviso::StoreError
  // (InvalidResumeKey) when the text is not hex or not a 32-byte digest.
  static ResumeKey from_hex(std::string_view hex,
                            std::uint32_t key_format_version = kKeyFormatVersion);

  ResumeKey(const Digest& digest, std::uint32_t key_format_version)
      : digest_(digest), key_format_version_(key_format_version) {}

  const Digest& digest() const noexcept { return digest_; }
  std::uint32_t key_format_version() const noexcept { return key_format_version_; }
  // The digest as 64 lowercase hex characters.
  std::string hex() const;

  friend bool operator==(const ResumeKey& a, const ResumeKey& b) {
    return a.key_format_version_ == b.key_format_version_ && a.digest_ == b.digest_;
  }
  friend bool operator!=(const ResumeKey& a, const ResumeKey& b) { return !(a == b); }
  // A total order (format version, then digest bytes) so keys can index sorted containers; for
  // keys of one version it is also the order of their hex text.
  friend bool operator<(const ResumeKey& a, const ResumeKey& b) {
    if (a.key_format_version_ != b.key_format_version_) {
      return a.key_format_version_ < b.key_format_version_;
    }
    return a.digest_ < b.digest_;
  }

 private:
  Digest digest_;
  std::uint32_t key_format_version_;
};

}  // namespace aviso
