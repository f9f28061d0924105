#include "api_error.hpp"

namespace aviso::server {

std::string_view operation_name(Operation operation) {
  switch (operation) {
    case Operation::Notify:
      return "notify";
    case Operation::Watch:
      return "watch";
    case Operation::Replay:
      return "replay";
  }
  return "notify";
}

std::string_view invalid_request_code(Operation operation) {
  switch (operation) {
    case Operation::Notify:
      return "INVALID_NOTIFICATION_REQUEST";
    case Operation::Watch:
      return "INVALID_WATCH_REQUEST";
    case Operation::Replay:
      return "INVALID_REPLAY_REQUEST";
  }
  return "INVALID_NOTIFICATION_REQUEST";
}

std::string_view invalid_request_label(Operation operation) {
  switch (operation) {
    case Operation::Notify:
      return "Invalid Notification Request";
    case Operation::Watch:
      return "Invalid Watch Request";
    case Operation::Replay:
      return "Invalid Replay Request";
  }
  return "Invalid Notification Request";
}

HttpResponse json_response(unsigned status, const nlohmann::json& body,
                           const std::string& request_id) {
  HttpResponse response;
  response.status = status;
  response.body = body.dump();
  response.request_id = request_id;
  return response;
}

HttpResponse standard_error(unsigned status, std::string_view code, std::string_view label,
                            const std::string& message, const std::string& details,
                            const std::string& request_id) {
  return json_response(status,
                       {{"code", code},
                        {"details", details},
                        {"error", label},
                        {"message", message},
                        {"request_id", request_id}},
                       request_id);
}

HttpResponse invalid_request(Operation operation, const std::string& message,
                             const std::string& details, const std::string& request_id) {
  return standard_error(400, invalid_request_code(operation), invalid_request_label(operation),
                        message, details, request_id);
}

HttpResponse parse_error(Operation operation, std::string_view code, const std::string& message,
                         const std::string& details, const std::string& request_id) {
  return standard_error(400, code, invalid_request_label(operation), message, details, request_id);
}

HttpResponse auth_error(unsigned status, const std::string& message, const std::string& request_id,
                        bool offer_basic) {
  std::string_view code = "INTERNAL_ERROR";
  std::string_view label = "internal_error";
  if (status == 401) {
    code = "UNAUTHORIZED";
    label = "unauthorized";
  } else if (status == 403) {
    code = "FORBIDDEN";
    label = "forbidden";
  } else if (status == 503) {
    code = "SERVICE_UNAVAILABLE";
    label = "service_unavailable";
  }
  HttpResponse response = json_response(
      status, {{"code", code}, {"error", label}, {"message", message}, {"request_id", request_id}},
      request_id);
  if (status == 401) {
    response.headers.emplace_back("WWW-Authenticate", "Bearer");
    if (offer_basic) response.headers.emplace_back("WWW-Authenticate", "Basic");
  }
  return response;
}

}  // namespace aviso::server
