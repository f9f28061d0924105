// One Server-Sent Event as the stream framed it, before any aviso meaning is attached.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace aviso::sse {

struct SseEvent {
  // The `event:` field of the block; "message" when the block had none (as browsers do).
  std::string event;
  // The `data:` lines of the block joined with '\n'.
  std::string data;
  // The last `id:` seen on this stream so far (ids persist across events, as in the SSE
  // standard). aviso-server never sends one; kept for completeness.
  std::optional<std::string> id;
  // The `retry:` field of this block, in milliseconds, when it held only ASCII digits.
  std::optional<std::uint64_t> retry;

  friend bool operator==(const SseEvent&, const SseEvent&) = default;
};

}  // namespace aviso::sse
