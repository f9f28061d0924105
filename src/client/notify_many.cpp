// notify_many: a window of at most `concurrency` publishes in flight on the client's loop; each
// completion records its outcome at its input index and starts the next item. The caller's
// thread writes the bodies and decodes the answers: with one I/O thread per client, every
// microsecond kept off it is throughput. It does both while the loop sends, instead of before
// and after: the first items leave as soon as their bodies are written, and answers are decoded
// in chunks as they arrive.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>

#include "aviso/client.hpp"
#include "client/api_call.hpp"
#include "client/client_internals.hpp"
#include "client/notification_body.hpp"
#include "client/response_decoding.hpp"

namespace aviso {
namespace {

// Bodies handed to the loop at a time, and answers the caller waits for before it decodes: large
// enough that the hand-overs (a wake-up each) cost nothing per item, small enough that sending
// starts at once and little decoding is left when the last answer arrives.
constexpr std::size_t kBuildChunk = 64;
constexpr std::size_t kDecodeChunk = 256;

struct Batch {
  Batch(detail::ClientCore& client_core, std::size_t size, std::size_t concurrency)
      : core(client_core), window(concurrency), requests(size), outcomes(size) {}

  detail::ClientCore& core;
  const std::size_t window;
  // Written by the caller; item i is handed to the loop (and never touched by the caller again)
  // once a posted command has raised `built` above i.
  std::vector<http::Request> requests;
  // Written by the loop; item i is read by the caller once `i` is in `answers`.
  std::vector<std::optional<client::ApiOutcome>> outcomes;

  // Loop thread only.
  std::size_t built = 0;
  std::size_t launched = 0;
  std::size_t in_flight = 0;

  // Answers not yet taken by the caller, and how many it waits for (0: not waiting).
  std::mutex mutex;
  std::condition_variable answered;
  std::vector<std::size_t> answers;
  std::size_t caller_wants = 0;
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

void launch_ready(const std::shared_ptr<Batch>& batch);

// Loop thread. Wakes the caller only once what it waits for is there: one wake-up per chunk.
void record_answer(const std::shared_ptr<Batch>& batch, std::size_t index,
                   client::ApiOutcome outcome) {
  batch->outcomes[index] = std::move(outcome);
  bool wake = false;
  {
    std::lock_guard<std::mutex> lock(batch->mutex);
    batch->answers.push_back(index);
    wake = batch->caller_wants != 0 && batch->answers.size() >= batch->caller_wants;
  }
  if (wake) batch->answered.notify_one();
}

// Loop thread: fills the window with items whose bodies are written. Each request is sent once,
// so it is handed over, not copied.
void launch_ready(const std::shared_ptr<Batch>& batch) {
  while (batch->in_flight < batch->window && batch->launched < batch->built) {
    const std::size_t index = batch->launched++;
    ++batch->in_flight;
    client::send_api_request(batch->core, std::move(batch->requests[index]),
                             [batch, index](client::ApiOutcome outcome) {
                               --batch->in_flight;
                               record_answer(batch, index, std::move(outcome));
                               launch_ready(batch);
                             });
  }
}

// Only the header the server needs: curl formats each one byte by byte on the I/O thread (about
// 2,600 instructions per publish for an Accept header that changes nothing). Without one, curl
// sends "Accept: */*", as the reference's HTTP client does.
http::Request publish_request(const std::string& url, std::string body) {
  http::Request request;
  request.method = "POST";
  request.url = url;
  request.headers = {{"Content-Type", "application/json"}};
  request.body = std::move(body);
  return request;
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
  // Nothing is sent when any item cannot be: the whole batch is checked before the first body
  // leaves (write() then throws the error naming the member).
  client::NotificationBodyWriter body_writer;
  for (const NotificationRequest& request : requests) {
    if (!client::NotificationBodyWriter::can_write(request)) (void)body_writer.write(request);
  }

  const std::size_t count = requests.size();
  auto batch = std::make_shared<Batch>(
      core, count, std::min(concurrency == 0 ? kDefaultNotifyConcurrency : concurrency, count));
  const std::string url = core.endpoint("api/v1/notification");  // the same for every item
  for (std::size_t first = 0; first < count; first += kBuildChunk) {
    const std::size_t end = std::min(first + kBuildChunk, count);
    for (std::size_t i = first; i < end; ++i) {
      batch->requests[i] = publish_request(url, body_writer.write(requests[i]));
    }
    core.loop->post([batch, end] {
      batch->built = end;
      launch_ready(batch);
    });
  }

  std::vector<NotifyResult> results(count);
  std::vector<std::size_t> taken;
  for (std::size_t decoded = 0; decoded < count;) {
    {
      std::unique_lock<std::mutex> lock(batch->mutex);
      batch->caller_wants = std::min(kDecodeChunk, count - decoded);
      batch->answered.wait(lock, [&] { return batch->answers.size() >= batch->caller_wants; });
      batch->caller_wants = 0;
      taken.swap(batch->answers);
    }
    for (const std::size_t index : taken) {
      results[index] = result_of(index, std::move(*batch->outcomes[index]));
    }
    decoded += taken.size();
    taken.clear();
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
