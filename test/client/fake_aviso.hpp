// A scripted aviso-server on 127.0.0.1 for the client's tests, built on the mini HTTP server:
// the real endpoints and body shapes of spec/protocol.md, with knobs for the failures a test
// needs. (The full local server is exercised by the integration tests.)
#pragma once

#include <atomic>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "http/mini_http_server.hpp"

namespace aviso::test {

class FakeAviso {
 public:
  // `accepted_token`: when set, requests must carry "Bearer <token>" (401 otherwise).
  FakeAviso() : server_([this](const RecordedRequest& request) { return handle(request); }) {}

  std::string url() const { return server_.url(); }
  std::vector<RecordedRequest> requests() const { return server_.requests(); }
  const MiniHttpServer& server() const { return server_; }

  void require_token(const std::string& token) {
    std::lock_guard<std::mutex> lock(mutex_);
    token_ = token;
  }
  int max_in_flight() const { return max_in_flight_.load(); }

 private:
  static ScriptedResponse json(int status, const nlohmann::json& body, const std::string& id) {
    ScriptedResponse response;
    response.status = status;
    response.headers = {{"Content-Type", "application/json"}, {"X-Request-ID", id}};
    response.body = body.dump();
    return response;
  }

  static nlohmann::json error_body(const std::string& code, const std::string& message,
                                   const std::string& id) {
    return {{"code", code},
            {"details", message},
            {"error", "Invalid Notification Request"},
            {"message", message},
            {"request_id", id}};
  }

  ScriptedResponse handle(const RecordedRequest& request) {
    const int now = ++in_flight_;
    int seen = max_in_flight_.load();
    while (now > seen && !max_in_flight_.compare_exchange_weak(seen, now)) {
    }
    ScriptedResponse response = answer(request);
    --in_flight_;
    return response;
  }

  ScriptedResponse answer(const RecordedRequest& request) {
    const std::string id = "rid-" + std::to_string(++counter_);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!token_.empty() && request.target.rfind("/api/v1/schema", 0) != 0 &&
          request.header("Authorization") != "Bearer " + token_) {
        return json(401,
                    {{"code", "UNAUTHORIZED"},
                     {"error", "unauthorized"},
                     {"message", "Invalid or expired token"},
                     {"request_id", id}},
                    id);
      }
    }
    if (request.method == "POST" && request.target == "/api/v1/notification") {
      const nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
      if (body.is_discarded()) {
        return json(400, error_body("INVALID_JSON", "JSON parsing failed", id), id);
      }
      const std::string outcome = body["identifier"].value("outcome", "ok");
      if (outcome == "400") {
        return json(
            400, error_body("INVALID_NOTIFICATION_REQUEST", "Field 'step' must be an integer", id),
            id);
      }
      if (outcome == "403") {
        return json(403,
                    {{"code", "FORBIDDEN"},
                     {"error", "forbidden"},
                     {"message", "User does not have required write role for this stream"},
                     {"request_id", id}},
                    id);
      }
      if (outcome == "500") {
        return json(500, error_body("NOTIFICATION_STORAGE_FAILED", "backend down", id), id);
      }
      return json(
          200,
          {{"status", "success"}, {"request_id", id}, {"processed_at", "2026-06-10T09:00:05Z"}},
          id);
    }
    if (request.method == "GET" && request.target == "/api/v1/schema") {
      return json(200, catalog(), id);
    }
    if (request.method == "GET" && request.target == "/api/v1/schema/mars") {
      return json(
          200,
          {{"event_type", "mars"}, {"schema", catalog()["schema"]["mars"]}, {"status", "success"}},
          id);
    }
    if (request.method == "GET" && request.target.rfind("/api/v1/schema/", 0) == 0) {
      return json(404,
                  {{"available_types", {"mars"}},
                   {"message", "Event type '" + request.target.substr(15) + "' not found"},
                   {"request_id", id},
                   {"status", "error"}},
                  id);
    }
    if (request.method == "DELETE" && request.target == "/api/v1/admin/wipe/stream") {
      return json(200,
                  {{"success", true}, {"message", "Successfully wiped stream"}, {"request_id", id}},
                  id);
    }
    if (request.method == "DELETE" && request.target == "/api/v1/admin/wipe/all") {
      return json(
          200, {{"success", true}, {"message", "Successfully wiped all data"}, {"request_id", id}},
          id);
    }
    if (request.method == "DELETE" && request.target.rfind("/api/v1/admin/notification/", 0) == 0) {
      const std::string notification_id = request.target.substr(27);
      if (notification_id == "mars@404") {
        return json(404, {{"success", false}, {"message", "Notification not found"}}, id);
      }
      return json(200,
                  {{"success", true},
                   {"message", "Notification deleted"},
                   {"notification_id", notification_id},
                   {"request_id", id}},
                  id);
    }
    ScriptedResponse missing;
    missing.status = 404;
    missing.headers = {{"X-Request-ID", id}};
    return missing;
  }

  static nlohmann::json catalog() {
    return nlohmann::json::parse(R"({
      "event_types": ["mars"],
      "schema": {"mars": {"identifier": {
          "class": {"description": "MARS class", "type": "StringHandler", "max_length": 2,
                    "required": true},
          "step": {"type": "IntHandler", "range": [0, 100000], "required": false}},
        "payload": {"required": false}}},
      "status": "success",
      "total_schemas": 1})");
  }

  std::mutex mutex_;
  std::string token_;
  std::atomic<int> counter_{0};
  std::atomic<int> in_flight_{0};
  std::atomic<int> max_in_flight_{0};
  MiniHttpServer server_;  // last: stops before the state it calls into
};

}  // namespace aviso::test
