// The value of --from and --until: a sequence id or a date (surfaces.md 1.5,
// watch-and-state.md 1.2).
//
// Forms, tried in this order:
//   1. digits only                    -> sequence id (u64); always wins, so 20260601 is a sequence
//   2. YYYY-MM-DD                     -> midnight UTC
//   3. "YYYY-MM-DD HH:MM"             -> UTC (one shell word, so quoted)
//   4. "YYYY-MM-DD HH:MM:SS"          -> UTC
//   5. YYYY-MM-DDTHH:MM:SS            -> UTC
//   6. YYYY-MM-DDTHH:MM:SSZ           -> UTC
//   7. YYYY-MM-DDTHH:MM:SS.<digits>Z  -> UTC, any number of fraction digits
// Every date becomes the wire form YYYY-MM-DDTHH:MM:SS.ffffffZ with exactly six fraction
// digits (zero-padded or truncated); a leap second :60 becomes :59.999999.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace aviso::cli {

struct Position {
  enum class Kind { Sequence, Date };
  Kind kind = Kind::Sequence;
  std::uint64_t sequence = 0;  // Kind::Sequence
  std::string date;            // Kind::Date, in the wire form

  static Position of_sequence(std::uint64_t value) { return {Kind::Sequence, value, {}}; }
  static Position of_date(std::string wire) { return {Kind::Date, 0, std::move(wire)}; }
  friend bool operator==(const Position& a, const Position& b) {
    return a.kind == b.kind && a.sequence == b.sequence && a.date == b.date;
  }
};

// Parses `value` given to `flag` ("--from" or "--until"). Throws CommandError (usage) naming
// the flag and the value; an unknown form lists the accepted forms.
Position parse_position(std::string_view value, std::string_view flag);

// "accepted forms: pure-digit sequence id (e.g. 42); YYYY-MM-DD; ..."
std::string_view accepted_position_forms();

}  // namespace aviso::cli
