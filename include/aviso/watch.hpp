// Receiving notifications: a pull stream (NotificationStream) or callbacks (NotificationHandler
// + Watch). Public header: C++17.
//
//   aviso::NotificationStream stream = client.watch(aviso::WatchRequest::watch("mars"));
//   for (const aviso::Notification& n : stream) { ... }   // ends when the watch ends
//
//   struct Printer : aviso::NotificationHandler {
//     bool on_notification(const aviso::Notification& n) override { ...; return true; }
//     void on_end(const std::optional<aviso::ErrorInfo>& error) override { ... }
//   } printer;
//   aviso::Watch watch = client.watch(request, printer);   // stop() / wait(); RAII
//
// A watch runs on its client's I/O thread; triggers and state store writes run on a small shared
// worker pool, callbacks on another. Close every stream and Watch before destroying the Client
// they came from. Several named watches with one handler: aviso/watch_set.hpp.
#pragma once

#include <chrono>
#include <cstddef>
#include <iterator>
#include <memory>
#include <optional>

#include "aviso/error.hpp"
#include "aviso/notification.hpp"
#include "aviso/watch_request.hpp"

namespace aviso {

namespace supervisor {
class WatchSupervisor;
}

class NotificationStream {
 public:
  NotificationStream(NotificationStream&&) noexcept;
  NotificationStream& operator=(NotificationStream&&) noexcept;
  NotificationStream(const NotificationStream&) = delete;
  NotificationStream& operator=(const NotificationStream&) = delete;
  ~NotificationStream();  // close()

  // The next notification, in sequence order; nullopt once the watch has ended cleanly (a
  // replay reached its end, the server ended the stream, or close()). Throws aviso::Error when
  // the watch failed, after every notification received before the failure was returned.
  // Pulling the next one tells a watch with a state store that the previous one is done.
  std::optional<Notification> next();
  // The same, waiting at most `timeout`: nullopt also when nothing arrived in time (then
  // ended() tells the two apart).
  std::optional<Notification> next(std::chrono::milliseconds timeout);
  bool ended() const;

  // Stops the watch and waits until it has ended (including the exit flush of the cursor).
  // Idempotent; queued notifications are dropped.
  void close();

  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Notification;
    using difference_type = std::ptrdiff_t;
    using pointer = const Notification*;
    using reference = const Notification&;

    iterator() = default;
    reference operator*() const { return *current_; }
    pointer operator->() const { return &*current_; }
    iterator& operator++() {
      current_ = stream_->next();
      if (!current_) stream_ = nullptr;
      return *this;
    }
    friend bool operator==(const iterator& a, const iterator& b) { return a.stream_ == b.stream_; }
    friend bool operator!=(const iterator& a, const iterator& b) { return !(a == b); }

   private:
    friend class NotificationStream;
    explicit iterator(NotificationStream* stream) : stream_(stream) { ++*this; }
    NotificationStream* stream_ = nullptr;
    std::optional<Notification> current_;
  };
  iterator begin() { return iterator(this); }
  iterator end() { return iterator(); }

  struct Internals;  // built by Client::watch

 private:
  friend struct Internals;
  explicit NotificationStream(std::shared_ptr<supervisor::WatchSupervisor> supervisor);
  std::shared_ptr<supervisor::WatchSupervisor> supervisor_;
};

// The reference facade's callback interface. Callbacks of one watch never run concurrently.
// They run on a small process-wide pool of callback threads (2), never on the client's I/O
// thread: a handler that blocks holds back the callbacks of other watches, so hand long work
// elsewhere and do not call the client's blocking verbs from here (use the _async forms).
class NotificationHandler {
 public:
  virtual ~NotificationHandler() = default;
  // Return false to stop the watch gracefully. An exception stops it too: on_end then receives
  // kind Internal, "the handler's on_notification threw: <what>".
  virtual bool on_notification(const Notification& notification) = 0;
  // Exactly once, last: nullopt for a clean end (including stop()), else why the watch failed.
  // An exception thrown from here is swallowed.
  virtual void on_end(const std::optional<ErrorInfo>& error) { (void)error; }
};

// A running callback watch. Move-only RAII: the destructor and move-assignment stop the watch
// and wait for on_end. Inside a callback (of this watch or any other) they stop without waiting:
// on_end then still runs once that callback has returned, so the handler must live until then.
class Watch {
 public:
  Watch(Watch&&) noexcept;
  Watch& operator=(Watch&&) noexcept;
  Watch(const Watch&) = delete;
  Watch& operator=(const Watch&) = delete;
  ~Watch();

  // Asks the watch to stop; returns at once. Idempotent; safe from inside a callback.
  void stop();
  // Blocks until on_end has returned. Throws aviso::Error (InvalidUsage) inside any watch
  // callback, where it could wait for itself.
  void wait();

  struct Impl;

 private:
  friend struct NotificationStream::Internals;
  explicit Watch(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace aviso
