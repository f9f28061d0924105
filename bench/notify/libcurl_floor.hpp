// The floor of the transport issue 3 prescribes: plain libcurl, multi interface, keep-alive,
// posting the same body over `concurrency` connections, with nothing of libaviso around it (no
// request objects, no JSON, no futures, no event loop of ours). notify_many cannot cost less CPU
// per request than this; bench_notify prints it beside notify_many and wrk so the part of the gap
// that libcurl itself accounts for is measured, not guessed.
#pragma once

#include <cstddef>
#include <string>

namespace aviso::bench {

struct FloorMeasure {
  double per_second = 0;
  double cpu_us_per_request = 0;  // the calling thread's user+system time
};

// Posts `body` to `url` for `seconds` (after one untimed round per connection to open them).
// Every answer must be 200, or it throws.
FloorMeasure libcurl_floor(const std::string& url, const std::string& body,
                           const std::string& user_agent, std::size_t concurrency, double seconds);

}  // namespace aviso::bench
