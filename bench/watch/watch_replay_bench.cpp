// bench_watch_replay: how fast the library delivers a long replay from aviso-local-server.
//
//   bench_watch_replay publish URL COUNT   store COUNT mars notifications (steps 0..COUNT-1)
//   bench_watch_replay replay URL COUNT [ROUNDS] [fields|delivery|callback] [replay-only|catch-up]
//                                          replay them all ROUNDS times (default 3)
//
// Each replay round is one watch from sequence 1 with the class=od filter; the time runs from
// Client::watch until the COUNT-th notification, and every notification is pulled by the
// consumer (the pull stream, as a user would). `replay-only` (the default) is a replay-only watch,
// which the server ends after the last one; `catch-up` is a watch from sequence 1 that goes on
// live after the history, as a consumer resuming after a restart does, and the consumer stops it
// after the COUNT-th (its connection is watched for heartbeat silence, a replay-only one is not).
// With `fields` (the default) the consumer reads each notification's identifier and payload, as
// a real consumer does; with `delivery` it reads only the sequence, which measures delivery
// alone; `callback` reads the fields in the facade's callback form (Client::watch with a
// NotificationHandler, on the library's callback threads) instead of the pull stream. One line per
// round: "library <n> <seconds>". bench/watch/run prints these beside curl -N transferring the same
// replay to /dev/null.
//
// After the rounds, one line per thread of the process with the CPU it used in all of them:
// "thread main <seconds>" for the consumer (the main thread), "thread <tid> <seconds>" for the
// others (the client's I/O thread is the busy one), read from /proc/self/task/*/stat; then
// "peak_rss_kib <n>", the process's high-water mark of resident memory (VmHWM).
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
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

// User plus system CPU seconds of one thread, from its /proc stat line (fields 14 and 15, counted
// after the parenthesised command name, which may itself hold spaces).
double thread_cpu_seconds(const std::filesystem::path& stat_path) {
  std::ifstream file(stat_path);
  std::string line;
  std::getline(file, line);
  const std::size_t name_end = line.rfind(')');
  if (name_end == std::string::npos) return 0;
  std::istringstream fields(line.substr(name_end + 2));
  std::string field;
  unsigned long long utime = 0;
  unsigned long long stime = 0;
  for (int index = 3; fields >> field; ++index) {  // field 3 is the state
    if (index == 14) utime = std::stoull(field);
    if (index == 15) {
      stime = std::stoull(field);
      break;
    }
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

void print_thread_cpu() {
  const std::string main_tid = std::to_string(getpid());
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    const std::string tid = task.path().filename().string();
    std::cout << "thread " << (tid == main_tid ? std::string("main") : tid) << ' '
              << thread_cpu_seconds(task.path() / "stat") << '\n';
  }
}

void print_peak_rss() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) {
      std::istringstream fields(line.substr(6));
      long kib = 0;
      fields >> kib;
      std::cout << "peak_rss_kib " << kib << '\n';
    }
  }
}

struct Tally {
  std::uint64_t delivered = 0;
  std::uint64_t last = 0;
  std::size_t checked_fields = 0;

  void take(const aviso::Notification& n, bool read_fields) {
    ++delivered;
    last = n.sequence();
    // Read the fields, as a consumer does: they are decoded on first use.
    if (read_fields) checked_fields += n.identifier().size() + (n.payload().is_null() ? 0 : 1);
  }
};

// The facade's callback form: counts on the library's callback thread and stops the watch after
// `count` (a live watch never ends by itself).
class CountingHandler : public aviso::NotificationHandler {
 public:
  CountingHandler(std::uint64_t count, Tally& tally) : count_(count), tally_(tally) {}
  bool on_notification(const aviso::Notification& notification) override {
    tally_.take(notification, true);
    return tally_.delivered < count_;
  }

 private:
  std::uint64_t count_;
  Tally& tally_;
};

int replay(const std::string& url, std::uint64_t count, int rounds, bool read_fields, bool callback,
           bool catch_up) {
  aviso::Client client = aviso::ClientBuilder(url).build();
  for (int round = 0; round < rounds; ++round) {
    const auto start = std::chrono::steady_clock::now();
    const aviso::ResumeStart from_first = aviso::ResumeStart::after_sequence(0);
    aviso::WatchRequest request = (catch_up ? aviso::WatchRequest::watch_from("mars", from_first)
                                            : aviso::WatchRequest::replay_only("mars", from_first))
                                      .filter({{"class", "od"}});
    Tally tally;
    if (callback) {
      CountingHandler handler(count, tally);
      aviso::Watch watch = client.watch(request, handler);
      watch.wait();
    } else {
      aviso::NotificationStream stream = client.watch(request);
      for (const aviso::Notification& n : stream) {
        tally.take(n, read_fields);
        if (catch_up && tally.delivered == count) break;  // a live watch never ends by itself
      }
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    if (tally.delivered != count || tally.last != count ||
        (read_fields && tally.checked_fields != count * 8)) {
      std::cerr << "replay delivered " << tally.delivered << " (last " << tally.last
                << "), expected " << count << '\n';
      return 1;
    }
    std::cout << "library " << tally.delivered << ' ' << elapsed.count() << '\n';
  }
  print_thread_cpu();
  print_peak_rss();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: bench_watch_replay publish URL COUNT\n"
                 "       bench_watch_replay replay URL COUNT [ROUNDS] [fields|delivery|callback] "
                 "[replay-only|catch-up]\n";
    return 2;
  }
  const std::string mode = argv[1];
  const std::string url = argv[2];
  const long count = std::atol(argv[3]);
  try {
    if (mode == "publish") return publish(url, static_cast<int>(count));
    if (mode == "replay") {
      const std::string consumer = argc > 5 ? argv[5] : "fields";
      if (consumer != "fields" && consumer != "delivery" && consumer != "callback") {
        std::cerr << "unknown consumer " << consumer << " (fields, delivery or callback)\n";
        return 2;
      }
      const std::string watch_kind = argc > 6 ? argv[6] : "replay-only";
      if (watch_kind != "replay-only" && watch_kind != "catch-up") {
        std::cerr << "unknown watch kind " << watch_kind << " (replay-only or catch-up)\n";
        return 2;
      }
      return replay(url, static_cast<std::uint64_t>(count), argc > 4 ? std::atoi(argv[4]) : 3,
                    consumer != "delivery", consumer == "callback", watch_kind == "catch-up");
    }
  } catch (const aviso::Error& error) {
    std::cerr << "bench_watch_replay: " << error.what() << '\n';
    return 1;
  }
  std::cerr << "unknown mode " << mode << '\n';
  return 2;
}
