#pragma once

#include <exception>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "http_response.hpp"

namespace aviso::server {

// The three operations that share the request model of protocol section 1.1.
enum class Operation { Notify, Watch, Replay };

std::string_view operation_name(Operation operation);         // "notify", "watch", "replay"
std::string_view invalid_request_code(Operation operation);   // INVALID_<X>_REQUEST
std::string_view invalid_request_label(Operation operation);  // "Invalid <X> Request"

// An error answer, thrown by request handling and turned into the response unchanged.
class ApiError : public std::exception {
 public:
  explicit ApiError(HttpResponse response) : response_(std::move(response)) {}
  const char* what() const noexcept override { return "aviso API error"; }
  const HttpResponse& response() const { return response_; }

 private:
  HttpResponse response_;
};

// The standard body of section 4.1: {code, details, error, message, request_id}.
HttpResponse standard_error(unsigned status, std::string_view code, std::string_view label,
                            const std::string& message, const std::string& details,
                            const std::string& request_id);

// 400 with the operation's own code and label (INVALID_WATCH_REQUEST, ...).
HttpResponse invalid_request(Operation operation, const std::string& message,
                             const std::string& details, const std::string& request_id);

// Parse-stage failures: INVALID_JSON, UNKNOWN_FIELD, INVALID_REQUEST_SHAPE, labelled per operation.
HttpResponse parse_error(Operation operation, std::string_view code, const std::string& message,
                         const std::string& details, const std::string& request_id);

// Auth-shaped bodies {code, error, message, request_id}; 401 adds WWW-Authenticate headers.
HttpResponse auth_error(unsigned status, const std::string& message, const std::string& request_id,
                        bool offer_basic);

HttpResponse json_response(unsigned status, const nlohmann::json& body,
                           const std::string& request_id);

}  // namespace aviso::server
