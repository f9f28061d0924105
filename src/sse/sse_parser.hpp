// A sans-IO parser for text/event-stream bodies: feed it bytes as they arrive, take the
// completed events out. No sockets, no threads, no aviso semantics.
//
// It follows the SSE standard's line rules (LF, CRLF and CR line ends, a CR ending one chunk and
// an LF starting the next count as ONE line end, comments, fields without a colon, one optional
// space after the colon, a leading UTF-8 BOM) and adds two bounds the standard lacks, so a
// misbehaving peer cannot make the client buffer without limit: the length of one line and the
// accumulated data of one event. Crossing either puts the parser in a failed state; events
// completed before the overflow are still handed out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aviso/error.hpp"
#include "sse/reusing_fifo.hpp"
#include "sse/sse_event.hpp"

namespace aviso::sse {

struct SseLimits {
  // Longest accepted line, without its line end. aviso-server puts a whole notification on one
  // `data:` line, so this also bounds the size of one notification.
  std::size_t max_line_bytes = std::size_t{1} << 20;
  // Largest accepted `data` of one event (all its data lines joined).
  std::size_t max_event_data_bytes = std::size_t{4} << 20;
};

class SseParser {
 public:
  explicit SseParser(SseLimits limits = {});

  // Consumes the next bytes of the body; any chunking is fine. Ignored once failed().
  void feed(std::string_view bytes);

  // The oldest completed event not yet taken, if any.
  std::optional<SseEvent> next_event();
  // Hands back an event taken with next_event() once the caller is done with it: its data's
  // storage is reused for a later event instead of being freed now and allocated again then.
  // Optional; any event may be handed back, in any order.
  void recycle(SseEvent&& event);
  bool has_event() const noexcept { return !ready_.empty(); }

  // True once a bound was crossed; failure() then says which and where. Events completed before
  // the overflow remain available through next_event().
  bool failed() const noexcept { return failure_.has_value(); }
  const std::optional<Error>& failure() const noexcept { return failure_; }

  // Bytes consumed so far, including a stripped BOM (for positions in messages).
  std::uint64_t bytes_consumed() const noexcept { return offset_; }
  const SseLimits& limits() const noexcept { return limits_; }

 private:
  void consume(std::string_view bytes);
  void append_partial_line(std::string_view bytes);
  void process_line(std::string_view line);
  void append_data(std::string_view value);
  void dispatch();
  void fail(const std::string& message);

  SseLimits limits_;
  std::size_t bom_matched_ = 0;  // bytes of a leading BOM seen so far
  bool bom_decided_ = false;     // past the point where a BOM could appear
  bool skip_next_lf_ = false;    // the previous chunk ended with CR
  std::string partial_line_;     // a line not yet terminated, carried across feeds
  std::uint64_t offset_ = 0;
  std::uint64_t line_start_ = 0;  // stream offset where the current line began

  std::string event_name_;
  std::string data_;
  bool has_data_ = false;
  std::optional<std::string> last_id_;
  std::optional<std::uint64_t> retry_;

  ReusingFifo<SseEvent> ready_;
  // Data storage of handed-back events. One chunk of a stream completes dozens of events before
  // the caller takes any, so a few dozen are kept; large ones are let go (see recycle).
  std::vector<std::string> spare_data_;
  std::size_t spare_data_bytes_ = 0;  // their capacities, summed
  std::optional<Error> failure_;
};

}  // namespace aviso::sse
