// Drives one WatchSession on its client's event loop (the loop in watch/watch_session.hpp's
// header): opens each connection, feeds body chunks, arms the backoff, heartbeat, opening and
// startup timers, and runs the blocking actions (triggers, hand-over to the consumer, state store
// writes, auth refreshes) on a strand of the shared worker pool. While an action is pending, or
// the consumer's queue is full, the transfer is paused so backpressure reaches the server.
//
// Everything except start(), stop() and the worker tasks runs on the loop thread. The supervisor
// keeps itself alive until the watch has ended and its queue is finished. It must end before its
// client is destroyed (NotificationStream and Watch close it first).
#pragma once

#include <chrono>
#include <memory>
#include <optional>

#include "aviso/watch.hpp"
#include "aviso/watch_request.hpp"
#include "client/client_internals.hpp"
#include "supervisor/delivery_queue.hpp"
#include "trigger/http_sender.hpp"

namespace aviso::supervisor {

struct SupervisorOptions {
  // Test-only: replaces the heartbeat budget derived from the client's heartbeat interval.
  std::optional<std::chrono::milliseconds> read_timeout_override;
};

class WatchSupervisor;

// Validates `request` (throws aviso::Error) and starts watching.
// `sender` carries the triggers' HTTP requests (the client's LoopHttpSender).
std::shared_ptr<WatchSupervisor> start_watch(detail::ClientCore& core, WatchRequest request,
                                             std::shared_ptr<trigger::HttpSender> sender,
                                             SupervisorOptions options = {});

DeliveryQueue& queue_of(WatchSupervisor& supervisor);
// Asks the watch to end (non-blocking, idempotent); the queue finishes once it has.
void stop_watch(WatchSupervisor& supervisor);

}  // namespace aviso::supervisor

namespace aviso::supervisor {
// Client::watch with driver options (tests shorten the heartbeat budget). Defined with
// Client::watch in src/client/client_watch.cpp.
NotificationStream watch_with_options(const Client& client, const WatchRequest& request,
                                      SupervisorOptions options);
}  // namespace aviso::supervisor
