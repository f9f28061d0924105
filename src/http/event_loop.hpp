// One I/O thread per Client running a curl multi loop that drives EVERY transfer of that client:
// one-shot requests (notify, schema, admin; many at once for notify_many) and long-lived
// streaming requests (SSE watches), plus timers. 1,000 watches are 1,000 easy handles on this one
// thread, not 1,000 threads. Connections are kept alive and shared through the single multi
// handle.
//
// Threading contract:
// - Every public member is safe to call from any thread, including from callbacks running on
//   the loop thread. Calls are queued and executed on the loop thread in call order; the loop is
//   woken through an eventfd watched beside curl's sockets (curl drives its sockets through
//   curl_multi_socket_action over epoll, so a wake-up only touches the ready connections).
// - Every callback (completion, stream handlers, timer and posted functions) runs on the loop
//   thread. Callbacks must not block: a slow callback stalls every transfer of the client.
//   Blocking work (triggers, user handlers) belongs on another thread.
// - Destroying the loop cancels every transfer (one-shot completions receive a Cancelled error,
//   streams get on_complete(Cancelled)), drops pending timers, and joins the thread. It must not
//   be destroyed from the loop thread.
//
// Stream lifecycle for the watch driver:
//   id = loop.open_stream(request, handlers);
//   on_response(status, headers)      -> check 200 + text/event-stream, or Cancel
//   on_data(bytes) -> Continue        -> bytes consumed (feed the SSE parser)
//   on_data(bytes) -> Pause           -> bytes NOT consumed; call loop.resume(id) when the
//                                        consumer has room and the same bytes come again
//   loop.cancel(id)                   -> on_complete(Cancelled) follows (exactly once)
//   timers: loop.schedule(delay, fn)  -> heartbeat watchdog, backoff, opening deadline;
//           loop.cancel_timer(id)        a cancelled timer never runs.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>

#include "http/transport_types.hpp"

namespace aviso::http {

using StreamId = std::uint64_t;
using TimerId = std::uint64_t;
using CloseHookId = std::uint64_t;

class EventLoop {
 public:
  explicit EventLoop(TransportOptions options);
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Runs `fn` on the loop thread.
  void post(std::function<void()> fn);

  // Runs `fn` on the loop thread once `delay` has passed, unless cancelled first.
  TimerId schedule(std::chrono::milliseconds delay, std::function<void()> fn);
  void cancel_timer(TimerId id);

  // One-shot request; `done` runs on the loop thread with the response or the transport error.
  void submit(Request request, RequestOptions options, std::function<void(Result)> done);
  std::future<Result> submit(Request request, RequestOptions options = {});

  // Streaming request; see the lifecycle above. Returns at once.
  StreamId open_stream(Request request, StreamHandlers handlers, RequestOptions options = {});
  // Continue a stream paused by on_data returning Pause. No effect on an ended stream. A resume
  // that reaches a stream not (yet) paused is remembered and lifts its next Pause at once: from
  // another thread, "I have room now" can overtake the on_data call that is about to pause, and
  // that wake-up must not be lost. A lifted pause only offers the same bytes to on_data again, so
  // an early resume is harmless while a lost one would stall the stream for good.
  void resume(StreamId id);
  // End a stream; its on_complete receives Cancelled. No effect on an ended stream.
  void cancel(StreamId id);

  // Runs `hook` on the thread destroying the loop, before the loop stops (so the hook may still
  // post work and wait for it). Owners of long-lived work (watches) end it here instead of
  // finding their loop gone. A hook removed before the destruction never runs.
  CloseHookId add_close_hook(std::function<void()> hook);
  void remove_close_hook(CloseHookId id);

  bool on_loop_thread() const;
  const TransportOptions& options() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace aviso::http
