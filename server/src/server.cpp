#include "server.hpp"

#include <iostream>

#include "http_connection.hpp"
#include "sse_stream.hpp"

namespace aviso::server {

namespace asio = boost::asio;

Server::Server(asio::io_context& io, Settings settings, std::optional<AuthTable> auth)
    : io_(io),
      settings_(std::move(settings)),
      store_(settings_.retention, settings_.sequence_mode),
      api_(settings_, store_, std::move(auth)),
      acceptor_(io),
      grace_timer_(io) {
  api_.set_stream_control(this);
}

Server::~Server() { streams_.clear(); }

std::uint16_t Server::listen() {
  const asio::ip::tcp::endpoint endpoint(asio::ip::make_address(settings_.bind_address),
                                         settings_.port);
  acceptor_.open(endpoint.protocol());
  // Lets a restarted server take the same port while old connections sit in TIME_WAIT.
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
  return acceptor_.local_endpoint().port();
}

void Server::start_accepting() { accept_next(); }

void Server::accept_next() {
  acceptor_.async_accept([this](boost::system::error_code error, asio::ip::tcp::socket socket) {
    if (error == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (!error) {
      boost::system::error_code ignored;
      socket.set_option(asio::ip::tcp::no_delay(true), ignored);
      std::make_shared<HttpConnection>(std::move(socket), *this)->start();
    } else {
      std::cerr << "aviso-local-server: accept failed: " << error.message() << "\n";
    }
    accept_next();
  });
}

void Server::add_stream(const std::shared_ptr<SseStream>& stream) { streams_.insert(stream); }

void Server::remove_stream(const std::shared_ptr<SseStream>& stream) {
  streams_.erase(stream);
  if (shutting_down_ && streams_.empty() && on_drained_) {
    auto done = std::move(on_drained_);
    on_drained_ = nullptr;
    grace_timer_.cancel();
    asio::post(io_, std::move(done));
  }
}

std::vector<std::shared_ptr<SseStream>> Server::snapshot() const {
  return {streams_.begin(), streams_.end()};
}

void Server::shutdown(std::function<void()> done) {
  if (shutting_down_) return;
  shutting_down_ = true;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  on_drained_ = std::move(done);
  for (const auto& stream : snapshot())
    stream->close("server_shutdown", "Server is shutting down gracefully");
  if (streams_.empty() && on_drained_) {
    auto finish = std::move(on_drained_);
    on_drained_ = nullptr;
    asio::post(io_, std::move(finish));
    return;
  }
  // A reader that never drains its socket must not keep the process alive.
  grace_timer_.expires_after(std::chrono::seconds(3));
  grace_timer_.async_wait([this](boost::system::error_code error) {
    if (error || !on_drained_) return;
    auto finish = std::move(on_drained_);
    on_drained_ = nullptr;
    finish();
  });
}

std::size_t Server::drop_all() {
  const auto streams = snapshot();
  for (const auto& stream : streams) stream->drop();
  return streams.size();
}

std::size_t Server::inject_error(const std::string& error, const std::string& message) {
  const auto streams = snapshot();
  for (const auto& stream : streams) stream->inject_error(error, message);
  return streams.size();
}

std::size_t Server::pause_heartbeats(double seconds) {
  std::size_t count = 0;
  for (const auto& stream : snapshot()) {
    if (!stream->is_watch()) continue;
    stream->pause_heartbeats(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(seconds)));
    ++count;
  }
  return count;
}

std::size_t Server::close_all(const std::string& reason, const std::string& message) {
  const auto streams = snapshot();
  for (const auto& stream : streams) stream->close(reason, message);
  return streams.size();
}

}  // namespace aviso::server
