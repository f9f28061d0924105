// The CloudEvent id of a notification, "<event_type>@<sequence>". Public header: C++17.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace aviso {

struct CloudEventId {
  std::string event_type;
  std::uint64_t sequence = 0;

  friend bool operator==(const CloudEventId& a, const CloudEventId& b) {
    return a.event_type == b.event_type && a.sequence == b.sequence;
  }
};

// Splits at the LAST '@' (an event type may itself contain '@'). The event type must be
// non-empty; the sequence follows Rust's u64 parsing (ASCII digits with an optional leading '+',
// no spaces, at most 18446744073709551615) and must be greater than zero, since the server
// numbers from 1. Throws aviso::Error (MalformedEvent) quoting the id: "missing '@' separator",
// "empty event_type", "sequence not a u64", "sequence must be greater than zero".
CloudEventId parse_cloudevent_id(std::string_view id);

}  // namespace aviso
