#pragma once
// A small blocking HTTP/1.1 client on a raw 127.0.0.1 socket for the server's integration tests:
// it sees the exact bytes (status line, headers, chunked framing), so the tests can check the
// wire format and tell a graceful end (final chunk) from a dropped connection.

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace aviso::server_test {

struct SseEvent {
  std::string name;
  std::string data;  // the raw data line
  nlohmann::json json() const { return nlohmann::json::parse(data); }
};

class SseClient {
 public:
  // Connects, sends `method path` with `body`, and reads the response head.
  SseClient(int port, const std::string& method, const std::string& path, const std::string& body,
            const std::map<std::string, std::string>& headers = {});
  ~SseClient();
  SseClient(const SseClient&) = delete;
  SseClient& operator=(const SseClient&) = delete;

  int status() const { return status_; }
  // Header value by lower-case name ("" when absent).
  std::string header(const std::string& lower_name) const;
  const std::multimap<std::string, std::string>& headers() const { return headers_; }

  // The next complete event, or nullopt when the body ended or nothing arrived within `timeout`.
  std::optional<SseEvent> next(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // The next event whose name is not "heartbeat".
  std::optional<SseEvent> next_non_heartbeat(
      std::chrono::milliseconds timeout = std::chrono::seconds(10));

  // After next() returned nullopt: true when the body ended with the final chunk (graceful),
  // false when the connection broke or is still open.
  bool ended_gracefully() const { return final_chunk_seen_; }
  bool connection_closed() const { return closed_; }
  // Body of a non-chunked response (reads it completely).
  std::string read_body(std::chrono::milliseconds timeout = std::chrono::seconds(10));

 private:
  bool fill(std::chrono::steady_clock::time_point deadline);
  bool decode_chunks();

  int fd_ = -1;
  int status_ = 0;
  std::multimap<std::string, std::string> headers_;
  std::string raw_;      // bytes read and not yet decoded
  std::string decoded_;  // de-chunked body bytes not yet parsed into events
  bool chunked_ = false;
  bool final_chunk_seen_ = false;
  bool closed_ = false;
};

}  // namespace aviso::server_test
