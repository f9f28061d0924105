#pragma once

#include <string>

namespace aviso::server {

// A fresh lowercase UUID v4 ("xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx"), as the real server puts
// in every X-Request-ID header. Incoming request ids are never reused.
std::string new_request_id();

}  // namespace aviso::server
