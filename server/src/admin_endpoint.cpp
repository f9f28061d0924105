#include "access.hpp"
#include "api_error.hpp"
#include "endpoints.hpp"
#include "number_text.hpp"

namespace aviso::server {

namespace {

// Admin bodies list their fields in a fixed order (success, message, ..., request_id).
HttpResponse ordered_response(unsigned status, const nlohmann::ordered_json& body,
                              const std::string& request_id) {
  HttpResponse response;
  response.status = status;
  response.body = body.dump();
  response.request_id = request_id;
  return response;
}

HttpResponse delete_reply(unsigned status, bool success, const std::string& message,
                          const std::string& id, const std::string& request_id) {
  nlohmann::ordered_json body;
  body["success"] = success;
  body["message"] = message;
  body["notification_id"] = id;
  body["request_id"] = request_id;
  return ordered_response(status, body, request_id);
}

HttpResponse simple_reply(unsigned status, bool success, const std::string& message,
                          const std::string& request_id) {
  nlohmann::ordered_json body;
  body["success"] = success;
  body["message"] = message;
  body["request_id"] = request_id;
  return ordered_response(status, body, request_id);
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

HttpResponse plain_text(unsigned status, const std::string& text, const std::string& request_id) {
  HttpResponse response;
  response.status = status;
  response.content_type = "text/plain; charset=utf-8";
  response.body = text;
  response.request_id = request_id;
  return response;
}

}  // namespace

HttpResponse handle_delete_notification(const ApiContext& context, const HttpRequest& request,
                                        const std::string& notification_id,
                                        const std::string& request_id) {
  if (auto denied = check_admin_access(context, request, request_id)) return *denied;
  const std::string_view id = trim(notification_id);
  const auto at = id.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == id.size()) {
    return delete_reply(400, false, "notification_id must be in '<stream>@<sequence>' format",
                        notification_id, request_id);
  }
  const std::string_view name = id.substr(0, at);
  const auto sequence = parse_u64(id.substr(at + 1));
  if (!sequence) {
    return delete_reply(400, false, "notification_id sequence must be a positive integer",
                        notification_id, request_id);
  }
  if (*sequence == 0) {
    return delete_reply(400, false, "notification_id sequence must be greater than zero",
                        notification_id, request_id);
  }
  // An event type (exact, then case-insensitive) stands for its stream; anything else is a base.
  const EventSchema* schema = context.settings.schemas.find_ignoring_case(name);
  const std::string stream = schema ? schema->base : std::string(name);
  if (!context.store.remove(stream, *sequence)) {
    return delete_reply(404, false, "Notification not found", notification_id, request_id);
  }
  return delete_reply(200, true, "Notification deleted", notification_id, request_id);
}

HttpResponse handle_wipe_stream(const ApiContext& context, const HttpRequest& request,
                                const std::string& request_id) {
  if (auto denied = check_admin_access(context, request, request_id)) return *denied;
  const auto content_type = request.header("content-type");
  if (!content_type || to_lower_ascii(*content_type).rfind("application/json", 0) != 0) {
    return plain_text(400, "Content type error", request_id);
  }
  nlohmann::json body;
  try {
    body = nlohmann::json::parse(request.body);
  } catch (const nlohmann::json::parse_error& error) {
    return plain_text(400, std::string("Json deserialize error: ") + error.what(), request_id);
  }
  if (!body.is_object() || !body.contains("stream_name")) {
    return plain_text(400, "Json deserialize error: missing field `stream_name`", request_id);
  }
  if (!body["stream_name"].is_string()) {
    return plain_text(400,
                      "Json deserialize error: invalid type for `stream_name`, expected a string",
                      request_id);
  }
  const std::string name = body["stream_name"].get<std::string>();
  context.store.wipe_stream(name);
  return simple_reply(200, true, "Successfully wiped stream: " + name, request_id);
}

HttpResponse handle_wipe_all(const ApiContext& context, const HttpRequest& request,
                             const std::string& request_id) {
  if (auto denied = check_admin_access(context, request, request_id)) return *denied;
  context.store.wipe_all();
  return simple_reply(200, true, "Successfully wiped all data", request_id);
}

}  // namespace aviso::server
