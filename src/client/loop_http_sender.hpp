// The trigger layer's HttpSender (webhook, teams, post) on the client's event loop: triggers
// share the client's connections, TLS settings and User-Agent, but never its credential.
#pragma once

#include "http/event_loop.hpp"
#include "trigger/http_sender.hpp"

namespace aviso::client {

class LoopHttpSender : public trigger::HttpSender {
 public:
  explicit LoopHttpSender(http::EventLoop& loop) : loop_(loop) {}

  // Blocks the calling (trigger worker) thread until the exchange ends. Refuses to run on the
  // loop thread, where waiting would deadlock.
  trigger::HttpSendResult send(const http::Request& request, std::size_t body_tail_limit) override;

 private:
  http::EventLoop& loop_;
};

}  // namespace aviso::client
