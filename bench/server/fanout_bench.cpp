// Fan-out latency of aviso-local-server: N watchers on raw sockets, one notification published,
// time until every watcher has received it. Repeated R times; prints one table row per statistic.
//   aviso_server_fanout_bench PORT [WATCHERS=1000] [ROUNDS=5]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

int connect_to(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    std::perror("connect");
    std::exit(1);
  }
  return fd;
}

void send_request(int fd, const std::string& path, const std::string& body) {
  const std::string request = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
                              "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) {
    std::perror("send");
    std::exit(1);
  }
}

struct Watcher {
  int fd;
  std::string unread;
  int notifications = 0;
  bool established = false;
};

// Reads whatever is available on every watcher until `done` holds for all of them.
template <typename Done>
void pump(std::vector<Watcher>& watchers, Done done) {
  std::vector<pollfd> fds(watchers.size());
  while (true) {
    bool all = true;
    for (std::size_t i = 0; i < watchers.size(); ++i) {
      fds[i] = pollfd{watchers[i].fd, static_cast<short>(done(watchers[i]) ? 0 : POLLIN), 0};
      all = all && done(watchers[i]);
    }
    if (all) return;
    if (::poll(fds.data(), fds.size(), 10000) <= 0) {
      std::fprintf(stderr, "fan-out: watchers stopped receiving\n");
      std::exit(1);
    }
    char buffer[16384];
    for (std::size_t i = 0; i < watchers.size(); ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = ::recv(watchers[i].fd, buffer, sizeof buffer, 0);
      if (n <= 0) {
        std::fprintf(stderr, "fan-out: a watcher was disconnected\n");
        std::exit(1);
      }
      Watcher& w = watchers[i];
      w.unread.append(buffer, static_cast<std::size_t>(n));
      // Whole events end with a blank line; chunk-size lines in between do not matter here.
      std::size_t end = 0;
      while ((end = w.unread.find("\n\n")) != std::string::npos) {
        const std::string_view block(w.unread.data(), end);
        if (block.find("event: live-notification\ndata: {\"connection_") != std::string_view::npos) {
          w.established = true;
        } else if (block.find("event: live-notification\ndata: {\"data\"") != std::string_view::npos) {
          ++w.notifications;
        }
        w.unread.erase(0, end + 2);
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s PORT [WATCHERS] [ROUNDS]\n", argv[0]);
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const int count = argc > 2 ? std::atoi(argv[2]) : 1000;
  const int rounds = argc > 3 ? std::atoi(argv[3]) : 5;

  rlimit limit{};
  ::getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = std::max<rlim_t>(limit.rlim_cur, std::min<rlim_t>(limit.rlim_max, 2 * count + 64));
  ::setrlimit(RLIMIT_NOFILE, &limit);

  const std::string watch = R"({"event_type":"mars","identifier":{"class":"od"}})";
  const std::string notify =
      R"({"event_type":"mars","identifier":{"class":"od","expver":"1","domain":"g","date":"20250706",)"
      R"("time":"1200","stream":"enfo","step":"6"},"payload":{"size":1}})";

  std::vector<Watcher> watchers;
  const auto connect_start = Clock::now();
  for (int i = 0; i < count; ++i) {
    watchers.push_back(Watcher{connect_to(port), {}, 0, false});
    send_request(watchers.back().fd, "/api/v1/watch", watch);
  }
  pump(watchers, [](const Watcher& w) { return w.established; });
  const double connect_ms = std::chrono::duration<double, std::milli>(Clock::now() - connect_start).count();

  std::vector<double> samples;
  const int publisher = connect_to(port);
  for (int round = 1; round <= rounds; ++round) {
    const auto start = Clock::now();
    send_request(publisher, "/api/v1/notification", notify);
    pump(watchers, [round](const Watcher& w) { return w.notifications >= round; });
    samples.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    char drain[4096];
    while (::recv(publisher, drain, sizeof drain, MSG_DONTWAIT) > 0) {
    }
  }
  std::sort(samples.begin(), samples.end());
  std::printf("| fan-out: open %d watch streams | %.1f ms |\n", count, connect_ms);
  std::printf("| fan-out: 1 notification to %d watchers, median of %d | %.2f ms |\n", count, rounds,
              samples[samples.size() / 2]);
  std::printf("| fan-out: 1 notification to %d watchers, worst of %d | %.2f ms |\n", count, rounds, samples.back());
  for (const auto& w : watchers) ::close(w.fd);
  ::close(publisher);
  return 0;
}
