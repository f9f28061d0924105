#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "api_context.hpp"
#include "http_request.hpp"
#include "http_response.hpp"
#include "stream_plan.hpp"

namespace aviso::server {

// One function per endpoint of protocol section 1. Each returns the complete answer; errors are
// answers too (ApiError is caught inside).

HttpResponse handle_notify(const ApiContext& context, const HttpRequest& request,
                           const std::string& request_id);

// Watch or replay: an error answer, or the plan of the SSE stream to open.
std::variant<HttpResponse, StreamPlan> handle_stream_request(const ApiContext& context,
                                                             const HttpRequest& request,
                                                             Operation operation,
                                                             const std::string& request_id);

HttpResponse handle_schema_catalogue(const ApiContext& context, const std::string& request_id);
HttpResponse handle_schema_of(const ApiContext& context, std::string_view event_type,
                              const std::string& request_id);

HttpResponse handle_delete_notification(const ApiContext& context, const HttpRequest& request,
                                        const std::string& notification_id,
                                        const std::string& request_id);
HttpResponse handle_wipe_stream(const ApiContext& context, const HttpRequest& request,
                                const std::string& request_id);
HttpResponse handle_wipe_all(const ApiContext& context, const HttpRequest& request,
                             const std::string& request_id);

// 400 UNKNOWN_EVENT_TYPE with the sorted configured names (strict mode).
HttpResponse unknown_event_type(const ApiContext& context, const std::string& event_type,
                                const std::string& request_id);

}  // namespace aviso::server
