// Client::watch (pull stream and callback forms), NotificationStream and Watch, on top of the
// watch supervisor (src/supervisor/).
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

#include "aviso/client.hpp"
#include "aviso/watch.hpp"
#include "client/client_internals.hpp"
#include "client/loop_http_sender.hpp"
#include "supervisor/watch_supervisor.hpp"

namespace aviso {

struct NotificationStream::Internals {
  static NotificationStream make(std::shared_ptr<supervisor::WatchSupervisor> supervisor) {
    return NotificationStream(std::move(supervisor));
  }
  static Watch make_watch(std::unique_ptr<Watch::Impl> impl) { return Watch(std::move(impl)); }
};

// ---- NotificationStream ------------------------------------------------------------------

NotificationStream::NotificationStream(std::shared_ptr<supervisor::WatchSupervisor> supervisor)
    : supervisor_(std::move(supervisor)) {}
NotificationStream::NotificationStream(NotificationStream&&) noexcept = default;
NotificationStream& NotificationStream::operator=(NotificationStream&& other) noexcept {
  if (this != &other) {
    close();
    supervisor_ = std::move(other.supervisor_);
  }
  return *this;
}
NotificationStream::~NotificationStream() { close(); }

std::optional<Notification> NotificationStream::next() {
  if (!supervisor_)
    throw Error::invalid_usage("next() on a closed or moved-from NotificationStream");
  return supervisor::queue_of(*supervisor_).pop(std::nullopt, nullptr);
}

std::optional<Notification> NotificationStream::next(std::chrono::milliseconds timeout) {
  if (!supervisor_)
    throw Error::invalid_usage("next() on a closed or moved-from NotificationStream");
  bool timed_out = false;
  return supervisor::queue_of(*supervisor_)
      .pop(std::chrono::steady_clock::now() + timeout, &timed_out);
}

bool NotificationStream::ended() const {
  return !supervisor_ || supervisor::queue_of(*supervisor_).finished();
}

void NotificationStream::close() {
  if (!supervisor_) return;
  supervisor::DeliveryQueue& queue = supervisor::queue_of(*supervisor_);
  supervisor::stop_watch(*supervisor_);
  queue.release();
  queue.wait_finished();
  supervisor_.reset();
}

// ---- Watch (callback form) ---------------------------------------------------------------

struct Watch::Impl {
  std::shared_ptr<supervisor::WatchSupervisor> supervisor;  // for stop() from any thread
  NotificationStream stream;
  std::thread thread;
  std::mutex join_mutex;

  explicit Impl(std::shared_ptr<supervisor::WatchSupervisor> s)
      : supervisor(s), stream(NotificationStream::Internals::make(std::move(s))) {}

  void run(NotificationHandler& handler) {
    std::optional<ErrorInfo> failure;
    try {
      for (;;) {
        std::optional<Notification> next = stream.next();
        if (!next) break;
        bool keep_going = true;
        try {
          keep_going = handler.on_notification(*next);
        } catch (const std::exception& error) {
          failure =
              Error::internal(std::string("the handler's on_notification threw: ") + error.what())
                  .error();
          break;
        } catch (...) {
          failure =
              Error::internal("the handler's on_notification threw: unknown exception").error();
          break;
        }
        if (!keep_going) break;
      }
    } catch (const Error& error) {
      failure = error.error();
    }
    stream.close();
    try {
      handler.on_end(failure);
    } catch (...) {  // the facade swallows on_end's exceptions
    }
  }

  void stop() { supervisor::stop_watch(*supervisor); }

  void wait() {
    if (std::this_thread::get_id() == thread.get_id()) {
      throw Error::invalid_usage("Watch::wait() called from inside a callback of the same watch");
    }
    std::lock_guard<std::mutex> lock(join_mutex);
    if (thread.joinable()) thread.join();
  }
};

Watch::Watch(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Watch::Watch(Watch&&) noexcept = default;
Watch& Watch::operator=(Watch&& other) noexcept {
  if (this != &other) {
    if (impl_) {
      impl_->stop();
      impl_->wait();
    }
    impl_ = std::move(other.impl_);
  }
  return *this;
}

Watch::~Watch() {
  if (!impl_) return;
  impl_->stop();
  if (std::this_thread::get_id() == impl_->thread.get_id()) {
    // Destroyed from its own callback: the thread cannot join itself; it ends on its own.
    impl_->thread.detach();
    (void)impl_.release();  // the thread still uses it; leaked on purpose in this rare case
    return;
  }
  impl_->wait();
}

void Watch::stop() {
  if (!impl_) throw Error::invalid_usage("stop() on a moved-from Watch");
  impl_->stop();
}

void Watch::wait() {
  if (!impl_) throw Error::invalid_usage("wait() on a moved-from Watch");
  impl_->wait();
}

// ---- Client ----------------------------------------------------------------------------

namespace {

std::shared_ptr<supervisor::WatchSupervisor> start(const Client& client,
                                                   const WatchRequest& request,
                                                   supervisor::SupervisorOptions options) {
  detail::ClientCore& core = detail::ClientAccess::core(client);
  return supervisor::start_watch(core, request,
                                 std::make_shared<client::LoopHttpSender>(*core.loop), options);
}

}  // namespace

NotificationStream Client::watch(const WatchRequest& request) {
  return NotificationStream::Internals::make(start(*this, request, {}));
}

Watch Client::watch(WatchRequest& request, NotificationHandler& handler) {
  auto impl = std::make_unique<Watch::Impl>(start(*this, request, {}));
  Watch::Impl* raw = impl.get();
  raw->thread = std::thread([raw, &handler] { raw->run(handler); });
  return NotificationStream::Internals::make_watch(std::move(impl));
}

namespace supervisor {
NotificationStream watch_with_options(const Client& client, const WatchRequest& request,
                                      SupervisorOptions options) {
  return NotificationStream::Internals::make(start(client, request, options));
}
}  // namespace supervisor

}  // namespace aviso
