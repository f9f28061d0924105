#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <set>

#include "api.hpp"
#include "auth.hpp"
#include "settings.hpp"
#include "store.hpp"
#include "stream_control.hpp"

namespace aviso::server {

class SseStream;

// The listening server: accepts connections on one io_context (one thread, so the store and the
// stream registry need no locks), owns the store and the API, and keeps the open SSE streams so
// the test hooks and a graceful shutdown can reach them.
class Server : public StreamControl {
 public:
  Server(boost::asio::io_context& io, Settings settings, std::optional<AuthTable> auth);
  ~Server() override;

  // Binds and listens; returns the port (useful with port 0).
  std::uint16_t listen();
  void start_accepting();
  // Every open stream gets connection-closing/server_shutdown; `done` runs once they are flushed
  // (or after a short grace period).
  void shutdown(std::function<void()> done);

  Api& api() { return api_; }
  Store& store() { return store_; }
  const Settings& settings() const { return settings_; }
  boost::asio::io_context& io() { return io_; }
  bool shutting_down() const { return shutting_down_; }

  void add_stream(const std::shared_ptr<SseStream>& stream);
  void remove_stream(const std::shared_ptr<SseStream>& stream);

  // StreamControl (test hooks)
  std::size_t open_streams() const override { return streams_.size(); }
  std::size_t drop_all() override;
  std::size_t inject_error(const std::string& error, const std::string& message) override;
  std::size_t pause_heartbeats(double seconds) override;
  std::size_t close_all(const std::string& reason, const std::string& message) override;

 private:
  void accept_next();
  std::vector<std::shared_ptr<SseStream>> snapshot() const;

  boost::asio::io_context& io_;
  Settings settings_;
  Store store_;
  Api api_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::set<std::shared_ptr<SseStream>> streams_;
  bool shutting_down_ = false;
  std::function<void()> on_drained_;
  boost::asio::steady_timer grace_timer_;
};

}  // namespace aviso::server
