// Client::watch (pull stream and callback forms), watch_many, NotificationStream and Watch, on top
// of the watch supervisor and the callback runner (src/supervisor/).
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "aviso/client.hpp"
#include "aviso/watch.hpp"
#include "aviso/watch_set.hpp"
#include "client/client_internals.hpp"
#include "client/loop_http_sender.hpp"
#include "supervisor/callback_runner.hpp"
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
  if (!supervisor_) {
    throw Error::invalid_usage("next() on a closed or moved-from NotificationStream");
  }
  return supervisor::queue_of(*supervisor_).pop(std::nullopt, nullptr);
}

std::optional<Notification> NotificationStream::next(std::chrono::milliseconds timeout) {
  if (!supervisor_) {
    throw Error::invalid_usage("next() on a closed or moved-from NotificationStream");
  }
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

// ---- Watch (callback forms) -------------------------------------------------------------

// Callbacks run on the process-wide callback pool (supervisor/callback_runner.hpp), not on a
// thread per watch.
struct Watch::Impl {
  std::shared_ptr<supervisor::CallbackRunner> runner;

  void stop() { runner->stop(); }
  void wait() { runner->wait(); }
  // The destructor's wait. On a callback thread it is skipped: the runner keeps itself alive
  // until on_end has returned, so nothing is freed under the running callback.
  void stop_and_wait() {
    runner->stop();
    if (!supervisor::CallbackRunner::on_callback_thread()) runner->wait();
  }
};

namespace {

std::string what_of(const std::string& what) { return what.empty() ? "unknown exception" : what; }

class HandlerSink : public supervisor::CallbackSink {
 public:
  explicit HandlerSink(NotificationHandler& handler) : handler_(handler) {}
  bool deliver(std::size_t, const Notification& notification) override {
    return handler_.on_notification(notification);
  }
  bool member_failed(std::size_t, const Error& error, ErrorInfo& shown) override {
    shown = error.error();
    return false;
  }
  ErrorInfo every_member_failed(const std::vector<ErrorInfo>& failures) override {
    return failures.back();
  }
  ErrorInfo callback_threw(const char* callback, const std::string& what) override {
    return Error::internal(std::string("the handler's ") + callback + " threw: " + what_of(what))
        .error();
  }
  void end(const std::optional<ErrorInfo>& error) override { handler_.on_end(error); }

 private:
  NotificationHandler& handler_;
};

class MultiHandlerSink : public supervisor::CallbackSink {
 public:
  MultiHandlerSink(MultiNotificationHandler& handler, std::vector<std::string> names)
      : handler_(handler), names_(std::move(names)) {}
  bool deliver(std::size_t member, const Notification& notification) override {
    return handler_.on_notification(names_.at(member), notification);
  }
  bool member_failed(std::size_t member, const Error& error, ErrorInfo& shown) override {
    shown = error.error();
    shown.message = "watch '" + names_.at(member) + "': " + shown.message;
    return handler_.on_error(names_.at(member), shown);
  }
  ErrorInfo every_member_failed(const std::vector<ErrorInfo>& failures) override {
    ErrorInfo all = failures.back();
    all.message = "every watch failed: ";
    for (std::size_t i = 0; i < failures.size(); ++i) {
      all.message += (i == 0 ? "" : "; ") + failures[i].message;
    }
    return all;
  }
  ErrorInfo callback_threw(const char* callback, const std::string& what) override {
    return Error::internal(std::string("the handler's ") + callback + " threw: " + what_of(what))
        .error();
  }
  void end(const std::optional<ErrorInfo>& error) override { handler_.on_end(error); }

 private:
  MultiNotificationHandler& handler_;
  std::vector<std::string> names_;
};

}  // namespace

Watch::Watch(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Watch::Watch(Watch&&) noexcept = default;
Watch& Watch::operator=(Watch&& other) noexcept {
  if (this != &other) {
    if (impl_) impl_->stop_and_wait();
    impl_ = std::move(other.impl_);
  }
  return *this;
}

Watch::~Watch() {
  if (impl_) impl_->stop_and_wait();
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
  auto impl = std::make_unique<Watch::Impl>();
  impl->runner = supervisor::CallbackRunner::start({start(*this, request, {})},
                                                   std::make_unique<HandlerSink>(handler));
  return NotificationStream::Internals::make_watch(std::move(impl));
}

// ---- watch_many ------------------------------------------------------------------------------

struct WatchSet::Internals {
  static std::vector<std::pair<std::string, WatchRequest>> take(WatchSet& set) {
    if (set.consumed_) throw Error::invalid_usage("this WatchSet was already handed to watch_many");
    set.consumed_ = true;
    return std::move(set.entries_);
  }
};

WatchSet& WatchSet::add(const std::string& name, WatchRequest& request) {
  if (consumed_) throw Error::invalid_usage("add() on a WatchSet already handed to watch_many");
  entries_.emplace_back(name, request);
  return *this;
}

namespace {

// Why a set cannot start, or nullopt. Checked before any watch opens.
std::optional<ErrorInfo> refusal(const std::vector<std::pair<std::string, WatchRequest>>& entries) {
  if (entries.empty()) return Error::invalid_input("watch_many needs at least one request").error();
  std::set<std::string> seen;
  for (const auto& [name, request] : entries) {
    if (name.empty()) return Error::invalid_input("a watch name must not be empty").error();
    if (!seen.insert(name).second) {
      return Error::invalid_input("the watch name '" + name + "' is used twice").error();
    }
    try {
      check_watch_request(request);
    } catch (const Error& error) {
      ErrorInfo info = error.error();
      info.message = "watch '" + name + "': " + info.message;
      return info;
    }
  }
  return std::nullopt;
}

}  // namespace

Watch watch_many(const Client& client, WatchSet& watches, MultiNotificationHandler& handler) {
  std::vector<std::pair<std::string, WatchRequest>> entries = WatchSet::Internals::take(watches);
  std::vector<std::string> names;
  names.reserve(entries.size());
  for (const auto& entry : entries) names.push_back(entry.first);
  auto sink = std::make_unique<MultiHandlerSink>(handler, names);
  std::optional<ErrorInfo> refused = refusal(entries);
  std::vector<std::shared_ptr<supervisor::WatchSupervisor>> members;
  if (!refused) {
    for (const auto& [name, request] : entries) {
      try {
        members.push_back(start(client, request, {}));
      } catch (const Error& error) {  // e.g. a moved-from client: end those already opened
        for (const auto& opened : members) supervisor::stop_watch(*opened);
        refused = error.error();
        refused->message = "watch '" + name + "': " + refused->message;
        break;
      }
    }
  }
  auto impl = std::make_unique<Watch::Impl>();
  impl->runner = supervisor::CallbackRunner::start(refused ? decltype(members){} : members,
                                                   std::move(sink), refused);
  // Members stopped above still end on their own; the runner no longer waits for them.
  return NotificationStream::Internals::make_watch(std::move(impl));
}

Watch Client::watch_many(WatchSet& watches, MultiNotificationHandler& handler) {
  return aviso::watch_many(*this, watches, handler);
}

namespace supervisor {
NotificationStream watch_with_options(const Client& client, const WatchRequest& request,
                                      SupervisorOptions options) {
  return NotificationStream::Internals::make(start(client, request, options));
}
}  // namespace supervisor

}  // namespace aviso
