#include "aviso/client.hpp"

#include <memory>

#include "client/api_call.hpp"
#include "client/base_url.hpp"
#include "client/client_internals.hpp"
#include "client/response_decoding.hpp"

namespace aviso {
namespace {

using client::ApiOutcome;

// No Accept header: curl then sends "Accept: */*", as the reference's HTTP client does. The
// server answers JSON whatever the request accepts, and every header a request carries is one
// more curl formats with its slow printf on the I/O thread (see notify_many.cpp).
http::Request json_request(std::string method, std::string url, std::string body) {
  http::Request request;
  request.method = std::move(method);
  request.url = std::move(url);
  request.body = std::move(body);
  request.headers = {{"Content-Type", "application/json"}};
  return request;
}

http::Request get_request(std::string url) {
  http::Request request;
  request.url = std::move(url);
  return request;
}

// Sends `request`; on a 2xx the decoder turns the response into the promised value, anything
// else fulfils the promise with the error. Runs on the loop thread; the promise is always
// fulfilled.
template <typename T, typename Decode>
std::future<T> call(detail::ClientCore& core, http::Request request, Decode decode) {
  auto promise = std::make_shared<std::promise<T>>();
  std::future<T> future = promise->get_future();
  client::send_api_request(core, std::move(request), [promise, decode](ApiOutcome outcome) {
    try {
      if (auto* error = std::get_if<Error>(&outcome)) throw *error;
      const http::Response& response = std::get<http::Response>(outcome);
      if (response.status < 200 || response.status >= 300) throw client::http_error(response);
      if constexpr (std::is_void_v<T>) {
        decode(response);
        promise->set_value();
      } else {
        promise->set_value(decode(response));
      }
    } catch (...) {
      promise->set_exception(std::current_exception());
    }
  });
  return future;
}

void refuse_on_loop_thread(const detail::ClientCore& core, const char* verb) {
  if (core.loop->on_loop_thread()) {
    throw Error::invalid_usage(std::string(verb) +
                               " blocks and must not be called on the client's I/O thread; use " +
                               verb + "_async");
  }
}

nlohmann::json parse_json_argument(const std::string& text, const char* what) {
  nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
  if (value.is_discarded()) throw Error::invalid_input(std::string(what) + " is not valid JSON");
  return value;
}

NotificationRequest facade_request(const std::string& event_type,
                                   const std::map<std::string, std::string>& identifier,
                                   const std::optional<std::string>& payload) {
  NotificationRequest request(event_type);
  request.with_string_identifier(identifier);
  if (payload) request.with_payload(parse_json_argument(*payload, "payload"));
  return request;
}

NotificationRequest facade_json_request(const std::string& event_type,
                                        const std::string& identifier_json,
                                        const std::optional<std::string>& payload) {
  nlohmann::json identifier = parse_json_argument(identifier_json, "identifier_json");
  if (!identifier.is_object()) throw Error::invalid_input("identifier_json must be a JSON object");
  NotificationRequest request(event_type);
  request.with_identifier(std::move(identifier));
  if (payload) request.with_payload(parse_json_argument(*payload, "payload"));
  return request;
}

template <typename T, typename Decode>
std::future<T> notify_call(detail::ClientCore& core, const NotificationRequest& request,
                           Decode decode) {
  if (request.event_type.empty()) throw Error::invalid_input("event_type must not be empty");
  return call<T>(
      core, json_request("POST", core.endpoint("api/v1/notification"), request.to_json()), decode);
}

std::future<NotifyResponse> notify_future(detail::ClientCore& core,
                                          const NotificationRequest& request) {
  return notify_call<NotifyResponse>(core, request, client::decode_notify_response);
}

std::future<std::string> notify_text_future(detail::ClientCore& core,
                                            const NotificationRequest& request) {
  return notify_call<std::string>(core, request, [](const http::Response& response) {
    return client::decode_notify_response(response).to_json();
  });
}

}  // namespace

Client::Client(std::unique_ptr<detail::ClientCore> core) : core_(std::move(core)) {}
Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&&) noexcept = default;
Client::~Client() = default;

detail::ClientCore& Client::live() const {
  if (!core_) throw Error::invalid_usage("this Client was moved from");
  return *core_;
}

NotifyResponse Client::notify(const NotificationRequest& request) {
  detail::ClientCore& core = live();
  refuse_on_loop_thread(core, "notify");
  return notify_future(core, request).get();
}

NotifyResponse Client::notify(const std::string& event_type,
                              const std::map<std::string, std::string>& identifier,
                              const std::optional<std::string>& payload) {
  live();
  return notify(facade_request(event_type, identifier, payload));
}

