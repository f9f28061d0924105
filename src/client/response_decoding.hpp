// Turning a server response into a typed value or an aviso::Error (spec protocol.md 1 and 4).
#pragma once

#include <string>

#include "aviso/error.hpp"
#include "aviso/requests.hpp"
#include "http/http_message.hpp"

namespace aviso::client {

// "transport", "http", "malformed_event", ...: the labels of the facade's notify_many JSON.
const char* kind_label(ErrorKind kind);

// Error::http for a non-2xx response: status, body and X-Request-ID.
Error http_error(const http::Response& response);

// Decoders for 2xx bodies; a body of the wrong shape is Error::decode saying what was wrong.
NotifyResponse decode_notify_response(const http::Response& response);
SchemaCatalog decode_schema_catalog(const http::Response& response);
SchemaResponse decode_schema_response(const http::Response& response);

}  // namespace aviso::client
