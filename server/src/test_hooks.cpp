#include "test_hooks.hpp"

#include <nlohmann/json.hpp>

#include "api_error.hpp"

namespace aviso::server {

namespace {

HttpResponse hook_error(unsigned status, const std::string& message,
                        const std::string& request_id) {
  return json_response(status, {{"error", message}}, request_id);
}

}  // namespace

void TestHooks::count(const std::string& path) { ++counts_[path]; }

std::optional<HttpResponse> TestHooks::take_forced(const std::string& path,
                                                   const std::string& request_id) {
  const auto it = forced_.find(path);
  if (it == forced_.end() || it->second.remaining == 0) return std::nullopt;
  Forced& forced = it->second;
  --forced.remaining;
  HttpResponse response;
  response.status = forced.status;
  response.request_id = request_id;
  response.content_type = forced.content_type;
  response.delay = forced.delay;
  response.body = forced.body
                      ? *forced.body
                      : nlohmann::json{{"code", "TEST_HOOK_FORCED_STATUS"},
                                       {"error", "forced by test hook"},
                                       {"message", "Status " + std::to_string(forced.status) +
                                                       " forced by the /_test/fail hook"},
                                       {"request_id", request_id}}
                            .dump();
  if (forced.retry_after) response.headers.emplace_back("Retry-After", *forced.retry_after);
  if (forced.remaining == 0) forced_.erase(it);
  return response;
}

HttpResponse TestHooks::handle(const HttpRequest& request, StreamControl* streams,
                               const std::string& request_id) {
  const std::string name = request.path.substr(std::string("/_test/").size());
  const bool known = name == "fail" || name == "drop-streams" || name == "inject-error" ||
                     name == "pause-heartbeats" || name == "close-streams" || name == "requests" ||
                     name == "reset";
  if (!known) return hook_error(404, "unknown test hook '" + name + "'", request_id);
  const std::string expected_method = name == "requests" ? "GET" : "POST";
  if (request.method != expected_method) {
    return hook_error(405, "/_test/" + name + " expects " + expected_method, request_id);
  }

  nlohmann::json body = nlohmann::json::object();
  if (!request.body.empty()) {
    try {
      body = nlohmann::json::parse(request.body);
    } catch (const nlohmann::json::parse_error& error) {
      return hook_error(400, std::string("hook body is not JSON: ") + error.what(), request_id);
    }
    if (!body.is_object()) return hook_error(400, "hook body must be a JSON object", request_id);
  }

  try {
    if (name == "requests") {
      nlohmann::json counts = nlohmann::json::object();
      for (const auto& [path, n] : counts_) counts[path] = n;
      return json_response(
          200, {{"counts", counts}, {"open_streams", streams ? streams->open_streams() : 0}},
          request_id);
    }
    if (name == "reset") {
      counts_.clear();
      forced_.clear();
      return json_response(200, {{"reset", true}}, request_id);
    }
    if (name == "fail") {
      if (!body.contains("route") || !body["route"].is_string()) {
        return hook_error(400, "fail needs \"route\" (a path such as \"/api/v1/notification\")",
                          request_id);
      }
      Forced forced;
      forced.status = body.value("status", 503U);
      if (forced.status < 100 || forced.status > 599)
        return hook_error(400, "status must be 100..599", request_id);
      forced.remaining = body.value("count", std::uint64_t{1});
      if (body.contains("retry_after")) {
        const auto& retry = body["retry_after"];
        forced.retry_after = retry.is_string() ? retry.get<std::string>() : retry.dump();
      }
      if (body.contains("body")) {
        const auto& text = body["body"];
        forced.body = text.is_string() ? text.get<std::string>() : text.dump();
      }
      forced.content_type = body.value("content_type", std::string("application/json"));
      forced.delay = std::chrono::milliseconds(body.value("delay_ms", std::int64_t{0}));
      forced_[body["route"].get<std::string>()] = forced;
      return json_response(
          200, {{"route", body["route"]}, {"count", forced.remaining}, {"status", forced.status}},
          request_id);
    }
    if (!streams) return hook_error(500, "no stream registry", request_id);
    if (name == "drop-streams")
      return json_response(200, {{"dropped", streams->drop_all()}}, request_id);
    if (name == "inject-error") {
      const auto error = body.value("error", std::string("stream_processing_failed"));
      const auto message =
          body.value("message", std::string("Injected by the /_test/inject-error hook"));
      return json_response(200, {{"streams", streams->inject_error(error, message)}}, request_id);
    }
    if (name == "pause-heartbeats") {
      const double seconds = body.value("seconds", 0.0);
      if (seconds < 0) return hook_error(400, "seconds must not be negative", request_id);
      return json_response(200, {{"streams", streams->pause_heartbeats(seconds)}}, request_id);
    }
    // close-streams
    if (!body.contains("reason") || !body["reason"].is_string()) {
      return hook_error(400, "close-streams needs \"reason\" (any string)", request_id);
    }
    const auto reason = body["reason"].get<std::string>();
    const auto message =
        body.value("message", std::string("Closed by the /_test/close-streams hook"));
    return json_response(200, {{"closed", streams->close_all(reason, message)}}, request_id);
  } catch (const nlohmann::json::exception& error) {
    return hook_error(400, std::string("hook body has a field of the wrong type: ") + error.what(),
                      request_id);
  }
}

}  // namespace aviso::server
