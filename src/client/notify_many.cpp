// notify_many: a window of at most `concurrency` publishes in flight on the client's loop;
// each completion records its outcome at its input index and starts the next item. The caller's
// thread, idle meanwhile, builds the bodies before and decodes the answers after: with one I/O
// thread per client, every microsecond kept off it is throughput.
#include <future>
#include <memory>
#include <optional>

#include "aviso/client.hpp"
#include "client/api_call.hpp"
#include "client/client_internals.hpp"
#include "client/notification_body.hpp"
#include "client/response_decoding.hpp"

namespace aviso {
namespace {

struct Batch {
  detail::ClientCore* core = nullptr;
  std::vector<http::Request> requests;
  std::vector<std::optional<client::ApiOutcome>> outcomes;
  std::size_t next = 0;
  std::size_t finished = 0;
  std::promise<void> done;
};

NotifyResult result_of(std::size_t index, client::ApiOutcome outcome) {
  NotifyResult result;
  result.index = index;
  try {
    if (auto* error = std::get_if<Error>(&outcome)) throw *error;
    const http::Response& response = std::get<http::Response>(outcome);
    if (response.status < 200 || response.status >= 300) throw client::http_error(response);
    result.response = client::decode_notify_response(response);
  } catch (const Error& error) {
    result.error = error.error();
  }
  return result;
}

// Runs on the loop thread only, so the batch needs no lock. Each request is sent once, so it is
// handed over, not copied.
void launch_next(const std::shared_ptr<Batch>& batch) {
  const std::size_t index = batch->next++;
  client::send_api_request(*batch->core, std::move(batch->requests[index]),
                           [batch, index](client::ApiOutcome outcome) {
                             batch->outcomes[index] = std::move(outcome);
                             if (++batch->finished == batch->outcomes.size()) {
                               batch->done.set_value();
                             } else if (batch->next < batch->outcomes.size()) {
                               launch_next(batch);
                             }
                           });
}

nlohmann::json parse_item(std::size_t index, nlohmann::json item, NotificationRequest& out) {
  const std::string where = "notifications[" + std::to_string(index) + "]";
  if (!item.is_object()) throw Error::invalid_input(where + " must be a JSON object");
  const auto type = item.find("event_type");
  if (type == item.end()) {
    throw Error::invalid_input(where + " is missing required key \"event_type\"");
  }
  if (!type->is_string()) throw Error::invalid_input(where + ".event_type must be a string");
  out.event_type = type->get<std::string>();
  if (const auto identifier = item.find("identifier");
      identifier != item.end() && !identifier->is_null()) {
    if (!identifier->is_object()) {
      throw Error::invalid_input(where + ".identifier must be a JSON object");
    }
    out.identifier = *identifier;
  }
  if (const auto payload = item.find("payload"); payload != item.end() && !payload->is_null()) {
    out.payload = *payload;
  }
  return item;
}

}  // namespace

std::vector<NotifyResult> Client::notify_many(const std::vector<NotificationRequest>& requests,
                                              std::size_t concurrency) {
  detail::ClientCore& core = live();
  if (core.loop->on_loop_thread()) {
    throw Error::invalid_usage(
        "notify_many blocks and must not be called on the client's I/O thread");
  }
  if (requests.empty()) return {};
  auto batch = std::make_shared<Batch>();
  batch->core = &core;
  batch->outcomes.resize(requests.size());
  client::NotificationBodyWriter body_writer;
  for (const NotificationRequest& request : requests) {
    http::Request http_request;
    http_request.method = "POST";
    http_request.url = core.endpoint("api/v1/notification");
    http_request.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
    http_request.body = body_writer.write(request);
    batch->requests.push_back(std::move(http_request));
  }
  const std::size_t window =
      std::min(concurrency == 0 ? kDefaultNotifyConcurrency : concurrency, requests.size());
  std::future<void> finished = batch->done.get_future();
  core.loop->post([batch, window] {
    for (std::size_t i = 0; i < window; ++i) launch_next(batch);
  });
  finished.get();
  std::vector<NotifyResult> results;
  results.reserve(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    results.push_back(result_of(i, std::move(*batch->outcomes[i])));
  }
  return results;
}

std::string Client::notify_many(const std::string& notifications_json,
                                std::size_t max_concurrency) {
  live();
  nlohmann::json array = nlohmann::json::parse(notifications_json, nullptr, false);
  if (array.is_discarded()) throw Error::invalid_input("notifications_json is not valid JSON");
  if (!array.is_array()) throw Error::invalid_input("notifications_json must be a JSON array");
  std::vector<NotificationRequest> requests(array.size());
  for (std::size_t i = 0; i < array.size(); ++i) parse_item(i, std::move(array[i]), requests[i]);
  return to_json(notify_many(requests, max_concurrency));
}

}  // namespace aviso
