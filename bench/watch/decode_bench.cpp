// CPU per notification of the two halves of a replay's decode, on the CloudEvent the replay
// benchmark streams (424 bytes): what the client's I/O thread does with each event
// (decode_frame: the full check of the CloudEvent, its id, the kept text), and what the consumer
// pays when it reads identifier() and payload() (built from the kept text on first use, then
// freed with the notification). bench_watch_replay measures the same work end to end.
#include <benchmark/benchmark.h>

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "sse/sse_event.hpp"
#include "watch/frame.hpp"

namespace {

aviso::sse::SseEvent replay_event() {
  aviso::sse::SseEvent event;
  event.event = "replay";
  event.data =
      R"({"data":{"identifier":{"class":"od","date":"20260601","domain":"g","expver":"0001",)"
      R"("step":"4242","stream":"enfo","time":"1200"},"payload":{"path":"/data/od/enfo/20260601/)"
      R"(1200/4242"}},"datacontenttype":"application/json","dataschema":"http://localhost/schema/)"
      R"(mars","id":"mars@4243","source":"http://localhost","specversion":"1.0","time":"2026-11-)"
      R"(26T20:51:43.060071453Z","type":"int.ecmwf.aviso.mars"})";
  return event;
}

aviso::Notification decoded(const aviso::sse::SseEvent& event) {
  auto frame = aviso::watch::frames::decode_frame(event);
  return std::get<aviso::watch::frames::NotificationFrame>(std::move(frame)).notification;
}

// The I/O thread's share: decode, then hand the notification on (it is freed elsewhere; here
// right away).
void BM_DecodeFrame(benchmark::State& state) {
  const aviso::sse::SseEvent event = replay_event();
  for (auto _ : state) {
    aviso::watch::frames::Frame frame = aviso::watch::frames::decode_frame(event);
    benchmark::DoNotOptimize(frame);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * event.data.size()));
}
BENCHMARK(BM_DecodeFrame);

// The same as a stream decodes it: after the stream's first CloudEvent, each is checked against
// the shape of the last one (NotificationTemplate), a comparison of bytes.
void BM_DecodeFrameWithShape(benchmark::State& state) {
  const aviso::sse::SseEvent event = replay_event();
  aviso::watch::frames::NotificationTemplate shape;
  for (auto _ : state) {
    aviso::watch::frames::Frame frame = aviso::watch::frames::decode_frame(event, &shape);
    benchmark::DoNotOptimize(frame);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * event.data.size()));
}
BENCHMARK(BM_DecodeFrameWithShape);

// The consumer's share: identifier() and payload() of a fresh notification, then its release.
// The notifications are decoded outside the timed region, a batch at a time.
void BM_ReadFields(benchmark::State& state) {
  const aviso::sse::SseEvent event = replay_event();
  constexpr std::size_t kBatch = 256;
  std::vector<aviso::Notification> batch;
  std::size_t next = kBatch;
  for (auto _ : state) {
    if (next == kBatch) {
      state.PauseTiming();
      batch.clear();
      for (std::size_t i = 0; i < kBatch; ++i) batch.push_back(decoded(event));
      next = 0;
      state.ResumeTiming();
    }
    aviso::Notification notification = std::move(batch[next++]);
    benchmark::DoNotOptimize(notification.identifier().size() + notification.payload().size());
  }
}
BENCHMARK(BM_ReadFields);
// Fixed work for instruction counting, where the host is too noisy for timings: run
// `bench_watch_decode count 10000` under valgrind --tool=callgrind --collect-atstart=no with
// --toggle-collect='*decode_many*' for the I/O thread's instructions (divide by the count), or
// '*read_many*' for the consumer's, or '*decode_shaped_many*' for the I/O thread's as a stream
// decodes (with the learnt shape).
[[gnu::noinline]] std::size_t decode_many(const aviso::sse::SseEvent& event, std::size_t count) {
  std::size_t decoded_count = 0;
  for (std::size_t i = 0; i < count; ++i) {
    aviso::watch::frames::Frame frame = aviso::watch::frames::decode_frame(event);
    decoded_count += frame.index();
  }
  return decoded_count;
}

[[gnu::noinline]] std::size_t decode_shaped_many(const aviso::sse::SseEvent& event,
                                                 std::size_t count) {
  aviso::watch::frames::NotificationTemplate shape;
  std::size_t decoded_count = 0;
  for (std::size_t i = 0; i < count; ++i) {
    aviso::watch::frames::Frame frame = aviso::watch::frames::decode_frame(event, &shape);
    decoded_count += frame.index();
  }
  return decoded_count;
}

[[gnu::noinline]] std::size_t read_many(std::vector<aviso::Notification>& notifications) {
  std::size_t fields = 0;
  for (aviso::Notification& notification : notifications) {
    fields += notification.identifier().size() + notification.payload().size();
    aviso::Notification done = std::move(notification);  // freed here, as a consumer does
  }
  return fields;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "count") {
    const std::size_t count = std::stoul(argv[2]);
    const aviso::sse::SseEvent event = replay_event();
    std::vector<aviso::Notification> notifications;
    for (std::size_t i = 0; i < count; ++i) notifications.push_back(decoded(event));
    const std::size_t decoded_count = decode_many(event, count) + decode_shaped_many(event, count);
    const std::size_t fields = read_many(notifications);
    return decoded_count + fields > 0 ? 0 : 1;
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
