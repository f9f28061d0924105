// aviso_resume_listener: a minimal listening process for the restart tests (resume_test.cpp).
//
//   aviso_resume_listener BASE_URL STATE_FILE JOURNAL [--flush-on-exit] [--delay-ms N]
//
// Watches mars (class od) with a JsonFileStore and no explicit start, so a restart resumes after
// the stored cursor. Each notification pulled is appended to JOURNAL as "<sequence>\n" before the
// next pull (the pull is what commits the previous one). SIGTERM or SIGINT closes the stream (the
// exit flush runs when --flush-on-exit is given) and exits 0; a watch error exits 1.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "aviso/client.hpp"
#include "aviso/state.hpp"
#include "aviso/watch.hpp"

namespace {

volatile std::sig_atomic_t g_stop_requested = 0;

void request_stop(int) { g_stop_requested = 1; }

bool append_line(int fd, const std::string& line) {
  const std::string text = line + "\n";
  return ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
}

int usage() {
  std::cerr << "usage: aviso_resume_listener BASE_URL STATE_FILE JOURNAL [--flush-on-exit] "
               "[--delay-ms N]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) return usage();
  const std::string base_url = argv[1];
  const std::string state_file = argv[2];
  const std::string journal_path = argv[3];
  bool flush_on_exit = false;
  int delay_ms = 0;
  for (int i = 4; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--flush-on-exit") {
      flush_on_exit = true;
    } else if (arg == "--delay-ms" && i + 1 < argc) {
      delay_ms = std::atoi(argv[++i]);
    } else {
      return usage();
    }
  }

  struct sigaction action {};
  action.sa_handler = request_stop;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGTERM, &action, nullptr);
  ::sigaction(SIGINT, &action, nullptr);

  const int journal = ::open(journal_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (journal < 0) {
    std::perror(journal_path.c_str());
    return 2;
  }
  try {
    auto store = std::make_shared<aviso::JsonFileStore>(aviso::JsonFileStore::open(state_file));
    aviso::Client client = aviso::ClientBuilder(base_url)
                               .state_store(store)
                               .flush_cursor_on_exit(flush_on_exit)
                               .heartbeat_interval(std::chrono::seconds(1))
                               .build();
    aviso::NotificationStream stream =
        client.watch(aviso::WatchRequest::watch("mars").filter({{"class", "od"}}));
    while (g_stop_requested == 0) {
      std::optional<aviso::Notification> next = stream.next(std::chrono::milliseconds(50));
      if (!next) {
        if (stream.ended()) break;
        continue;
      }
      if (!append_line(journal, std::to_string(next->sequence()))) {
        std::perror("journal");
        return 2;
      }
      if (delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    }
    stream.close();
  } catch (const aviso::Error& error) {
    std::cerr << "aviso_resume_listener: " << error.what() << '\n';
    return 1;
  }
  ::close(journal);
  return 0;
}
