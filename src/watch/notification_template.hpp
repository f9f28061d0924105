// The shape of the last CloudEvent a stream's tight pass accepted, to check the next one by
// comparing bytes instead of walking its grammar again.
//
// aviso-server writes every notification of a stream the same way: the same members in the same
// order, compact, only the values changing. Such a text is a series of fixed pieces (the
// "literals": punctuation, keys, numbers, and each value string's quotes) between the contents
// of its value strings. When a new text has exactly the learnt literals, and plain bytes (see
// plain_string_run_end) between them, it has the learnt text's structure token for token: the
// tight pass would accept it and locate its members at the corresponding places. match() then
// gives those members (and the fields' recording) by position; any other text gives nullopt, and
// the tight pass decides as before, and teaches its text as the next shape.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "watch/notification_members.hpp"

namespace aviso::watch::frames {

class NotificationTemplate {
 public:
  // More value strings than this, and a text teaches nothing (CloudEvents have about 16).
  static constexpr std::size_t kMaxValueStrings = 64;

  // Learns the shape of `data`, which scan_common_notification has just accepted, locating
  // `members` and recording `recording`. The previous shape is forgotten either way.
  void learn(std::string_view data, const NotificationMembers& members,
             const FieldRecording& recording);

  // The members of `data` when it has the learnt shape, with the fields' members recorded in
  // `recording` (if given) as the tight pass would; nullopt otherwise.
  std::optional<NotificationMembers> match(std::string_view data, FieldRecording* recording);

  // After a miss: whether the text the tight pass accepts should be learnt. Each miss raises a
  // score that each match lowers; while it is low the next shape is learnt at once, and once
  // misses dominate (a number that changes in every event, shapes taking turns) only one miss in
  // kLearnEvery is, so that such a stream does not pay for learning each event, and still finds
  // a shape that holds again.
  bool wants_to_learn() noexcept;
  static constexpr std::uint32_t kEagerLearns = 4;
  static constexpr std::uint32_t kLearnEvery = 64;

  bool empty() const noexcept { return literals_.empty(); }

 private:
  struct Literal {
    std::uint32_t offset;  // in literal_bytes_
    std::uint32_t length;
  };
  // A byte of the learnt text as a literal and an offset in it: every first and last byte of a
  // located member lies in a literal (a string's quotes, a brace, a number).
  struct Anchor {
    std::uint32_t literal;
    std::uint32_t offset;
  };
  struct SpanAnchors {
    Anchor first;
    Anchor last;
  };
  // A recorded member: its key lies in a literal; its value is the contents of a value string.
  struct MemberAnchors {
    Anchor key;
    std::uint32_t key_length;
    std::uint32_t value_string;  // index: the contents between literal i and literal i + 1
  };

  // The members recorded of one field, when it was recorded.
  struct RecordedAnchors {
    bool recorded = false;
    std::vector<MemberAnchors> members;
    void clear() {
      recorded = false;
      members.clear();  // keeps the capacity
    }
  };

  void forget();

  std::string literal_bytes_;
  std::vector<Literal> literals_;  // one more than the value strings; empty: nothing learnt
  std::optional<SpanAnchors> id_;
  std::optional<SpanAnchors> type_;
  std::optional<SpanAnchors> request_id_;
  std::optional<SpanAnchors> identifier_;
  std::optional<SpanAnchors> payload_;
  RecordedAnchors identifier_members_;
  RecordedAnchors payload_members_;
  std::uint32_t miss_score_ = 0;  // +1 per miss, -1 per match, at most 2 * kEagerLearns
  std::uint32_t misses_ = 0;      // all of them, for the one in kLearnEvery
};

}  // namespace aviso::watch::frames
