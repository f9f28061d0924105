#include "sse_stream.hpp"

#include <boost/asio/write.hpp>
#include <cstdio>
#include <iostream>

#include "cloudevent.hpp"
#include "server.hpp"
#include "sse_events.hpp"

namespace aviso::server {

namespace asio = boost::asio;
using boost::system::error_code;
using SteadyClock = std::chrono::steady_clock;

namespace {

std::string chunk(std::string_view data) {
  char size[20];
  const int length = std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  std::string out;
  out.reserve(static_cast<std::size_t>(length) + data.size() + 2);
  out.append(size, static_cast<std::size_t>(length));
  out.append(data);
  out.append("\r\n");
  return out;
}

SteadyClock::duration seconds_to_duration(double seconds) {
  return std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(seconds));
}

}  // namespace

SseStream::SseStream(asio::ip::tcp::socket socket, StreamPlan plan, Server& server)
    : socket_(std::move(socket)),
      plan_(std::move(plan)),
      server_(server),
      capacity_(server.settings().stream_queue_capacity()),
      heartbeat_timer_(socket_.get_executor()),
      duration_timer_(socket_.get_executor()),
      replay_timer_(socket_.get_executor()) {}

SseStream::~SseStream() {
  if (subscription_ != 0) server_.store().unsubscribe(subscription_);
}

void SseStream::start() {
  // Subscribing before the head is written means nothing stored after acceptance is missed.
  std::weak_ptr<SseStream> weak = weak_from_this();
  subscription_ = server_.store().subscribe([weak](const MessagePtr& message) {
    if (auto self = weak.lock()) self->on_live(message);
  });

  std::string head =
      "HTTP/1.1 200 OK\r\n"
      "Content-Type: text/event-stream\r\n"
      "Cache-Control: no-cache\r\n"
      "Connection: keep-alive\r\n"
      "Access-Control-Allow-Origin: *\r\n"
      "X-Accel-Buffering: no\r\n"
      "X-Request-ID: " +
      plan_.request_id +
      "\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  pending_.push_back(std::move(head));

  const Instant at = plan_.accepted_at;
  if (plan_.replay) {
    phase_ = Phase::Replaying;
    enqueue(sse_frame(
        "replay-control",
        replay_started_event(plan_.topic, plan_.request_id, plan_.from_id, plan_.from_date,
                             server_.settings().replay_batch_size, plan_.end_sequence, at)));
  } else {
    phase_ = Phase::Live;
    enqueue(sse_frame("live-notification",
                      connection_established_event(plan_.topic, plan_.request_id,
                                                   server_.settings().max_duration_sec, at)));
  }

  if (is_watch()) {
    enqueue(sse_frame("heartbeat", heartbeat_event(plan_.topic, now())));
    next_heartbeat_ =
        SteadyClock::now() + seconds_to_duration(server_.settings().heartbeat_interval_sec);
    schedule_heartbeat();
    // The maximum duration counts from acceptance and covers the replay phase too.
    duration_timer_.expires_after(seconds_to_duration(server_.settings().max_duration_sec));
    duration_timer_.async_wait([self = shared_from_this()](error_code error) {
      if (!error) self->close("max_duration_reached", closing_message("max_duration_reached"));
    });
  }
  if (plan_.replay) {
    next_replay_sequence_ = plan_.from_id.value_or(0);
    asio::post(socket_.get_executor(), [self = shared_from_this()] { self->run_replay_batch(); });
  }
  watch_for_disconnect();
  write_pending();
}

void SseStream::on_live(const MessagePtr& message) {
  if (phase_ == Phase::Closing || phase_ == Phase::Closed) return;
  if (!plan_.filter.matches(*message)) return;
  if (phase_ == Phase::Replaying) {
    if (plan_.end_sequence) return;  // a bounded request never goes live
    held_live_.push_back(message);
    if (held_live_.size() + pending_.size() > capacity_) {
      std::cerr << "aviso-local-server: dropping stream " << plan_.request_id << " (" << plan_.topic
                << "): more than " << capacity_ << " live notifications held during replay\n";
      drop();
    }
    return;
  }
  send_notification(message, "live-notification");
}

void SseStream::send_notification(const MessagePtr& message, const char* event_name) {
  const EventSchema* schema = server_.settings().schemas.find(message->content.event_type);
  if (!schema) {
    enqueue(sse_frame("error", nlohmann::json{{"error", "CloudEvent creation failed"},
                                              {"message", "No schema for event type '" +
                                                              message->content.event_type + "'"},
                                              {"request_id", plan_.request_id},
                                              {"sequence", message->sequence},
                                              {"topic", plan_.topic}}));
    return;
  }
  if (message->rendered_cloudevent.empty()) {
    message->rendered_cloudevent = make_cloudevent(*message, *schema, server_.settings().base_url).dump();
  }
  enqueue(sse_frame(event_name, std::string_view(message->rendered_cloudevent)));
}

void SseStream::enqueue(std::string frame) {
  if (phase_ == Phase::Closed) return;
  pending_.push_back(chunk(frame));
  if (pending_.size() > capacity_) {
    std::cerr << "aviso-local-server: dropping slow reader " << plan_.request_id << " ("
              << plan_.topic << "): more than " << capacity_ << " events waiting to be written\n";
    drop();
    return;
  }
  write_pending();
}

