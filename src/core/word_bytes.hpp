// Eight bytes of text looked at as one 64-bit word: the tests that let a scanner skip a run of
// ordinary characters eight at a time instead of one by one.
#pragma once

#include <cstdint>
#include <cstring>

namespace aviso {

inline std::uint64_t load_8_bytes(const unsigned char* at) noexcept {
  std::uint64_t word = 0;
  std::memcpy(&word, at, sizeof word);
  return word;
}

inline constexpr std::uint64_t kEachByte01 = 0x0101010101010101ULL;
inline constexpr std::uint64_t kEachByte80 = 0x8080808080808080ULL;

inline bool any_byte_at_or_above_0x80(std::uint64_t word) noexcept {
  return (word & kEachByte80) != 0;
}

// Whether a byte of `word` is below `limit`, for a limit up to 0x80: the classic "hasless" test,
// exact as a whole (the flag of a single byte may be wrong above a byte that is below the limit,
// but then the answer is true anyway).
inline bool any_byte_below(std::uint64_t word, unsigned char limit) noexcept {
  return ((word - kEachByte01 * limit) & ~word & kEachByte80) != 0;
}

// Whether a byte of `word` equals `value`.
inline bool any_byte_equal(std::uint64_t word, unsigned char value) noexcept {
  return any_byte_below(word ^ (kEachByte01 * value), 1);
}

}  // namespace aviso
