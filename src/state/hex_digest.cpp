#include "state/hex_digest.hpp"

namespace aviso::state {
namespace {

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> parse_hex_digest(std::string_view hex, ResumeKey::Digest& digest) {
  const auto not_hex = [&](std::string_view why) {
    return "'" + std::string(hex) + "' is not valid hex: " + std::string(why);
  };
  if (hex.size() % 2 != 0) return not_hex("odd number of digits");
  for (std::size_t i = 0; i < hex.size(); ++i) {
    if (hex_value(hex[i]) < 0) return not_hex("invalid character at position " + std::to_string(i));
  }
  if (hex.size() != 2 * digest.size()) {
    return "expected 32-byte digest, got " + std::to_string(hex.size() / 2) + " bytes";
  }
  for (std::size_t i = 0; i < digest.size(); ++i) {
    digest[i] = static_cast<std::uint8_t>(hex_value(hex[2 * i]) * 16 + hex_value(hex[2 * i + 1]));
  }
  return std::nullopt;
}

}  // namespace aviso::state
