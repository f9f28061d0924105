// RFC 8785 JSON Canonicalization Scheme (JCS), as the reference computes it with serde_jcs.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace aviso::state {

// Thrown when a value has no canonical form; the message names the offending value by its JSON
// pointer ("non-finite number at /step cannot be canonicalised").
class CanonicalizationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The canonical text of `value`:
// - object members sorted by the UTF-16 code units of their names, recursively;
// - no whitespace;
// - strings with minimal escaping (see append_json_string);
// - floating-point numbers in ECMAScript form ("1e+21", "0.000001", "-0" -> "0", 1.0 -> "1");
// - integers held as integers written exactly, also beyond 2^53 (serde_jcs does the same).
// Throws CanonicalizationError for NaN, infinities, invalid UTF-8 and binary values.
std::string canonicalize_json(const nlohmann::json& value);

}  // namespace aviso::state
