// aviso::test::LoopbackHttpServer: a small HTTP/1.1 receiver on 127.0.0.1 for tests. It records
// every request and answers what the test's handler says (any status, any body, optionally after
// a delay). One connection at a time, `Connection: close` on every answer.
//
//   #include "support/loopback_http_server.hpp"   // link aviso_test_loopback_http
//   aviso::test::LoopbackHttpServer receiver([](const aviso::test::RecordedRequest& r) {
//     return aviso::test::CannedResponse{r.method == "POST" ? 204 : 405, ""};
//   });
//   receiver.url("/hook");  receiver.requests();  receiver.request_count();
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "http/http_message.hpp"

namespace aviso::test {

struct RecordedRequest {
  std::string method;
  std::string target;  // path and query as sent
  std::vector<http::Header> headers;
  std::string body;

  std::optional<std::string> header(std::string_view name) const;
  std::size_t header_count(std::string_view name) const;
};

struct CannedResponse {
  int status = 200;
  std::string body;
  std::chrono::milliseconds delay{0};  // before the status line is sent
};

class LoopbackHttpServer {
 public:
  using Handler = std::function<CannedResponse(const RecordedRequest&)>;

  explicit LoopbackHttpServer(Handler handler = [](const RecordedRequest&) {
    return CannedResponse{};
  });
  ~LoopbackHttpServer();
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  std::string url(const std::string& path = "/") const;
  std::vector<RecordedRequest> requests() const;
  std::size_t request_count() const;

 private:
  void serve();
  void handle(int connection);

  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  int wake_pipe_[2] = {-1, -1};
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::condition_variable stop_changed_;
  std::vector<RecordedRequest> requests_;
  std::thread thread_;
};

}  // namespace aviso::test