void SseStream::write_pending() {
  if (writing_ || pending_.empty() || phase_ == Phase::Closed) return;
  // Everything queued goes out in one write: a fan-out burst costs one syscall per stream.
  in_flight_.clear();
  while (!pending_.empty()) {
    in_flight_ += pending_.front();
    pending_.pop_front();
  }
  writing_ = true;
  asio::async_write(socket_, asio::buffer(in_flight_),
                    [self = shared_from_this()](error_code error, std::size_t) {
                      self->writing_ = false;
                      if (error) return self->teardown();
                      if (!self->pending_.empty()) return self->write_pending();
                      if (self->phase_ == Phase::Closing) {
                        error_code ignored;
                        self->socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
                        self->teardown();
                      }
                    });
}

void SseStream::run_replay_batch() {
  if (phase_ != Phase::Replaying) return;
  const auto& settings = server_.settings();
  const auto batch =
      server_.store().replay_batch(plan_.filter, next_replay_sequence_, plan_.from_date,
                                   plan_.end_sequence, settings.replay_batch_size);
  for (const auto& message : batch) {
    if (plan_.filter.matches(*message)) send_notification(message, "replay");
    if (phase_ != Phase::Replaying) return;  // dropped while queueing
  }
  const bool full = batch.size() == settings.replay_batch_size;
  if (full) next_replay_sequence_ = batch.back()->sequence + 1;
  const bool past_end = plan_.end_sequence && next_replay_sequence_ > *plan_.end_sequence;
  if (!full || past_end) return finish_replay();
  replay_timer_.expires_after(std::chrono::milliseconds(settings.replay_batch_delay_ms));
  replay_timer_.async_wait([self = shared_from_this()](error_code error) {
    if (!error) self->run_replay_batch();
  });
}

void SseStream::finish_replay() {
  // The reference takes this timestamp when the stream is set up, not when replay ends.
  enqueue(sse_frame("replay-control", replay_completed_event(plan_.topic, plan_.accepted_at)));
  if (plan_.operation == Operation::Replay || plan_.end_sequence) {
    return close("end_of_stream", closing_message("end_of_stream"));
  }
  phase_ = Phase::Live;
  std::vector<MessagePtr> held;
  held.swap(held_live_);
  for (const auto& message : held) {
    if (phase_ != Phase::Live) return;
    send_notification(message, "live-notification");
  }
}

void SseStream::schedule_heartbeat() {
  heartbeat_timer_.expires_at(next_heartbeat_);
  heartbeat_timer_.async_wait([self = shared_from_this()](error_code error) {
    if (error || self->phase_ == Phase::Closing || self->phase_ == Phase::Closed) return;
    if (SteadyClock::now() >= self->heartbeats_resume_at_) {
      self->enqueue(sse_frame("heartbeat", heartbeat_event(self->plan_.topic, now())));
    }
    self->next_heartbeat_ += seconds_to_duration(self->server_.settings().heartbeat_interval_sec);
    self->schedule_heartbeat();
  });
}

void SseStream::pause_heartbeats(SteadyClock::duration silence) {
  heartbeats_resume_at_ = SteadyClock::now() + silence;
}

void SseStream::watch_for_disconnect() {
  // Clients never send anything on an SSE request; a completed read means the peer went away.
  socket_.async_read_some(asio::buffer(probe_),
                          [self = shared_from_this()](error_code error, std::size_t) {
                            if (error) return self->teardown();
                            self->watch_for_disconnect();
                          });
}

void SseStream::inject_error(const std::string& error, const std::string& message) {
  if (phase_ == Phase::Closing || phase_ == Phase::Closed) return;
  enqueue(sse_frame("error", nlohmann::json{{"error", error},
                                            {"message", message},
                                            {"request_id", plan_.request_id},
                                            {"topic", plan_.topic}}));
}

void SseStream::close(const std::string& reason, const std::string& message) {
  if (phase_ == Phase::Closing || phase_ == Phase::Closed) return;
  enqueue(sse_frame("connection-closing", connection_closing_event(plan_.topic, plan_.request_id,
                                                                   reason, message, now())));
  if (phase_ == Phase::Closed) return;
  pending_.push_back("0\r\n\r\n");
  phase_ = Phase::Closing;
  heartbeat_timer_.cancel();
  duration_timer_.cancel();
  replay_timer_.cancel();
  if (subscription_ != 0) {
    server_.store().unsubscribe(subscription_);
    subscription_ = 0;
  }
  write_pending();
}

void SseStream::drop() { teardown(); }

void SseStream::teardown() {
  if (phase_ == Phase::Closed) return;
  phase_ = Phase::Closed;
  heartbeat_timer_.cancel();
  duration_timer_.cancel();
  replay_timer_.cancel();
  if (subscription_ != 0) {
    server_.store().unsubscribe(subscription_);
    subscription_ = 0;
  }
  error_code ignored;
  socket_.close(ignored);
  pending_.clear();
  held_live_.clear();
  server_.remove_stream(shared_from_this());
}

}  // namespace aviso::server
