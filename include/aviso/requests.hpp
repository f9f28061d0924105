// The values the client's verbs send and return. Public header: C++17.
//
// Every response type converts to exactly the compact JSON text the reference C++ facade
// returns, so facade code keeps working:  std::string s = client.notify("mars", {...});
// and  std::cout << client.schema();
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "aviso/error.hpp"

namespace aviso {

// One notification to publish: POST /api/v1/notification.
struct NotificationRequest {
  std::string event_type;
  nlohmann::json identifier = nlohmann::json::object();  // an object; values of any JSON shape
  std::optional<nlohmann::json> payload;

  NotificationRequest() = default;
  explicit NotificationRequest(std::string type) : event_type(std::move(type)) {}

  // Replaces the identifier; `object` must be a JSON object.
  NotificationRequest& with_identifier(nlohmann::json object);
  NotificationRequest& with_string_identifier(const std::map<std::string, std::string>& values);
  NotificationRequest& with_payload(nlohmann::json value);

  // {"event_type":..,"identifier":{..}[,"payload":..]}, the wire body.
  std::string to_json() const;
};

// The server's answer to a publish.
struct NotifyResponse {
  std::string status;  // "success"
  std::string request_id;
  std::string processed_at;  // RFC 3339 UTC

  // {"status":..,"request_id":..,"processed_at":..}
  std::string to_json() const;
  operator std::string() const { return to_json(); }  // NOLINT: facade compatibility
};

// One item of notify_many: its position in the input and either the response or the error.
struct NotifyResult {
  std::size_t index = 0;
  std::optional<NotifyResponse> response;
  std::optional<ErrorInfo> error;

  bool ok() const { return response.has_value(); }
  // {"index":N,"status":"ok","response":{..}} or
  // {"index":N,"status":"error","error":{"kind":"http","http_status":400,"message":..,
  //  "request_id":..}}, as the reference facade's notify_many array.
  std::string to_json() const;
};

// One stream's schema as the server reports it; unknown fields pass through untouched.
struct StreamSchema {
  nlohmann::json payload;                                // null when the server sent none
  nlohmann::json identifier = nlohmann::json::object();  // field -> rule object
};

// GET /api/v1/schema.
struct SchemaCatalog {
  std::string status;
  std::map<std::string, StreamSchema> schema;
  std::vector<std::string> event_types;
  std::uint32_t total_schemas = 0;

  // {"status":..,"schema":{..},"event_types":[..],"total_schemas":N}
  std::string to_json() const;
  operator std::string() const { return to_json(); }  // NOLINT: facade compatibility
};

// GET /api/v1/schema/{event_type}.
struct SchemaResponse {
  std::string status;
  std::string event_type;
  StreamSchema schema;

  // {"status":..,"event_type":..,"schema":{"payload":..,"identifier":{..}}}
  std::string to_json() const;
  operator std::string() const { return to_json(); }  // NOLINT: facade compatibility
};

std::ostream& operator<<(std::ostream& out, const NotifyResponse& value);
std::ostream& operator<<(std::ostream& out, const NotifyResult& value);
std::ostream& operator<<(std::ostream& out, const SchemaCatalog& value);
std::ostream& operator<<(std::ostream& out, const SchemaResponse& value);

// The compact JSON array of notify_many results, in input order.
std::string to_json(const std::vector<NotifyResult>& results);

}  // namespace aviso
