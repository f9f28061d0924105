// Client: publish, discover schemas, administer streams. Public header: C++17.
//
// Source-compatible with the reference C++ facade: the facade's verbs keep their names and
// parameters, and typed results convert to the same compact JSON text (std::string s =
// client.notify(...); std::cout << client.schema();). Native overloads take and return typed
// values.
//
// One Client owns one I/O thread running every transfer it makes. Blocking verbs must not be
// called from that thread (a watch's transport callbacks); they throw InvalidUsage there. Use
// the _async forms from callbacks. Move-only; any call on a moved-from Client throws
// InvalidUsage.
#pragma once

#include <chrono>
#include <cstddef>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "aviso/client_builder.hpp"
#include "aviso/error.hpp"
#include "aviso/requests.hpp"

namespace aviso {

class StateStore;

namespace detail {
struct ClientCore;
struct ClientAccess;
}  // namespace detail

// notify_many's default number of requests in flight (concurrency 0).
inline constexpr std::size_t kDefaultNotifyConcurrency = 16;

class Client {
 public:
  Client(Client&&) noexcept;
  Client& operator=(Client&&) noexcept;
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;
  ~Client();

  // --- publish -------------------------------------------------------------------------------
  // POST /api/v1/notification. A 401 refreshes the credential and retries once; nothing else
  // is retried once the body may have been sent (a retried publish could be stored twice).
  NotifyResponse notify(const NotificationRequest& request);
  // Facade form: string identifier values; `payload` is JSON text.
  NotifyResponse notify(const std::string& event_type,
                        const std::map<std::string, std::string>& identifier = {},
                        const std::optional<std::string>& payload = std::nullopt);
  // Facade form for identifier values of any JSON shape; `identifier_json` is a JSON object.
  NotifyResponse notify_json(const std::string& event_type, const std::string& identifier_json,
                             const std::optional<std::string>& payload = std::nullopt);

  // Many publishes with at most `concurrency` in flight (0 = 16). Results come back in input
  // order; items succeed or fail independently (not atomic); an empty input sends nothing.
  std::vector<NotifyResult> notify_many(const std::vector<NotificationRequest>& requests,
                                        std::size_t concurrency = 0);
  // Facade form: a JSON array of {event_type, identifier?, payload?}; returns the compact JSON
  // array of per-item results. Only malformed input throws (InvalidInput, before any request).
  std::string notify_many(const std::string& notifications_json, std::size_t max_concurrency = 0);

  // --- discovery ----------------------------------------------------------------------------
  SchemaCatalog schema();                                    // GET /api/v1/schema
  SchemaResponse schema_for(const std::string& event_type);  // GET /api/v1/schema/{type}

  // --- admin (operator credentials) ---------------------------------------------------------
  void wipe_stream(const std::string& stream_name);              // DELETE /api/v1/admin/wipe/stream
  void wipe_all();                                               // DELETE /api/v1/admin/wipe/all
  void delete_notification(const std::string& notification_id);  // "<type>@<sequence>"

  // --- async forms (safe from callbacks; .get() rethrows aviso::Error) ----------------------
  std::future<NotifyResponse> notify_async(const NotificationRequest& request);
  std::future<std::string> notify_async(const std::string& event_type,
                                        const std::map<std::string, std::string>& identifier = {},
                                        const std::optional<std::string>& payload = std::nullopt);
  std::future<std::string> notify_json_async(
      const std::string& event_type, const std::string& identifier_json,
      const std::optional<std::string>& payload = std::nullopt);
  std::future<std::string> schema_async();
  std::future<std::string> schema_for_async(const std::string& event_type);
  std::future<void> wipe_stream_async(const std::string& stream_name);
  std::future<void> wipe_all_async();
  std::future<void> delete_notification_async(const std::string& notification_id);

  // --- settings in use ----------------------------------------------------------------------
  // The normalised base URL (trailing '/', path prefix kept).
  const std::string& base_url() const;
  bool danger_accept_invalid_certs() const;
  std::chrono::milliseconds heartbeat_interval() const;
  std::optional<std::chrono::milliseconds> timeout() const;
  const std::string& user_agent() const;
  bool flush_cursor_on_exit() const;
  std::shared_ptr<StateStore> state_store() const;

  // Watching (watch, watch_many, NotificationStream) is declared by aviso/watch.hpp and is
  // built on the same event loop through detail::ClientAccess.

  // --- watching (include aviso/watch.hpp to use these; src/client/client_watch.cpp) -------
  // Starts a watch at once and returns its pull stream. Throws aviso::Error for a request that
  // check_watch_request() refuses. Close the stream before destroying this Client.
  class NotificationStream watch(const class WatchRequest& request);
  // Facade form: callbacks on the Watch's own thread until on_end; the request is consumed.
  class Watch watch(WatchRequest& request, class NotificationHandler& handler);
  // Facade form: several named watches, one handler; the set is consumed (aviso/watch_set.hpp).
  class Watch watch_many(class WatchSet& watches, class MultiNotificationHandler& handler);
  // --- end of watching ----------------------------------------------------------------------

 private:
  friend class ClientBuilder;
  friend struct detail::ClientAccess;
  explicit Client(std::unique_ptr<detail::ClientCore> core);
  detail::ClientCore& live() const;

  std::unique_ptr<detail::ClientCore> core_;
};

}  // namespace aviso
