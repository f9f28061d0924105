// notify_many throughput against aviso-local-server, beside the limit it chases: wrk posting the
// same body over the same number of connections to the same server, in the same run; and beside
// the floor of its transport, plain libcurl multi doing the same (libcurl_floor.hpp).
//
//   bench_notify [--seconds=N] [--rounds=R] [--server=PATH] [--concurrency=C] [--client-only]
//
// --concurrency runs one level instead of 16 and 64; --client-only skips wrk, so a profiler
// attached to this process (perf record -p, strace -c -f -p) sees the client alone.
//
// Prints one row per concurrency: client notifications/s, plain libcurl's and wrk's requests/s,
// and the ratios of the first two to wrk. Each figure is the median of R rounds, and the three
// runs alternate within a round, so a change in the machine's load hits all sides alike.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "aviso/aviso.hpp"
#include "notify/libcurl_floor.hpp"
#include "support/cpu_time.hpp"
#include "support/server_process.hpp"

namespace {

// The built-in mars schema requires every key_order field on notify.
const char* const kBody =
    R"({"event_type":"mars","identifier":{"class":"od","expver":"0001","domain":"g",)"
    R"("date":"20260601","time":"0000","stream":"oper","step":"12"},)"
    R"("payload":{"location":"file:///data/f.grib"}})";

// Throughput and the CPU it cost. On a shared machine the rate follows the load of the moment,
// while CPU time per request is a property of the code, so both are reported.
struct Measure {
  double per_second = 0;
  double cpu_us_per_request = 0;
};

using aviso::bench::cpu_seconds;
using aviso::bench::ServerProcess;
using aviso::bench::start_server;
using aviso::bench::stop_server;

Measure client_rate(aviso::Client& client, std::size_t concurrency, double seconds) {
  const nlohmann::json body = nlohmann::json::parse(kBody);
  const aviso::NotificationRequest request = aviso::NotificationRequest("mars")
                                                 .with_identifier(body["identifier"])
                                                 .with_payload(body["payload"]);
  const std::vector<aviso::NotificationRequest> batch(concurrency * 200, request);
  client.notify_many(batch, concurrency);  // warm the connections
  std::size_t sent = 0;
  const double cpu_before = cpu_seconds(RUSAGE_SELF);  // every thread of this process
  const auto start = std::chrono::steady_clock::now();
  double elapsed = 0;
  while (elapsed < seconds) {
    for (const auto& result : client.notify_many(batch, concurrency)) {
      if (!result.ok()) throw std::runtime_error(result.error->message);
    }
    sent += batch.size();
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  const double cpu = cpu_seconds(RUSAGE_SELF) - cpu_before;
  return Measure{static_cast<double>(sent) / elapsed, cpu * 1e6 / static_cast<double>(sent)};
}

Measure wrk_rate(const std::string& url, std::size_t connections, double seconds) {
  char script_path[] = "/tmp/aviso-bench-wrk-XXXXXX";
  const int fd = ::mkstemp(script_path);
  if (fd < 0) throw std::runtime_error("mkstemp");
  ::close(fd);
  std::ofstream(script_path) << "wrk.method = \"POST\"\n"
                             << "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                             << "wrk.body = '" << kBody << "'\n";
  const std::string command = "wrk -t 1 -c " + std::to_string(connections) + " -d " +
                              std::to_string(static_cast<int>(seconds)) + "s -s " + script_path +
                              " " + url + "/api/v1/notification 2>&1";
  const double cpu_before = cpu_seconds(RUSAGE_CHILDREN);  // wrk (and its shell) once waited for
  FILE* pipe = ::popen(command.c_str(), "r");
  double rate = 0;
  long rejected = 0;
  char line[512];
  while (pipe != nullptr && std::fgets(line, sizeof line, pipe) != nullptr) {
    std::sscanf(line, "Requests/sec: %lf", &rate);
    std::sscanf(line, " Non-2xx or 3xx responses: %ld", &rejected);
  }
  if (pipe != nullptr) ::pclose(pipe);
  ::unlink(script_path);
  // A rejected body would be answered faster than a stored one and flatter the limit.
  if (rejected != 0) throw std::runtime_error("wrk got non-2xx answers: the body is not accepted");
  const double cpu = cpu_seconds(RUSAGE_CHILDREN) - cpu_before;
  const double requests = rate * seconds;
  return Measure{rate, requests > 0 ? cpu * 1e6 / requests : 0};
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

std::string load_average() {
  std::ifstream file("/proc/loadavg");
  std::string one, five, fifteen;
  file >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 5;
  int rounds = 3;
  std::string binary = std::string(AVISO_BENCH_BIN_DIR) + "/aviso-local-server";
  std::vector<std::size_t> concurrencies = {16, 64};
  bool client_only = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--seconds=", 0) == 0) seconds = std::stod(arg.substr(10));
    if (arg.rfind("--server=", 0) == 0) binary = arg.substr(9);
    if (arg.rfind("--rounds=", 0) == 0) rounds = std::max(1, std::stoi(arg.substr(9)));
    if (arg.rfind("--concurrency=", 0) == 0) {
      concurrencies = {static_cast<std::size_t>(std::max(1, std::stoi(arg.substr(14))))};
    }
    if (arg == "--client-only") client_only = true;
  }
  try {
    const ServerProcess server = start_server(binary, {"--max-history-per-topic", "1000"});
    aviso::Client client = aviso::ClientBuilder(server.url).build();
    std::printf("load average before: %s\n", load_average().c_str());
    std::printf("median of %d rounds of %.0f s each; CPU = user+system time per request\n", rounds,
                seconds);
    std::printf("%-12s %14s %12s %12s %8s %8s %12s %12s %10s\n", "concurrency", "notify_many/s",
                "libcurl/s", "wrk req/s", "ratio", "libcurl", "client CPU us", "libcurl CPU",
                "wrk CPU us");
    const std::string url = server.url + "/api/v1/notification";
    const std::string user_agent = "aviso/" + aviso::version();
    for (std::size_t concurrency : concurrencies) {
      std::vector<double> ours, floor, theirs, our_cpu, floor_cpu, their_cpu;
      for (int round = 0; round < rounds; ++round) {
        const Measure client_side = client_rate(client, concurrency, seconds);
        const aviso::bench::FloorMeasure floor_side =
            aviso::bench::libcurl_floor(url, kBody, user_agent, concurrency, seconds);
        const Measure wrk_side =
            client_only ? Measure{} : wrk_rate(server.url, concurrency, seconds);
        ours.push_back(client_side.per_second);
        our_cpu.push_back(client_side.cpu_us_per_request);
        floor.push_back(floor_side.per_second);
        floor_cpu.push_back(floor_side.cpu_us_per_request);
        theirs.push_back(wrk_side.per_second);
        their_cpu.push_back(wrk_side.cpu_us_per_request);
      }
      const double ours_median = median(ours), floor_median = median(floor),
                   theirs_median = median(theirs);
      const auto to_wrk = [theirs_median](double rate) {
        return theirs_median > 0 ? rate / theirs_median : 0.0;
      };
      std::printf("%-12zu %14.0f %12.0f %12.0f %8.2f %8.2f %12.1f %12.1f %10.1f\n", concurrency,
                  ours_median, floor_median, theirs_median, to_wrk(ours_median),
                  to_wrk(floor_median), median(our_cpu), median(floor_cpu), median(their_cpu));
    }
    std::printf("load average after:  %s\n", load_average().c_str());
    stop_server(server);
  } catch (const std::exception& error) {
    std::cerr << "bench_notify: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
