#include "aviso/cloudevent_id.hpp"

#include <limits>
#include <string>

#include "aviso/error.hpp"

namespace aviso {
namespace {

[[noreturn]] void malformed(std::string_view id, std::string_view reason) {
  std::string detail = "CloudEvent id \"";
  detail.append(id).append("\": ").append(reason);
  throw Error::malformed_event(detail);
}

// Rust's u64 FromStr: an optional '+', then one or more ASCII digits, nothing else.
std::optional<std::uint64_t> parse_rust_u64(std::string_view text) {
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
  }
  if (text.empty()) {
    return std::nullopt;
  }
  std::uint64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) {
      return std::nullopt;
    }
    value = value * 10 + digit;
  }
  return value;
}

}  // namespace

CloudEventId parse_cloudevent_id(std::string_view id) {
  const auto at = id.rfind('@');
  if (at == std::string_view::npos) {
    malformed(id, "missing '@' separator");
  }
  if (at == 0) {
    malformed(id, "empty event_type");
  }
  const auto sequence = parse_rust_u64(id.substr(at + 1));
  if (!sequence) {
    malformed(id, "sequence not a u64");
  }
  if (*sequence == 0) {
    malformed(id, "sequence must be greater than zero");
  }
  return CloudEventId{std::string(id.substr(0, at)), *sequence};
}

}  // namespace aviso
