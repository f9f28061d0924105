#include "watch/notification_template.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/json_reader.hpp"

namespace aviso::watch::frames {
namespace {

// Bytes readable after the last literal, so that any literal can be loaded sixteen bytes at a time.
constexpr std::size_t kLiteralPadding = 16;

// Whether `data` holds `literal` (`length` bytes, readable sixteen at a time) at `pos`. Most
// literals are a few bytes (`","date":"`): one comparison of sixteen, where memcmp would cost a
// call.
bool holds_literal(std::string_view data, std::size_t pos, const char* literal,
                   std::size_t length) {
  if (data.size() - pos < length) return false;
#if defined(__SSE2__)
  while (data.size() - pos >= 16) {
    const __m128i text =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(data.data() + pos));             // NOLINT
    const __m128i expected = _mm_loadu_si128(reinterpret_cast<const __m128i*>(literal));  // NOLINT
    const auto equal = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(text, expected)));
    if (length <= 16) {
      const unsigned wanted = length == 16 ? 0xFFFFu : (1u << length) - 1u;
      return (equal & wanted) == wanted;
    }
    if (equal != 0xFFFFu) return false;
    pos += 16;
    literal += 16;
    length -= 16;
  }
#endif
  return std::memcmp(data.data() + pos, literal, length) == 0;
}

// Some values (a URL, a time, a path) run past the first sixteen bytes, and the comparison is
// the only scan of each: every whole block is looked at in place.
constexpr std::size_t kAllBlocksInline = std::numeric_limits<std::size_t>::max();

}  // namespace

void NotificationTemplate::forget() {
  literal_bytes_.clear();
  literals_.clear();
  id_.reset();
  type_.reset();
  request_id_.reset();
  identifier_.reset();
  payload_.reset();
  identifier_members_.clear();
  payload_members_.clear();
}

void NotificationTemplate::learn(std::string_view data, const NotificationMembers& members,
                                 const FieldRecording& recording) {
  forget();
  if (data.size() > std::numeric_limits<std::uint32_t>::max()) return;

  // Split the text around the contents of its value strings. The tight pass accepted it, so
  // every string is plain (no escapes): each '"' opens or closes one, and a string is a key
  // exactly when a ':' follows it. (Fixed arrays, and members that keep their capacity: a
  // stream whose events keep changing shape learns often, and must not allocate each time.)
  std::array<std::uint32_t, kMaxValueStrings + 1> literal_starts;  // NOLINT: filled as used
  std::array<std::uint32_t, kMaxValueStrings> value_starts;        // NOLINT: filled as used
  std::size_t values = 0;
  const auto add_literal = [&](std::size_t start, std::size_t end) {
    literal_starts[literals_.size()] = static_cast<std::uint32_t>(start);
    literals_.push_back(Literal{static_cast<std::uint32_t>(literal_bytes_.size()),
                                static_cast<std::uint32_t>(end - start)});
    literal_bytes_.append(data.substr(start, end - start));
  };
  std::size_t literal_start = 0;
  for (std::size_t pos = 0;;) {
    const std::size_t open = data.find('"', pos);
    if (open == std::string_view::npos) break;
    const std::size_t close = data.find('"', open + 1);
    if (close == std::string_view::npos) return forget();  // not a text the pass accepted
    const std::size_t after = skip_json_whitespace(data, close + 1);
    if (after == data.size() || data[after] != ':') {
      if (values == kMaxValueStrings) return forget();
      add_literal(literal_start, open + 1);
      value_starts[values++] = static_cast<std::uint32_t>(open + 1);
      literal_start = close;
    }
    pos = close + 1;
  }
  add_literal(literal_start, data.size());
  literal_bytes_.append(kLiteralPadding, '\0');

  bool placed = true;
  const auto anchor_of = [&](std::size_t position) {
    const auto literal_starts_end = literal_starts.begin() + literals_.size();
    const auto after = std::upper_bound(literal_starts.begin(), literal_starts_end, position);
    const auto literal = static_cast<std::size_t>(after - literal_starts.begin()) - 1;
    const std::size_t offset = position - literal_starts[literal];
    if (offset >= literals_[literal].length) placed = false;  // inside a value string's contents
    return Anchor{static_cast<std::uint32_t>(literal), static_cast<std::uint32_t>(offset)};
  };
  const auto anchors_of = [&](const std::optional<detail::TextSpan>& span) {
    std::optional<SpanAnchors> anchors;
    if (span && span->length > 0) {
      anchors = SpanAnchors{anchor_of(span->offset), anchor_of(span->offset + span->length - 1)};
    } else if (span) {
      placed = false;
    }
    return anchors;
  };
  id_ = anchors_of(members.id);
  type_ = anchors_of(members.type);
  request_id_ = anchors_of(members.request_id);
  identifier_ = anchors_of(members.identifier);
  payload_ = anchors_of(members.payload);

  const auto anchor_members = [&](const std::optional<std::span<const PlainStringMember>>& recorded,
                                  RecordedAnchors& anchors) {
    if (!recorded) return;
    anchors.recorded = true;
    const auto value_starts_end = value_starts.begin() + values;
    for (const PlainStringMember& member : *recorded) {
      const auto value =
          std::lower_bound(value_starts.begin(), value_starts_end, member.value_offset);
      if (value == value_starts_end || *value != member.value_offset) {
        placed = false;  // a recorded value is always a value string
        return;
      }
      anchors.members.push_back(
          MemberAnchors{anchor_of(member.key_offset), member.key_length,
                        static_cast<std::uint32_t>(value - value_starts.begin())});
    }
  };
  const detail::RecordedFields fields = recording.fields();
  anchor_members(fields.identifier, identifier_members_);
  anchor_members(fields.payload, payload_members_);
  if (!placed) forget();
}

