// One API request as the client sends it: the credential attached, the client's timeout, and on
// a 401 one coordinated refresh followed by one retry. Nothing else is retried: a publish whose
// body may have reached the server is never sent twice.
#pragma once

#include <functional>
#include <variant>

#include "aviso/error.hpp"
#include "client/client_internals.hpp"
#include "http/http_message.hpp"

namespace aviso::client {

// The final response (any status) or the error that prevented one.
using ApiOutcome = std::variant<http::Response, Error>;

// `done` runs on the client's loop thread.
void send_api_request(detail::ClientCore& core, http::Request request,
                      std::function<void(ApiOutcome)> done);

}  // namespace aviso::client
