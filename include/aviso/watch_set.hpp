// Several named watches read through one handler: the reference facade's watch_many, WatchSet
// and MultiNotificationHandler. Public header: C++17.
//
//   struct Both : aviso::MultiNotificationHandler {
//     bool on_notification(const std::string& name, const aviso::Notification& n) override {
//       std::cout << name << ' ' << n.sequence() << '\n';
//       return true;
//     }
//     // The error policy: false (the default) ends every watch, true drops only this one.
//     bool on_error(const std::string& name, const aviso::ErrorInfo& error) override {
//       return true;
//     }
//   } handler;
//   aviso::WatchSet set;
//   set.add("surface", surface_request).add("upper", upper_request);
//   aviso::Watch watch = aviso::watch_many(client, set, handler);   // stop() / wait(); RAII
//
// Each entry is an ordinary watch (own connection, reconnects, resume key and cursor; the name is
// not part of the key). Callbacks of one set never run concurrently; within one watch they come
// in sequence order, across watches the set takes them in turn so a busy watch cannot starve a
// quiet one.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "aviso/error.hpp"
#include "aviso/notification.hpp"
#include "aviso/watch.hpp"
#include "aviso/watch_request.hpp"

namespace aviso {

class Client;

class MultiNotificationHandler {
 public:
  virtual ~MultiNotificationHandler() = default;
  // A notification of the watch `name`. Return false to stop every watch gracefully. An
  // exception stops every watch too: on_end then receives kind Internal, "the handler's
  // on_notification threw: <what>".
  virtual bool on_notification(const std::string& name, const Notification& notification) = 0;
  // The watch `name` failed; `error.message` starts with "watch '<name>': ". Return true to
  // drop that watch and keep the others, false (the default) to stop every watch and end with
  // this error.
  virtual bool on_error(const std::string& name, const ErrorInfo& error) {
    (void)name;
    (void)error;
    return false;
  }
  // Exactly once, last. nullopt when every watch ended (including after failures on_error chose
  // to go on past, or after stop()). Set when the set was invalid, when on_error returned false,
  // or when every watch failed ("every watch failed: ..." with the kind of the last failure).
  // An exception thrown from here is swallowed.
  virtual void on_end(const std::optional<ErrorInfo>& error) { (void)error; }
};

// Named watch requests for watch_many. Move-only; consumed by watch_many.
class WatchSet {
 public:
  WatchSet() = default;
  WatchSet(WatchSet&&) noexcept = default;
  WatchSet& operator=(WatchSet&&) noexcept = default;
  WatchSet(const WatchSet&) = delete;
  WatchSet& operator=(const WatchSet&) = delete;

  // Adds a copy of `request` under `name`. An empty or repeated name is not refused here: like
  // the facade, watch_many reports it through on_end and opens no watch. Throws InvalidUsage
  // once the set has been handed to watch_many.
  WatchSet& add(const std::string& name, WatchRequest& request);

  std::size_t size() const { return entries_.size(); }

  struct Internals;  // read by watch_many

 private:
  friend struct Internals;
  std::vector<std::pair<std::string, WatchRequest>> entries_;
  bool consumed_ = false;
};

// Starts every watch of `watches` and returns one Watch for all of them: stop(), wait() and the
// destructor act on every watch. Consumes the set (a second call throws InvalidUsage). An invalid
// set (no entry, an empty or repeated name, a request check_watch_request() refuses) opens
// nothing and ends at once through on_end with the reason (InvalidInput, or the request's own
// kind; messages name the watch). `handler` must live until on_end has returned.
Watch watch_many(const Client& client, WatchSet& watches, MultiNotificationHandler& handler);

}  // namespace aviso
