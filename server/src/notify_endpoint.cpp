#include "access.hpp"
#include "api_error.hpp"
#include "endpoints.hpp"
#include "notification_request.hpp"
#include "request_body.hpp"

namespace aviso::server {

HttpResponse unknown_event_type(const ApiContext& context, const std::string& event_type,
                                const std::string& request_id) {
  return json_response(400,
                       {{"code", "UNKNOWN_EVENT_TYPE"},
                        {"configured_event_types", context.settings.schemas.sorted_names()},
                        {"error", "unknown_event_type"},
                        {"message", "unknown event type '" + event_type + "'"},
                        {"request_id", request_id}},
                       request_id);
}

HttpResponse handle_notify(const ApiContext& context, const HttpRequest& request,
                           const std::string& request_id) {
  try {
    Credential credential;
    if (auto denied = verify_sent_credential(context, request, request_id, credential))
      return *denied;

    const RequestBody body = parse_request_body(request.body, Operation::Notify, request_id);
    const EventSchema* schema = context.settings.schemas.find(body.event_type);
    if (!schema) return unknown_event_type(context, body.event_type, request_id);

    if (body.identifier.contains("point")) {
      const std::string message =
          "identifier.point is only supported for watch/replay endpoints, not /notification";
      return invalid_request(Operation::Notify, message, message, request_id);
    }
    if (auto denied = check_stream_access(context, *schema, credential, true, request_id))
      return *denied;

    NotificationDraft draft;
    try {
      draft = build_notification(*schema, body.identifier, body.payload);
    } catch (const UndeclaredIdentifierKey& error) {
      if (context.settings.undeclared_key_status == 400) {
        return invalid_request(Operation::Notify, error.what(), error.details(), request_id);
      }
      return standard_error(500, "NOTIFICATION_PROCESSING_FAILED", "Notification Processing Failed",
                            error.what(), error.details(), request_id);
    } catch (const ValidationError& error) {
      return invalid_request(Operation::Notify, error.what(), error.details(), request_id);
    }

    context.store.store(std::move(draft));
    nlohmann::ordered_json reply;
    reply["status"] = "success";
    reply["request_id"] = request_id;
    reply["processed_at"] = format_seconds(now());
    HttpResponse response;
    response.body = reply.dump();
    response.request_id = request_id;
    return response;
  } catch (const ApiError& error) {
    return error.response();
  }
}

}  // namespace aviso::server
