// bench_watch_replay: how fast the library delivers a long replay from aviso-local-server.
//
//   bench_watch_replay publish URL COUNT        store COUNT mars notifications (steps 0..COUNT-1)
//   bench_watch_replay replay URL COUNT [ROUNDS] replay them all ROUNDS times (default 3)
//
// Each replay round is one replay-only watch from sequence 1 with the class=od filter; the time
// runs from Client::watch until the stream ends, and every notification is pulled by the
// consumer (the pull stream, as a user would), which reads its identifier and payload. One line per
// round: "library <n> <seconds>". bench/watch/run prints these beside curl -N transferring the same
// replay to /dev/null.
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "aviso/client.hpp"
#include "aviso/watch.hpp"

namespace {

int publish(const std::string& url, int count) {
  aviso::Client client = aviso::ClientBuilder(url).build();
  constexpr int kChunk = 2000;
  for (int first = 0; first < count; first += kChunk) {
    std::vector<aviso::NotificationRequest> batch;
    for (int step = first; step < count && step < first + kChunk; ++step) {
      aviso::NotificationRequest request("mars");
      request.with_identifier({{"class", "od"},
                               {"expver", "0001"},
                               {"domain", "g"},
                               {"date", "20260601"},
                               {"time", "1200"},
                               {"stream", "enfo"},
                               {"step", std::to_string(step)}});
      request.with_payload({{"path", "/data/od/enfo/20260601/1200/" + std::to_string(step)}});
      batch.push_back(std::move(request));
    }
    for (const aviso::NotifyResult& result : client.notify_many(batch, 32)) {
      if (!result.ok()) {
        std::cerr << "publish failed at item " << first + static_cast<int>(result.index) << '\n';
        return 1;
      }
    }
  }
  return 0;
}

int replay(const std::string& url, std::uint64_t count, int rounds) {
  aviso::Client client = aviso::ClientBuilder(url).build();
  for (int round = 0; round < rounds; ++round) {
    const auto start = std::chrono::steady_clock::now();
    aviso::NotificationStream stream =
        client.watch(aviso::WatchRequest::replay_only("mars", aviso::ResumeStart::after_sequence(0))
                         .filter({{"class", "od"}}));
    std::uint64_t delivered = 0;
    std::uint64_t last = 0;
    std::size_t checked_fields = 0;
    for (const aviso::Notification& n : stream) {
      ++delivered;
      last = n.sequence();
      // Read the fields, as a consumer does: they are decoded on first use.
      checked_fields += n.identifier().size() + (n.payload().is_null() ? 0 : 1);
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    if (delivered != count || last != count || checked_fields != count * 8) {
      std::cerr << "replay delivered " << delivered << " (last " << last << "), expected " << count
                << '\n';
      return 1;
    }
    std::cout << "library " << delivered << ' ' << elapsed.count() << '\n';
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: bench_watch_replay publish|replay URL COUNT [ROUNDS]\n";
    return 2;
  }
  const std::string mode = argv[1];
  const std::string url = argv[2];
  const long count = std::atol(argv[3]);
  try {
    if (mode == "publish") return publish(url, static_cast<int>(count));
    if (mode == "replay") {
      return replay(url, static_cast<std::uint64_t>(count), argc > 4 ? std::atoi(argv[4]) : 3);
    }
  } catch (const aviso::Error& error) {
    std::cerr << "bench_watch_replay: " << error.what() << '\n';
    return 1;
  }
  std::cerr << "unknown mode " << mode << '\n';
  return 2;
}
