// libFuzzer target for the SSE parser. Besides "no crash, no leak, no UB", it checks the parser's
// central property: cutting the same bytes into different chunks never changes the events, the
// failure state or the failure message.
#include "sse/sse_parser.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct Outcome {
  std::vector<aviso::sse::SseEvent> events;
  bool failed = false;
  std::string failure;
};

Outcome run(std::string_view stream, const std::vector<std::size_t>& cuts,
            aviso::sse::SseLimits limits) {
  aviso::sse::SseParser parser(limits);
  Outcome outcome;
  std::size_t begin = 0;
  for (const std::size_t cut : cuts) {
    parser.feed(stream.substr(begin, cut - begin));
    begin = cut;
    while (auto event = parser.next_event()) {  // interleave taking events with feeding
      outcome.events.push_back(std::move(*event));
    }
  }
  parser.feed(stream.substr(begin));
  while (auto event = parser.next_event()) {
    outcome.events.push_back(std::move(*event));
  }
  outcome.failed = parser.failed();
  if (parser.failed()) {
    outcome.failure = parser.failure()->what();
  }
  return outcome;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) {
    return 0;
  }
  // The first three bytes choose small bounds (so overflows are reachable) and the chunking.
  aviso::sse::SseLimits limits;
  limits.max_line_bytes = 1 + data[0] % 64;
  limits.max_event_data_bytes = 1 + data[1] % 128;
  const unsigned stride = 1 + data[2] % 7;
  const std::string_view stream(reinterpret_cast<const char*>(data + 3), size - 3);

  std::vector<std::size_t> cuts;
  for (std::size_t at = stride; at < stream.size(); at += stride + (at % 3)) {
    cuts.push_back(at);
  }
  const Outcome whole = run(stream, {}, limits);
  const Outcome chunked = run(stream, cuts, limits);
  if (whole.failed != chunked.failed || whole.failure != chunked.failure ||
      !(whole.events == chunked.events)) {
    std::abort();
  }
  for (const auto& event : whole.events) {
    if (event.data.size() > limits.max_event_data_bytes) {
      std::abort();
    }
  }
  return 0;
}
