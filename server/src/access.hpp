#pragma once

#include <optional>
#include <string>

#include "api_context.hpp"
#include "auth.hpp"
#include "http_request.hpp"
#include "http_response.hpp"

namespace aviso::server {

// The authorisation rules of protocol section 5. Each returns the error response to send, or
// nullopt when the request may go on.

// notify/watch/replay, before the body is read: a well-formed credential is always verified (an
// invalid one is 401 even on a public stream); a malformed header is ignored. `credential` gets
// the outcome for the per-stream check.
std::optional<HttpResponse> verify_sent_credential(const ApiContext& context,
                                                   const HttpRequest& request,
                                                   const std::string& request_id,
                                                   Credential& credential);

// The per-stream read (watch/replay) or write (notify) rule of the schema's auth block.
std::optional<HttpResponse> check_stream_access(const ApiContext& context,
                                                const EventSchema& schema,
                                                const Credential& credential, bool write,
                                                const std::string& request_id);

// Admin endpoints: credentials required, and an admin role.
std::optional<HttpResponse> check_admin_access(const ApiContext& context,
                                               const HttpRequest& request,
                                               const std::string& request_id);

}  // namespace aviso::server
