// A JSON reader for the hot path of a watch: every notification of a stream is one CloudEvent to
// decode, and nlohmann::json::parse spends most of its time reading one character at a time.
// read_json accepts exactly the documents nlohmann::json::parse accepts (RFC 8259, UTF-8 checked,
// a leading byte order mark skipped) and builds the same value, with two deliberate differences:
// nesting deeper than kMaxJsonDepth is refused, where nlohmann would go on; and a raw NUL byte is
// refused wherever it appears, where nlohmann takes it as the end of the input and ignores what
// follows. The differential fuzz target (fuzz/json_reader.cpp) holds the two to that.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace aviso {

inline constexpr std::size_t kMaxJsonDepth = 512;

class JsonSyntaxError : public std::runtime_error {
 public:
  JsonSyntaxError(const std::string& what, std::size_t offset)
      : std::runtime_error(what), offset_(offset) {}
  // Byte offset in the text where reading stopped.
  std::size_t offset() const noexcept { return offset_; }

 private:
  std::size_t offset_;
};

// Throws JsonSyntaxError naming what was wrong and the byte offset where.
nlohmann::json read_json(std::string_view text);

}  // namespace aviso