bool NotificationTemplate::wants_to_learn() noexcept {
  ++misses_;
  const bool learn = miss_score_ < kEagerLearns || misses_ % kLearnEvery == 0;
  if (miss_score_ < 2 * kEagerLearns) ++miss_score_;
  return learn;
}

std::optional<NotificationMembers> NotificationTemplate::match(std::string_view data,
                                                               FieldRecording* recording) {
  if (literals_.empty() || data.size() > std::numeric_limits<std::uint32_t>::max()) {
    return std::nullopt;
  }
  // Where each literal starts in `data`; value string i lies between literals i and i + 1.
  std::array<std::size_t, kMaxValueStrings + 1> starts;  // NOLINT: set up to literals_.size()
  const std::size_t last = literals_.size() - 1;
  std::size_t pos = 0;
  for (std::size_t i = 0;; ++i) {
    const Literal& literal = literals_[i];
    if (!holds_literal(data, pos, literal_bytes_.data() + literal.offset, literal.length)) {
      return std::nullopt;
    }
    starts[i] = pos;
    pos += literal.length;
    if (i == last) break;
    // The contents of a value string: plain bytes up to the '"' that starts the next literal.
    pos = plain_string_run_end_inline<kAllBlocksInline>(data, pos);
  }
  if (pos != data.size()) return std::nullopt;
  if (miss_score_ > 0) --miss_score_;

  const auto at = [&](const Anchor& anchor) { return starts[anchor.literal] + anchor.offset; };
  const auto span_of = [&](const std::optional<SpanAnchors>& anchors) {
    std::optional<detail::TextSpan> span;
    if (anchors) {
      span = detail::TextSpan{at(anchors->first), at(anchors->last) + 1 - at(anchors->first)};
    }
    return span;
  };
  // What the pass accepts always has an object data and an identifier object of strings.
  NotificationMembers members;
  members.data_is_object = true;
  members.identifier_is_object = true;
  members.id = span_of(id_);
  members.type = span_of(type_);
  members.request_id = span_of(request_id_);
  members.identifier = span_of(identifier_);
  members.payload = span_of(payload_);

  if (recording != nullptr) {
    recording->clear();
    const auto record = [&](const RecordedAnchors& anchors, MemberRecorder::Field field) {
      if (!anchors.recorded) return;
      MemberRecorder recorder(recording, data, field);
      for (const MemberAnchors& member : anchors.members) {
        const std::size_t value_start =
            starts[member.value_string] + literals_[member.value_string].length;
        recorder.add(std::string_view(data.data() + at(member.key), member.key_length),
                     std::string_view(data.data() + value_start,
                                      starts[member.value_string + 1] - value_start));
      }
      recorder.finish();
    };
    record(identifier_members_, MemberRecorder::Field::Identifier);
    record(payload_members_, MemberRecorder::Field::Payload);
  }
  return members;
}

}  // namespace aviso::watch::frames
