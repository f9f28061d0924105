// bench_idle_watches: the cost of many idle live watches in one process.
//
//   bench_idle_watches URL [WATCHES=1000]      (URL: aviso-local-server started with --test-hooks)
//
// Opens one watch first (it starts the client's I/O thread and the worker pool, which are paid
// once), records RSS and the thread count, then opens WATCHES more live watches on the same
// client and waits until the server reports them all open (GET /_test/requests). Prints RSS
// growth per watch and the process's threads, from /proc/self/status.
#include <curl/curl.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "aviso/client.hpp"
#include "aviso/watch.hpp"

namespace {

// A field of /proc/self/status ("VmRSS" in KiB, "Threads").
long proc_status(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::atol(line.c_str() + field.size() + 1);
  }
  return -1;
}

std::size_t append(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// open_streams from the server's test hook, -1 when it cannot be read.
long open_streams(const std::string& url) {
  CURL* curl = curl_easy_init();
  std::string body;
  const std::string address = url + "/_test/requests";
  curl_easy_setopt(curl, CURLOPT_URL, address.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  const CURLcode code = curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  if (code != CURLE_OK) return -1;
  return nlohmann::json::parse(body, nullptr, false).value("open_streams", -1L);
}

bool wait_for_streams(const std::string& url, long count) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    if (open_streams(url) >= count) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bench_idle_watches URL [WATCHES]\n";
    return 2;
  }
  const std::string url = argv[1];
  const long watches = argc > 2 ? std::atol(argv[2]) : 1000;
  curl_global_init(CURL_GLOBAL_DEFAULT);
  try {
    aviso::Client client = aviso::ClientBuilder(url).build();
    const auto request = aviso::WatchRequest::watch("mars").filter({{"class", "od"}});
    std::vector<aviso::NotificationStream> streams;
    streams.reserve(static_cast<std::size_t>(watches) + 1);
    streams.push_back(client.watch(request));
    if (!wait_for_streams(url, 1)) {
      std::cerr << "the first watch never opened\n";
      return 1;
    }
    const long rss_before = proc_status("VmRSS");
    const long threads_before = proc_status("Threads");
    const auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < watches; ++i) streams.push_back(client.watch(request));
    if (!wait_for_streams(url, watches + 1)) {
      std::cerr << "only " << open_streams(url) << " of " << watches + 1 << " streams opened\n";
      return 1;
    }
    const std::chrono::duration<double> opening = std::chrono::steady_clock::now() - start;
    // Let the heartbeats that followed each opening be read, so buffers are at rest.
    std::this_thread::sleep_for(std::chrono::seconds(2));
    const long rss_after = proc_status("VmRSS");
    const long threads_after = proc_status("Threads");
    std::cout << "watches " << watches << "\n"
              << "open_seconds " << opening.count() << "\n"
              << "rss_before_kib " << rss_before << "\n"
              << "rss_after_kib " << rss_after << "\n"
              << "rss_per_watch_kib " << static_cast<double>(rss_after - rss_before) / watches
              << "\n"
              << "threads_before " << threads_before << "\n"
              << "threads_after " << threads_after << "\n";
    for (aviso::NotificationStream& stream : streams) stream.close();
  } catch (const aviso::Error& error) {
    std::cerr << "bench_idle_watches: " << error.what() << '\n';
    return 1;
  }
  curl_global_cleanup();
  return 0;
}
