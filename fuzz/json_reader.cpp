// Differential libFuzzer target: aviso::read_json must accept exactly what nlohmann::json::parse
// accepts and build the same value (numbers of the same kind included), except for nesting
// beyond kMaxJsonDepth and raw NUL bytes, which read_json refuses on purpose.
#include "core/json_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace {

using nlohmann::json;

std::size_t depth_of(const json& value) {
  std::size_t deepest = 0;
  if (value.is_structured()) {
    for (const json& child : value) deepest = std::max(deepest, depth_of(child));
    return deepest + 1;
  }
  return 0;
}

// operator== compares numbers across kinds (1 == 1.0); the kinds must match as well.
bool same(const json& a, const json& b) {
  if (a.type() != b.type()) return false;
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(), jt = b.begin(); it != a.end(); ++it, ++jt) {
      if (it.key() != jt.key() || !same(it.value(), jt.value())) return false;
    }
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!same(a[i], b[i])) return false;
    }
    return true;
  }
  return a == b;
}

// Walks the text with the piecewise JsonReader, reading even members of the top-level object and
// skipping odd ones. Returns the members read, or nullopt if the reader refused the text.
std::optional<json> walk(std::string_view text) {
  try {
    aviso::JsonReader reader(text);
    json read = json::object();
    if (!reader.enter_object()) {
      read = reader.read_value();
      reader.finish();
      return read;
    }
    std::size_t index = 0;
    while (const std::optional<std::string_view> key_view = reader.next_key()) {
      const std::string key(*key_view);
      if (index++ % 2 == 0) {
        read[key] = reader.read_value();
      } else {
        read.erase(key);  // a later skipped repeat would win in the full document
        reader.skip_value();
      }
    }
    reader.finish();
    return read;
  } catch (const aviso::JsonSyntaxError&) {
    return std::nullopt;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const json expected = json::parse(text, nullptr, false);
  json actual;
  bool accepted = true;
  try {
    actual = aviso::read_json(text);
  } catch (const aviso::JsonSyntaxError& error) {
    accepted = false;
    if (error.offset() > size) std::abort();
  }
  // Skipping checks exactly what reading checks.
  const std::optional<json> walked = walk(text);
  if (walked.has_value() != accepted) std::abort();
  if (text.find('\0') != std::string_view::npos) {
    if (accepted) std::abort();  // a raw NUL is never valid JSON text
    return 0;
  }
  if (expected.is_discarded()) {
    if (accepted) std::abort();  // read_json took what nlohmann refuses
    return 0;
  }
  if (!accepted) {
    if (depth_of(expected) > aviso::kMaxJsonDepth) return 0;  // refused on purpose
    std::abort();
  }
  if (!same(actual, expected)) std::abort();
  // What the piecewise reader read is what read_json built.
  if (walked->is_object() && expected.is_object()) {
    for (const auto& [key, value] : walked->items()) {
      if (!same(value, expected.at(key))) std::abort();
    }
  } else if (!same(*walked, expected)) {
    std::abort();
  }
  return 0;
}
