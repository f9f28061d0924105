// Builds the library's Client from the resolved configuration: the CLI never talks HTTP itself.
#pragma once

#include <functional>

#include "aviso/client.hpp"
#include "aviso/client_builder.hpp"
#include "command_error.hpp"
#include "resolved_config.hpp"

namespace aviso::cli {

// Throws CommandError: usage when no base URL is configured (the message says how to set one),
// runtime when a found credential may not travel to that address or the builder rejects a
// setting (bad URL, unreadable CA bundle).
// `customise` adds what only some commands need (listen's state store) before the build.
aviso::Client build_client(const ResolvedConfig& config,
                           const std::function<void(aviso::ClientBuilder&)>& customise = {});

// A runtime CommandError for a failed request: `what` ("POST /api/v1/notification for
// event_type=mars") as the summary, the library's message as the cause, and a hint for 401/403.
CommandError request_failed(const std::string& what, const aviso::Error& error,
                            const std::string& permission);

}  // namespace aviso::cli