NotifyResponse Client::notify_json(const std::string& event_type,
                                   const std::string& identifier_json,
                                   const std::optional<std::string>& payload) {
  live();
  return notify(facade_json_request(event_type, identifier_json, payload));
}

SchemaCatalog Client::schema() {
  detail::ClientCore& core = live();
  refuse_on_loop_thread(core, "schema");
  return call<SchemaCatalog>(core, get_request(core.endpoint("api/v1/schema")),
                             client::decode_schema_catalog)
      .get();
}

SchemaResponse Client::schema_for(const std::string& event_type) {
  detail::ClientCore& core = live();
  refuse_on_loop_thread(core, "schema_for");
  const std::string url =
      core.endpoint("api/v1/schema/" + client::path_segment(event_type, "event_type"));
  return call<SchemaResponse>(core, get_request(url), client::decode_schema_response).get();
}

namespace {

void ignore_body(const http::Response&) {}

std::future<void> wipe_stream_future(detail::ClientCore& core, const std::string& stream_name) {
  if (stream_name.empty()) throw Error::config("stream_name must not be empty");
  nlohmann::ordered_json body;
  body["stream_name"] = stream_name;
  return call<void>(core,
                    json_request("DELETE", core.endpoint("api/v1/admin/wipe/stream"), body.dump()),
                    ignore_body);
}

std::future<void> wipe_all_future(detail::ClientCore& core) {
  http::Request request = get_request(core.endpoint("api/v1/admin/wipe/all"));
  request.method = "DELETE";
  return call<void>(core, std::move(request), ignore_body);
}

std::future<void> delete_future(detail::ClientCore& core, const std::string& id) {
  http::Request request = get_request(
      core.endpoint("api/v1/admin/notification/" + client::path_segment(id, "notification_id")));
  request.method = "DELETE";
  return call<void>(core, std::move(request), ignore_body);
}

}  // namespace

void Client::wipe_stream(const std::string& stream_name) {
  detail::ClientCore& core = live();
  refuse_on_loop_thread(core, "wipe_stream");
  wipe_stream_future(core, stream_name).get();
}

void Client::wipe_all() {
  detail::ClientCore& core = live();
  refuse_on_loop_thread(core, "wipe_all");
  wipe_all_future(core).get();
}

void Client::delete_notification(const std::string& notification_id) {
  detail::ClientCore& core = live();
  refuse_on_loop_thread(core, "delete_notification");
  delete_future(core, notification_id).get();
}

std::future<NotifyResponse> Client::notify_async(const NotificationRequest& request) {
  return notify_future(live(), request);
}

std::future<std::string> Client::notify_async(const std::string& event_type,
                                              const std::map<std::string, std::string>& identifier,
                                              const std::optional<std::string>& payload) {
  detail::ClientCore& core = live();
  return notify_text_future(core, facade_request(event_type, identifier, payload));
}

std::future<std::string> Client::notify_json_async(const std::string& event_type,
                                                   const std::string& identifier_json,
                                                   const std::optional<std::string>& payload) {
  detail::ClientCore& core = live();
  return notify_text_future(core, facade_json_request(event_type, identifier_json, payload));
}

std::future<std::string> Client::schema_async() {
  detail::ClientCore& core = live();
  return call<std::string>(core, get_request(core.endpoint("api/v1/schema")),
                           [](const http::Response& response) {
                             return client::decode_schema_catalog(response).to_json();
                           });
}

std::future<std::string> Client::schema_for_async(const std::string& event_type) {
  detail::ClientCore& core = live();
  const std::string url =
      core.endpoint("api/v1/schema/" + client::path_segment(event_type, "event_type"));
  return call<std::string>(core, get_request(url), [](const http::Response& response) {
    return client::decode_schema_response(response).to_json();
  });
}

std::future<void> Client::wipe_stream_async(const std::string& stream_name) {
  return wipe_stream_future(live(), stream_name);
}

std::future<void> Client::wipe_all_async() { return wipe_all_future(live()); }

std::future<void> Client::delete_notification_async(const std::string& notification_id) {
  return delete_future(live(), notification_id);
}

const std::string& Client::base_url() const { return live().base_url; }
bool Client::danger_accept_invalid_certs() const { return live().danger_accept_invalid_certs; }
std::chrono::milliseconds Client::heartbeat_interval() const { return live().heartbeat_interval; }
std::optional<std::chrono::milliseconds> Client::timeout() const { return live().timeout; }
const std::string& Client::user_agent() const { return live().user_agent; }
bool Client::flush_cursor_on_exit() const { return live().flush_cursor_on_exit; }
std::shared_ptr<StateStore> Client::state_store() const { return live().state_store; }

}  // namespace aviso
