#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "store.hpp"
#include "stream_plan.hpp"

namespace aviso::server {

class Server;

// One open SSE response (watch or replay) on its own socket: the event order of protocol
// section 2.5, chunked framing, heartbeats, the maximum duration, batched replay with live events
// held back until replay_completed, and a bounded queue so a slow reader cannot hold the others
// back (it is dropped instead, as the reference's lagging broadcast receiver loses messages).
class SseStream : public std::enable_shared_from_this<SseStream> {
 public:
  SseStream(boost::asio::ip::tcp::socket socket, StreamPlan plan, Server& server);
  ~SseStream();

  // Subscribes to live messages, then writes the response head and the first events.
  void start();

  // Graceful end: connection-closing with `reason`, the final chunk, then the socket is closed.
  void close(const std::string& reason, const std::string& message);
  // Abrupt end: the socket is closed mid-body, no connection-closing.
  void drop();
  void inject_error(const std::string& error, const std::string& message);
  void pause_heartbeats(std::chrono::steady_clock::duration silence);
  bool is_watch() const { return plan_.operation == Operation::Watch; }

 private:
  enum class Phase { Replaying, Live, Closing, Closed };

  void on_live(const MessagePtr& message);
  void send_notification(const MessagePtr& message, const char* event_name);
  void enqueue(std::string frame);
  void write_pending();
  void run_replay_batch();
  void finish_replay();
  void schedule_heartbeat();
  void watch_for_disconnect();
  void teardown();

  boost::asio::ip::tcp::socket socket_;
  StreamPlan plan_;
  Server& server_;
  Phase phase_ = Phase::Live;
  Store::SubscriptionId subscription_ = 0;

  std::deque<std::string> pending_;
  std::string in_flight_;
  bool writing_ = false;
  std::size_t capacity_;

  std::vector<MessagePtr> held_live_;  // live messages that arrive while replaying
  std::uint64_t next_replay_sequence_ = 0;

  boost::asio::steady_timer heartbeat_timer_;
  boost::asio::steady_timer duration_timer_;
  boost::asio::steady_timer replay_timer_;
  std::chrono::steady_clock::time_point next_heartbeat_;
  std::chrono::steady_clock::time_point heartbeats_resume_at_;
  char probe_[64];
};

}  // namespace aviso::server
