#pragma once
// aviso::test::LocalServer: runs the real aviso-local-server binary for a test.
//
//   #include "support/local_server.hpp"        // link aviso_test_support
//   aviso::test::LocalServer server({"--heartbeat-interval", "1"});
//   server.url();            // "http://127.0.0.1:41234" (the first stdout line of the server)
//   server.port();  server.pid();
//   server.hook("fail", R"({"route":"/api/v1/notification","status":503,"retry_after":"1"})");
//   server.hook("drop-streams");             // also inject-error, pause-heartbeats, close-streams,
//   reset server.request_count("/api/v1/watch");   // requests the server received on that path
//   server.get("/health"), server.post(path, json), server.del(path, json) -> HttpReply
//   server.terminate();      // SIGTERM and wait; returns the exit status (128+signal if killed)
//   server.kill();           // SIGKILL and wait
//   server.restart();        // start again on the same port with the same arguments
//
// The constructor starts `<AVISO_TEST_BIN_DIR>/aviso-local-server --port 0 --test-hooks <args>`
// (`--port 0` is left out when args name a port) and waits up to 10 s for the URL line; it throws
// std::runtime_error if the server exits or stays silent. The child dies with the test process
// (PR_SET_PDEATHSIG) and the destructor kills it. Server logs go to the test's stderr.
//
// CMake: aviso_add_test(my_test SOURCES ... LIBS aviso_test_support ...). The library already
// depends on the aviso-local-server target, so the binary is built first; the order in which the
// test folders are added does not matter.

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace aviso::test {

struct HttpReply {
  long status = 0;  // 0 when the request could not be sent
  std::string body;
  std::multimap<std::string, std::string> headers;  // names lower-cased

  // The first value of a header (name in any case), or "" when absent.
  std::string header(const std::string& name) const;
};

class LocalServer {
 public:
  explicit LocalServer(std::vector<std::string> args = {});
  ~LocalServer();
  LocalServer(const LocalServer&) = delete;
  LocalServer& operator=(const LocalServer&) = delete;

  const std::string& url() const { return url_; }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }

  int terminate();
  void kill();
  void restart();

  // POST /_test/<name> with a JSON body (default {}).
  HttpReply hook(const std::string& name, const std::string& json_body = "{}") const;
  // GET /_test/requests, the count of one path (0 when never requested).
  long request_count(const std::string& path) const;

  HttpReply get(const std::string& path) const;
  HttpReply post(const std::string& path, const std::string& json_body) const;
  HttpReply del(const std::string& path, const std::string& json_body = "") const;

  // Any method; headers as "Name: value".
  HttpReply request(const std::string& method, const std::string& path, const std::string& body,
                    const std::vector<std::string>& headers) const;

 private:
  void start(const std::vector<std::string>& args);
  int wait_for_exit();

  std::vector<std::string> args_;
  std::string url_;
  int port_ = 0;
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
};

}  // namespace aviso::test
