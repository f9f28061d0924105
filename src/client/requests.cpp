#include "aviso/requests.hpp"

#include "client/notification_body.hpp"
#include "client/response_decoding.hpp"

namespace aviso {
namespace {

using ordered = nlohmann::ordered_json;

ordered schema_json(const StreamSchema& schema) {
  ordered out;
  out["payload"] = schema.payload;
  out["identifier"] = schema.identifier;
  return out;
}

ordered response_json(const NotifyResponse& response) {
  ordered out;
  out["status"] = response.status;
  out["request_id"] = response.request_id;
  out["processed_at"] = response.processed_at;
  return out;
}

ordered result_json(const NotifyResult& result) {
  ordered out;
  out["index"] = result.index;
  if (result.response) {
    out["status"] = "ok";
    out["response"] = response_json(*result.response);
  } else {
    out["status"] = "error";
    ordered error;
    const ErrorInfo info = result.error.value_or(ErrorInfo{});
    error["kind"] = client::kind_label(info.kind);
    error["http_status"] = info.http_status;
    error["message"] = info.message;
    if (info.request_id) error["request_id"] = *info.request_id;
    out["error"] = std::move(error);
  }
  return out;
}

}  // namespace

NotificationRequest& NotificationRequest::with_identifier(nlohmann::json object) {
  if (!object.is_object()) throw Error::invalid_input("identifier must be a JSON object");
  identifier = std::move(object);
  return *this;
}

NotificationRequest& NotificationRequest::with_string_identifier(
    const std::map<std::string, std::string>& values) {
  identifier = nlohmann::json::object();
  for (const auto& [key, value] : values) identifier[key] = value;
  return *this;
}

NotificationRequest& NotificationRequest::with_payload(nlohmann::json value) {
  payload = std::move(value);
  return *this;
}

std::string NotificationRequest::to_json() const {
  return client::NotificationBodyWriter().write(*this);
}

std::string NotifyResponse::to_json() const { return response_json(*this).dump(); }

std::string NotifyResult::to_json() const { return result_json(*this).dump(); }

std::string SchemaCatalog::to_json() const {
  ordered out;
  out["status"] = status;
  ordered map = ordered::object();
  for (const auto& [name, stream] : schema) map[name] = schema_json(stream);
  out["schema"] = std::move(map);
  out["event_types"] = event_types;
  out["total_schemas"] = total_schemas;
  return out.dump();
}

std::string SchemaResponse::to_json() const {
  ordered out;
  out["status"] = status;
  out["event_type"] = event_type;
  out["schema"] = schema_json(schema);
  return out.dump();
}

std::ostream& operator<<(std::ostream& out, const NotifyResponse& value) {
  return out << value.to_json();
}
std::ostream& operator<<(std::ostream& out, const NotifyResult& value) {
  return out << value.to_json();
}
std::ostream& operator<<(std::ostream& out, const SchemaCatalog& value) {
  return out << value.to_json();
}
std::ostream& operator<<(std::ostream& out, const SchemaResponse& value) {
  return out << value.to_json();
}

std::string to_json(const std::vector<NotifyResult>& results) {
  ordered array = ordered::array();
  for (const NotifyResult& result : results) array.push_back(result_json(result));
  return array.dump();
}

}  // namespace aviso
