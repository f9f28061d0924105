#include "sse_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

namespace aviso::server_test {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return text;
}

}  // namespace

SseClient::SseClient(int port, const std::string& method, const std::string& path,
                     const std::string& body, const std::map<std::string, std::string>& headers) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    throw std::runtime_error("SseClient: connect to 127.0.0.1:" + std::to_string(port) + " failed");
  }
  std::string request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  bool has_type = false;
  for (const auto& [name, value] : headers) {
    request += name + ": " + value + "\r\n";
    has_type = has_type || lower(name) == "content-type";
  }
  if (!has_type && !body.empty()) request += "Content-Type: application/json\r\n";
  request += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  std::size_t sent = 0;
  while (sent < request.size()) {
    const ssize_t n = ::send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may refuse early (413); the head is still read below
    sent += static_cast<std::size_t>(n);
  }

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  std::size_t end = std::string::npos;
  while ((end = raw_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill(deadline)) throw std::runtime_error("SseClient: no response head from the server");
  }
  const std::string head = raw_.substr(0, end);
  raw_.erase(0, end + 4);
  const auto first_space = head.find(' ');
  status_ = std::stoi(head.substr(first_space + 1, 3));
  std::size_t line_start = head.find("\r\n");
  while (line_start != std::string::npos) {
    const std::size_t next = head.find("\r\n", line_start + 2);
    const std::string line = head.substr(
        line_start + 2, next == std::string::npos ? std::string::npos : next - line_start - 2);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      headers_.emplace(lower(line.substr(0, colon)), value);
    }
    line_start = next;
  }
  chunked_ = lower(header("transfer-encoding")) == "chunked";
}

SseClient::~SseClient() {
  if (fd_ >= 0) ::close(fd_);
}

std::string SseClient::header(const std::string& lower_name) const {
  const auto it = headers_.find(lower_name);
  return it == headers_.end() ? "" : it->second;
}

bool SseClient::fill(std::chrono::steady_clock::time_point deadline) {
  if (closed_) return false;
  const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  if (remaining.count() <= 0) return false;
  pollfd poll_fd{fd_, POLLIN, 0};
  if (::poll(&poll_fd, 1, static_cast<int>(remaining.count())) <= 0) return false;
  char buffer[65536];
  const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
  if (n <= 0) {
    closed_ = true;
    return false;
  }
  raw_.append(buffer, static_cast<std::size_t>(n));
  return true;
}

bool SseClient::decode_chunks() {
  bool progress = false;
  while (!final_chunk_seen_) {
    const auto line_end = raw_.find("\r\n");
    if (line_end == std::string::npos) break;
    const std::size_t size = std::stoul(raw_.substr(0, line_end), nullptr, 16);
    if (raw_.size() < line_end + 2 + size + 2) break;
    if (size == 0) {
      final_chunk_seen_ = true;
      raw_.erase(0, line_end + 4);
      break;
    }
    decoded_.append(raw_, line_end + 2, size);
    raw_.erase(0, line_end + 2 + size + 2);
    progress = true;
  }
  return progress;
}

std::optional<SseEvent> SseClient::next(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (chunked_) {
      decode_chunks();
    } else {
      decoded_ += raw_;
      raw_.clear();
    }
    const auto end = decoded_.find("\n\n");
    if (end != std::string::npos) {
      const std::string block = decoded_.substr(0, end);
      decoded_.erase(0, end + 2);
      SseEvent event;
      std::size_t start = 0;
      while (start <= block.size()) {
        const auto newline = block.find('\n', start);
        const std::string line =
            block.substr(start, newline == std::string::npos ? std::string::npos : newline - start);
        if (line.rfind("event: ", 0) == 0) event.name = line.substr(7);
        if (line.rfind("data: ", 0) == 0) event.data = line.substr(6);
        if (newline == std::string::npos) break;
        start = newline + 1;
      }
      return event;
    }
    if (final_chunk_seen_ || !fill(deadline)) return std::nullopt;
  }
}

std::optional<SseEvent> SseClient::next_non_heartbeat(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    auto event = next(std::max(left, std::chrono::milliseconds(0)));
    if (!event || event->name != "heartbeat") return event;
  }
}

std::string SseClient::read_body(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const std::string length = header("content-length");
  const std::size_t wanted = length.empty() ? 0 : std::stoul(length);
  while (raw_.size() < wanted && fill(deadline)) {
  }
  return raw_.substr(0, wanted);
}

}  // namespace aviso::server_test
