// Latency from a notify to the start of a command trigger, against aviso-local-server, beside
// the two floors it is made of, measured in the same run:
//
//   shell floor      posix_spawn(/bin/sh -c 'echo 1 > FIFO') until the bench reads the line
//   delivery floor   notify sent until NotificationStream::next() returns it (no trigger)
//   command trigger  notify sent until the trigger's `echo <seq> > FIFO` reaches the bench
//
// "Start of the command" is the first thing the command does: a shell builtin writing the
// sequence to a FIFO the bench holds open, so the figure includes rendering, fork/exec of the
// shell and the shell's start-up, and nothing the command itself chooses to do afterwards.
// One notification at a time, so each sample is one notification's own path.
//
//   bench_trigger_latency [--count=N] [--server=PATH]
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "aviso/aviso.hpp"
#include "support/server_process.hpp"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

using aviso::bench::ServerProcess;
using aviso::bench::start_server;
using aviso::bench::stop_server;

// A FIFO the bench keeps open for reading and writing, so a writer's open never blocks and a
// read waits for data rather than for a writer.
class Fifo {
 public:
  Fifo() {
    char pattern[] = "/tmp/aviso-bench-trigger-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp");
    dir_ = pattern;
    path_ = dir_ + "/fifo";
    if (::mkfifo(path_.c_str(), 0600) != 0) throw std::runtime_error("mkfifo");
    fd_ = ::open(path_.c_str(), O_RDWR | O_CLOEXEC);
    if (fd_ < 0) throw std::runtime_error("open fifo");
  }
  ~Fifo() {
    ::close(fd_);
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  const std::string& path() const { return path_; }

  // The next line, waiting at most 10 s.
  std::string read_line() {
    for (;;) {
      const std::size_t newline = buffer_.find('\n');
      if (newline != std::string::npos) {
        std::string line = buffer_.substr(0, newline);
        buffer_.erase(0, newline + 1);
        return line;
      }
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 10000) != 1) throw std::runtime_error("no line on the FIFO within 10 s");
      char chunk[256];
      const ssize_t n = ::read(fd_, chunk, sizeof chunk);
      if (n <= 0) throw std::runtime_error("FIFO read failed");
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

 private:
  std::string dir_;
  std::string path_;
  int fd_ = -1;
  std::string buffer_;
};

struct Summary {
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
};

Summary summarise(std::vector<double> samples_ms) {
  std::sort(samples_ms.begin(), samples_ms.end());
  auto at = [&](double q) {
    const auto index = static_cast<std::size_t>(q * static_cast<double>(samples_ms.size() - 1));
    return samples_ms[index];
  };
  return Summary{at(0.50), at(0.99), samples_ms.back()};
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void notify(aviso::Client& client, int step) {
  client.notify("mars", {{"class", "od"},
                         {"expver", "0001"},
                         {"domain", "g"},
                         {"date", "20260601"},
                         {"time", "1200"},
                         {"stream", "enfo"},
                         {"step", std::to_string(step)}});
}

const nlohmann::json kOd = {{"class", "od"}};

std::vector<double> shell_floor(Fifo& fifo, int count) {
  const std::string script = "echo 1 > '" + fifo.path() + "'";
  std::vector<double> samples;
  for (int i = 0; i < count; ++i) {
    const char* argv[] = {"/bin/sh", "-c", script.c_str(), nullptr};
    const auto start = Clock::now();
    pid_t pid = -1;
    if (::posix_spawn(&pid, "/bin/sh", nullptr, nullptr, const_cast<char**>(argv), environ) != 0) {
      throw std::runtime_error("posix_spawn /bin/sh");
    }
    fifo.read_line();
    samples.push_back(ms_since(start));
    ::waitpid(pid, nullptr, 0);
  }
  return samples;
}

// Each watch starts after the last sequence already stored (the server numbers every
// notification from 1), so the warm-up notification arrives even when it is sent before the
// server has registered the watch.
aviso::WatchRequest watch_after(std::uint64_t sequence) {
  return aviso::WatchRequest::watch_from("mars", aviso::ResumeStart::after_sequence(sequence))
      .filter(kOd);
}

std::vector<double> delivery_floor(aviso::Client& client, int count, int first_step) {
  aviso::NotificationStream stream = client.watch(watch_after(0));
  notify(client, first_step);
  if (!stream.next(std::chrono::seconds(10))) throw std::runtime_error("the watch never started");
  std::vector<double> samples;
  for (int i = 1; i <= count; ++i) {
    const auto start = Clock::now();
    notify(client, first_step + i);
    if (!stream.next(std::chrono::seconds(10))) throw std::runtime_error("no delivery in 10 s");
    samples.push_back(ms_since(start));
  }
  return samples;
}

std::vector<double> command_trigger(aviso::Client& client, Fifo& fifo, int count, int first_step,
                                    std::uint64_t stored) {
  aviso::NotificationStream stream = client.watch(watch_after(stored).add_trigger(
      aviso::Trigger::command("echo {{ notification.sequence }} > '" + fifo.path() + "'")));
  notify(client, first_step);
  fifo.read_line();
  if (!stream.next(std::chrono::seconds(10))) throw std::runtime_error("the watch never started");
  std::vector<double> samples;
  for (int i = 1; i <= count; ++i) {
    const auto start = Clock::now();
    notify(client, first_step + i);
    fifo.read_line();
    samples.push_back(ms_since(start));
    // Pull it too, so the delivery queue never fills and pauses the stream.
    if (!stream.next(std::chrono::seconds(10))) throw std::runtime_error("no delivery in 10 s");
  }
  return samples;
}

void print_row(const char* name, const Summary& s) {
  std::printf("| %-48s | %8.2f | %8.2f | %8.2f |\n", name, s.p50_ms, s.p99_ms, s.max_ms);
}

}  // namespace

int main(int argc, char** argv) {
  int count = 1000;
  std::string binary = std::string(AVISO_BENCH_BIN_DIR) + "/aviso-local-server";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--count=", 0) == 0) count = std::stoi(arg.substr(8));
    if (arg.rfind("--server=", 0) == 0) binary = arg.substr(9);
  }
  if (count < 1) count = 1;
  const ServerProcess server = start_server(binary);
  int status = 0;
  try {
    Fifo fifo;
    aviso::Client client = aviso::ClientBuilder(server.url).build();
    const Summary shell = summarise(shell_floor(fifo, count));
    const Summary delivery = summarise(delivery_floor(client, count, 0));
    // The delivery floor stored count + 1 notifications.
    const Summary trigger = summarise(
        command_trigger(client, fifo, count, 10 * count, static_cast<std::uint64_t>(count) + 1));
    std::printf("%d notifications, one at a time, local server at %s\n\n", count,
                server.url.c_str());
    std::printf("| %-48s | %8s | %8s | %8s |\n", "path", "p50 ms", "p99 ms", "max ms");
    std::printf("| %-48s | %8s | %8s | %8s |\n", "---", "---:", "---:", "---:");
    print_row("shell floor: spawn /bin/sh until its echo", shell);
    print_row("delivery floor: notify until next() returns it", delivery);
    print_row("command trigger: notify until the command starts", trigger);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "bench_trigger_latency: %s\n", error.what());
    status = 1;
  }
  stop_server(server);
  return status;
}
