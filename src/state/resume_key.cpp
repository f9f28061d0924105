#include "aviso/state/resume_key.hpp"

#include <openssl/evp.h>

#include <memory>

#include "aviso/error.hpp"
#include "aviso/state/store_error.hpp"
#include "state/base_url.hpp"
#include "state/hex_digest.hpp"
#include "state/json_canonical.hpp"

namespace aviso {
namespace {

constexpr std::string_view kComputeContext = "compute resume key for watch request: ";

struct DigestContextDeleter {
  void operator()(EVP_MD_CTX* context) const noexcept { EVP_MD_CTX_free(context); }
};

// SHA-256 fed with the length-prefixed framing of key format version 2: every variable field is
// preceded by its byte length as u64 little-endian, so no field boundary can be forged.
class KeyHasher {
 public:
  KeyHasher() : context_(EVP_MD_CTX_new()) {
    if (!context_ || EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr) != 1) {
      throw Error::internal("SHA-256 is not available from OpenSSL");
    }
  }

  void bytes(const void* data, std::size_t size) {
    if (EVP_DigestUpdate(context_.get(), data, size) != 1) {
      throw Error::internal("SHA-256 update failed");
    }
  }
  void u32_le(std::uint32_t value) {
    std::array<unsigned char, 4> le{};
    for (std::size_t i = 0; i < le.size(); ++i)
      le[i] = static_cast<unsigned char>(value >> (8 * i));
    bytes(le.data(), le.size());
  }
  void u64_le(std::uint64_t value) {
    std::array<unsigned char, 8> le{};
    for (std::size_t i = 0; i < le.size(); ++i)
      le[i] = static_cast<unsigned char>(value >> (8 * i));
    bytes(le.data(), le.size());
  }
  void field(std::string_view text) {
    u64_le(text.size());
    bytes(text.data(), text.size());
  }
  void optional_field(const std::optional<std::string>& text) {
    const unsigned char tag = text ? 1 : 0;
    bytes(&tag, 1);
    if (text) field(*text);
  }

  ResumeKey::Digest finish() {
    ResumeKey::Digest digest{};
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(context_.get(), digest.data(), &size) != 1 || size != digest.size()) {
      throw Error::internal("SHA-256 finalisation failed");
    }
    return digest;
  }

 private:
  std::unique_ptr<EVP_MD_CTX, DigestContextDeleter> context_;
};

}  // namespace

ResumeKey ResumeKey::compute(std::string_view base_url, std::string_view event_type,
                             const nlohmann::json& filter,
                             const std::optional<std::string>& schema_fingerprint) {
  std::string normalized_url;
  try {
    normalized_url = state::normalize_base_url(base_url);
  } catch (const state::InvalidBaseUrl& error) {
    throw Error::config(std::string(kComputeContext) + "base URL '" + std::string(base_url) +
                        "' is not a valid URL: " + error.what());
  }
  std::string canonical_filter;
  try {
    canonical_filter = state::canonicalize_json(filter);
  } catch (const state::CanonicalizationError& error) {
    throw Error::config(std::string(kComputeContext) +
                        "filter canonicalisation failed: " + error.what());
  }

  KeyHasher hasher;
  hasher.u32_le(kKeyFormatVersion);
  hasher.field(normalized_url);
  hasher.field(event_type);
  hasher.field(canonical_filter);
  hasher.optional_field(schema_fingerprint);
  return ResumeKey(hasher.finish(), kKeyFormatVersion);
}

ResumeKey ResumeKey::from_hex(std::string_view hex, std::uint32_t key_format_version) {
  Digest digest{};
  if (auto problem = state::parse_hex_digest(hex, digest)) {
    throw StoreError::invalid_resume_key("", *problem);
  }
  return ResumeKey(digest, key_format_version);
}

std::string ResumeKey::hex() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(2 * kDigestSize, '0');
  for (std::size_t i = 0; i < digest_.size(); ++i) {
    out[2 * i] = kHex[digest_[i] >> 4];
    out[2 * i + 1] = kHex[digest_[i] & 0x0F];
  }
  return out;
}

}  // namespace aviso
