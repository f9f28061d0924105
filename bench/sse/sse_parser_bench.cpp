// Throughput of the SSE parser in bytes per second, on the shapes aviso streams really have:
// many small CloudEvent frames (the common case), and few large single-line notifications.
// Each case also varies the chunk size the transport hands over.
#include <benchmark/benchmark.h>

#include <string>
#include <string_view>

#include "sse/sse_parser.hpp"

namespace {

std::string notification_frame(std::size_t payload_bytes) {
  return "event: replay\n"
         "data: {\"data\":{\"identifier\":{\"class\":\"od\",\"date\":\"20250706\",\"domain\":\"g\","
         "\"expver\":\"0001\",\"step\":\"6\",\"stream\":\"enfo\",\"time\":\"1200\"},"
         "\"payload\":{\"path\":\"" +
         std::string(payload_bytes, 'p') +
         "\"}},\"datacontenttype\":\"application/json\",\"id\":\"mars@42\","
         "\"source\":\"http://localhost\",\"specversion\":\"1.0\","
         "\"time\":\"2026-06-10T09:00:05.123456789Z\",\"type\":\"int.ecmwf.aviso.mars\"}\n\n";
}

std::string stream_of(std::size_t payload_bytes, std::size_t total_bytes) {
  const std::string frame = notification_frame(payload_bytes);
  std::string stream;
  stream.reserve(total_bytes + frame.size());
  while (stream.size() < total_bytes) {
    stream += frame;
  }
  return stream;
}

void parse_in_chunks(benchmark::State& state, const std::string& stream, std::size_t chunk) {
  std::size_t events = 0;
  for (auto _ : state) {
    aviso::sse::SseParser parser;
    const std::string_view bytes = stream;
    for (std::size_t at = 0; at < bytes.size(); at += chunk) {
      parser.feed(bytes.substr(at, chunk));
      while (auto event = parser.next_event()) {
        benchmark::DoNotOptimize(event->data.data());
        ++events;
      }
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * stream.size()));
  state.counters["events/s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}

void BM_SmallNotifications(benchmark::State& state) {
  static const std::string stream = stream_of(64, 4 << 20);
  parse_in_chunks(state, stream, static_cast<std::size_t>(state.range(0)));
}
BENCHMARK(BM_SmallNotifications)->Arg(64)->Arg(1500)->Arg(16384)->Arg(1 << 20);

void BM_LargeNotifications(benchmark::State& state) {
  static const std::string stream = stream_of(512 << 10, 8 << 20);
  parse_in_chunks(state, stream, static_cast<std::size_t>(state.range(0)));
}
BENCHMARK(BM_LargeNotifications)->Arg(1500)->Arg(16384)->Arg(1 << 20);

void BM_CrlfHeartbeats(benchmark::State& state) {
  std::string stream;
  while (stream.size() < (2 << 20)) {
    stream += "event: heartbeat\r\ndata: {\"timestamp\":\"2026-02-25T18:58:23Z\"}\r\n\r\n";
  }
  parse_in_chunks(state, stream, 16384);
}
BENCHMARK(BM_CrlfHeartbeats);

}  // namespace

BENCHMARK_MAIN();
