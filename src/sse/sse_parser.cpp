#include "sse/sse_parser.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <utility>

namespace aviso::sse {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Bounds of the handed-back storage the parser keeps: enough for the events of one large chunk
// of small notifications, and little memory for a watch that sits idle after a burst.
constexpr std::size_t kMaxSpareData = 64;
constexpr std::size_t kMaxSpareDataBytes = 128 * 1024;

// Position of `byte` in [from, stop), or stop. memchr is vectorised, which is what makes the
// parser fast on long data lines.
const char* find_byte(const char* from, const char* stop, char byte) {
  const void* hit = std::memchr(from, byte, static_cast<std::size_t>(stop - from));
  return hit == nullptr ? stop : static_cast<const char*>(hit);
}

std::optional<std::uint64_t> parse_retry(std::string_view value) {
  if (value.empty()) {
    return std::nullopt;
  }
  std::uint64_t result = 0;
  for (const char c : value) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (result > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) {
      result = std::numeric_limits<std::uint64_t>::max();  // saturate: "wait forever" is enough
    } else {
      result = result * 10 + digit;
    }
  }
  return result;
}

}  // namespace

SseParser::SseParser(SseLimits limits) : limits_(limits) {}

void SseParser::feed(std::string_view bytes) {
  if (failed()) {
    return;
  }
  if (!bom_decided_) {
    // The BOM may itself be split across chunks, so match it byte by byte.
    while (!bytes.empty() && bom_matched_ < kUtf8Bom.size() &&
           bytes.front() == kUtf8Bom[bom_matched_]) {
      ++bom_matched_;
      ++offset_;
      bytes.remove_prefix(1);
    }
    if (bom_matched_ == kUtf8Bom.size()) {
      bom_decided_ = true;
      line_start_ = offset_;
    } else if (bytes.empty()) {
      return;  // a BOM prefix so far: undecided until more bytes arrive
    } else {
      // The bytes that looked like the start of a BOM were ordinary content.
      bom_decided_ = true;
      offset_ -= bom_matched_;
      consume(kUtf8Bom.substr(0, bom_matched_));
    }
  }
  consume(bytes);
}

void SseParser::consume(std::string_view bytes) {
  const char* cursor = bytes.data();
  const char* const stop = bytes.data() + bytes.size();
  if (skip_next_lf_ && cursor != stop) {
    skip_next_lf_ = false;
    if (*cursor == '\n') {  // the LF completing a CRLF split across chunks
      ++cursor;
      ++offset_;
      line_start_ = offset_;
    }
  }
  const char* next_cr = nullptr;  // cached: CR is rare, so scan for it once, not per line
  while (cursor != stop && !failed()) {
    if (next_cr == nullptr || next_cr < cursor) {
      next_cr = find_byte(cursor, stop, '\r');
    }
    const char* const line_end = std::min(find_byte(cursor, stop, '\n'), next_cr);
    const std::string_view segment(cursor, static_cast<std::size_t>(line_end - cursor));
    if (line_end == stop) {
      append_partial_line(segment);
      offset_ += segment.size();
      return;
    }
    if (partial_line_.empty()) {
      if (segment.size() > limits_.max_line_bytes) {
        append_partial_line(segment);  // reports the overflow
        return;
      }
      offset_ += segment.size();
      process_line(segment);
    } else {
      append_partial_line(segment);
      if (failed()) {
        return;
      }
      offset_ += segment.size();
      process_line(partial_line_);
      partial_line_.clear();
    }
    cursor = line_end + 1;
    ++offset_;
    if (*line_end == '\r') {
      if (cursor == stop) {
        skip_next_lf_ = true;  // an LF at the start of the next chunk belongs to this line end
      } else if (*cursor == '\n') {
        ++cursor;
        ++offset_;
      }
    }
    line_start_ = offset_;
  }
}

void SseParser::append_partial_line(std::string_view bytes) {
  if (partial_line_.size() + bytes.size() > limits_.max_line_bytes) {
    fail("SSE line longer than " + std::to_string(limits_.max_line_bytes) +
         " bytes (the line starts at byte " + std::to_string(line_start_) +
         " of the stream); the server or a proxy sent an oversized or unterminated line");
    return;
  }
  partial_line_.append(bytes);
}

void SseParser::process_line(std::string_view line) {
  if (line.empty()) {
    dispatch();
    return;
  }
  if (line.front() == ':') {
    return;  // comment
  }
  std::string_view field = line;
  std::string_view value;
  if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    field = line.substr(0, colon);
    value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') {
      value.remove_prefix(1);
    }
  }
  if (field == "data") {
    append_data(value);
  } else if (field == "event") {
    event_name_.assign(value);
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos) {  // the standard ignores ids holding NUL
      last_id_.emplace(value);
    }
  } else if (field == "retry") {
    if (auto retry = parse_retry(value)) {
      retry_ = retry;
    }
  }
  // Any other field name is ignored, as the standard requires.
}

void SseParser::append_data(std::string_view value) {
  const std::size_t separator = has_data_ ? 1 : 0;
  if (data_.size() + separator + value.size() > limits_.max_event_data_bytes) {
    fail("SSE event data larger than " + std::to_string(limits_.max_event_data_bytes) +
         " bytes (the data line starts at byte " + std::to_string(line_start_) + " of the stream)");
    return;
  }
  if (has_data_) {
    data_.push_back('\n');
  } else if (!spare_data_.empty() && data_.capacity() == std::string().capacity()) {
    // The last event took the storage with it: take a handed-back one rather than allocate.
    data_ = std::move(spare_data_.back());
    spare_data_.pop_back();
    spare_data_bytes_ -= data_.capacity();
  }
  data_.append(value);
  has_data_ = true;
}

void SseParser::dispatch() {
  if (has_data_) {
    SseEvent event;
    event.event = event_name_.empty() ? std::string("message") : std::move(event_name_);
    event.data = std::move(data_);
    event.id = last_id_;
    event.retry = retry_;
    ready_.push_back(std::move(event));
  }
  // A block without data lines dispatches nothing (as in browsers) but still ends the block.
  event_name_.clear();
  data_.clear();
  has_data_ = false;
  retry_.reset();
}

std::optional<SseEvent> SseParser::next_event() {
  if (ready_.empty()) {
    return std::nullopt;
  }
  return ready_.pop_front();
}

void SseParser::recycle(SseEvent&& event) {
  std::string& data = event.data;
  const std::size_t bytes = data.capacity();
  if (bytes > std::string().capacity() && spare_data_.size() < kMaxSpareData &&
      spare_data_bytes_ + bytes <= kMaxSpareDataBytes) {
    data.clear();
    spare_data_.push_back(std::move(data));
    spare_data_bytes_ += bytes;
  }
}

void SseParser::fail(const std::string& message) {
  failure_ = Error::stream_protocol(message);
  partial_line_.clear();
  partial_line_.shrink_to_fit();
  data_.clear();
  data_.shrink_to_fit();
  has_data_ = false;
}

}  // namespace aviso::sse
