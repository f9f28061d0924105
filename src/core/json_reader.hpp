// A JSON reader for the hot path of a watch: every notification of a stream is one CloudEvent to
// decode, and nlohmann::json::parse spends most of its time reading one character at a time.
// read_json accepts exactly the documents nlohmann::json::parse accepts (RFC 8259, UTF-8 checked,
// a leading byte order mark skipped) and builds the same value, with two deliberate differences:
// nesting deeper than kMaxJsonDepth is refused, where nlohmann would go on; and a raw NUL byte is
// refused wherever it appears, where nlohmann takes it as the end of the input and ignores what
// follows. The differential fuzz target (fuzz/json_reader.cpp) holds the two to that.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// read_json for the usual notification identifier: an object whose keys and values are all
// strings of printable ASCII without escapes (any whitespace between). Such text is built
// directly, without the reader's general machinery; any other text goes to read_json. Either way
// the value, or the error, is exactly read_json's.
nlohmann::json read_json_string_object(std::string_view text);
// The same value, built in the storage of `reusable` where it can be: an object whose nodes and
// strings are reused while its keys match the text's (a consumer's previous identifier, say), so
// a stream of similar objects is read without allocating. Any value may be given; what cannot be
// reused is freed.
nlohmann::json read_json_string_object(std::string_view text, nlohmann::json reusable);

// The first position at or after `pos` that is not JSON whitespace.
inline std::size_t skip_json_whitespace(std::string_view text, std::size_t pos) noexcept {
  while (pos < text.size()) {
    const auto c = static_cast<unsigned char>(text[pos]);
    // Compact JSON has no whitespace: one comparison settles the usual case.
    if (c > ' ' || (c != ' ' && c != '\t' && c != '\n' && c != '\r')) return pos;
    ++pos;
  }
  return pos;
}

// Where one member of an object of plain strings lies in a text: its key and its value, each
// without its quotes, as offsets into the text. A scanner that has checked the object records
// them, and the object is then built later, maybe on another thread, without reading it again.
struct PlainStringMember {
  std::uint32_t key_offset;
  std::uint32_t key_length;
  std::uint32_t value_offset;
  std::uint32_t value_length;
  friend bool operator==(const PlainStringMember&, const PlainStringMember&) = default;
};

// The object whose members `members` locates in `text`, in the order they appear there, each
// key and value of plain bytes only (see plain_string_run_end): the value read_json gives for
// the object's text (a repeated key keeps its last value). Built in the storage of `reusable` as
// read_json_string_object does.
nlohmann::json build_plain_string_object(std::string_view text,
                                         std::span<const PlainStringMember> members,
                                         nlohmann::json reusable);

// Where the run of bytes from `pos` that a JSON string holds as themselves ends: printable ASCII
// but '"' and '\\'. The reader's own string scan (sixteen bytes at a time), for scanners that
// look for the common case before calling the reader.
std::size_t plain_string_run_end(std::string_view text, std::size_t pos) noexcept;

#if defined(__SSE2__)
// Which of the sixteen bytes at `bytes` are not plain string bytes, as a bit mask (bit i: byte
// i). As signed bytes, everything below 0x20 and everything from 0x80 up is less than 0x20, so
// one comparison finds control bytes and UTF-8 sequences together.
inline unsigned not_plain_bytes_of_16(const char* bytes) noexcept {
  const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes));  // NOLINT
  const __m128i special = _mm_or_si128(_mm_cmplt_epi8(block, _mm_set1_epi8(0x20)),
                                       _mm_or_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8('"')),
                                                    _mm_cmpeq_epi8(block, _mm_set1_epi8('\\'))));
  return static_cast<unsigned>(_mm_movemask_epi8(special));
}
#endif

// plain_string_run_end looking at up to `kInlineBlocks` blocks of sixteen bytes in place (no
// call, no registers saved around one) before it calls out. Scanners that look for the end of
// every string of a CloudEvent use it: most of those strings end within the first block.
template <std::size_t kInlineBlocks>
std::size_t plain_string_run_end_inline(std::string_view text, std::size_t pos) noexcept {
#if defined(__SSE2__)
  for (std::size_t block = 0; block < kInlineBlocks && text.size() - pos >= 16; ++block) {
    if (const unsigned mask = not_plain_bytes_of_16(text.data() + pos); mask != 0) {
      return pos + static_cast<std::size_t>(std::countr_zero(mask));
    }
    pos += 16;
  }
#endif
  return plain_string_run_end(text, pos);
}

// The same reader, a piece at a time, for decoders that want a few members of an object and
// would otherwise build, then throw away, all the others. Skipped values are checked exactly as
// read ones, so a document is accepted or refused as read_json would. Every call throws
// JsonSyntaxError at the first error.
//
//   JsonReader reader(text);
//   if (reader.enter_object())
//     while (auto key = reader.next_key())
//       if (*key == "wanted") value = reader.read_value(); else reader.skip_value();
//   reader.finish();
class JsonReader {
 public:
  enum class Kind { Object, Array, String, Number, Boolean, Null };

  explicit JsonReader(std::string_view text);

  // The next value, built.
  nlohmann::json read_value();
  // The next value, checked and not built; returns what kind it was.
  Kind skip_value();
  // Where the next value starts (after whitespace), and where the last one read ended: together
  // they locate a value in the text, to read it later with read_json.
  std::size_t next_value_offset();
  std::size_t offset() const noexcept { return pos_; }
  // When the next value is an object: enters it and returns true. Otherwise consumes nothing.
  bool enter_object();
  // Inside an entered object: the next member's key (the value is next), or nullopt once the
  // object is closed. The view is valid until the next call of next_key.
  std::optional<std::string_view> next_key();
  // Only whitespace may be left.
  void finish();

 private:
  struct Scanner;
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;      // objects entered and not yet closed
  bool first_member_ = false;  // next_key has not been called in the innermost object yet
  std::string key_buffer_;     // a key with escapes, decoded
};

}  // namespace aviso
