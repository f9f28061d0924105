#pragma once
// Starts aviso-local-server for a benchmark: `--port 0` plus the given flags, the URL read from
// its first stdout line. Header-only, shared by the benchmarks that need a server process.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

namespace aviso::bench {

struct ServerProcess {
  pid_t pid = -1;
  std::string url;
};

inline ServerProcess start_server(const std::string& binary,
                                  const std::vector<std::string>& extra_args = {}) {
  std::vector<std::string> args{binary, "--port", "0"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  int out[2];
  if (::pipe(out) != 0) throw std::runtime_error("pipe");
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::close(out[1]);
    ::execv(binary.c_str(), argv.data());
    std::_Exit(127);
  }
  ::close(out[1]);
  std::string line;
  char c = 0;
  while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
  ::close(out[0]);
  if (line.rfind("http", 0) != 0) throw std::runtime_error("the server did not print its URL");
  return ServerProcess{pid, line};
}

inline void stop_server(const ServerProcess& server) {
  ::kill(server.pid, SIGTERM);
  ::waitpid(server.pid, nullptr, 0);
}

}  // namespace aviso::bench
