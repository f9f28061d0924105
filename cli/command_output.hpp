// What notify, schema and admin print on stdout (surfaces.md 1.4): a human form on a terminal,
// JSON when stdout is piped or --json is given. Pure functions, so the exact text is testable.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "aviso/requests.hpp"

namespace aviso::cli {

// 2026-05-21T21:13:45.558918505+00:00 -> "2026-05-21 21:13:45 UTC": no fraction, a space for
// the T, UTC spelled out; any other offset is kept. Unexpected shapes come back unchanged.
std::string humanise_timestamp(const std::string& raw);

// Human: "notification accepted: event_type=mars, status=success, request_id=..., processed_at=
// 2026-05-21 21:13:45 UTC". JSON: {"event_type":..,"status":..,"request_id":..,"processed_at":..}.
std::string format_notify_response(const std::string& event_type, const NotifyResponse& response,
                                   bool json);

// Human: "<N> schema(s) registered (status: <status>)" then "- <event type>" per line, sorted.
// JSON: one line per event type, {"event_type":..,"schema":{"payload":..,"identifier":..}}
// (schema null when the catalogue has none for it), in the server's order.
std::string format_schema_list(const SchemaCatalog& catalog, bool json);

// Pretty JSON (2-space indent) of {"status","event_type","schema":{"payload","identifier"}}.
std::string format_schema_get(const SchemaResponse& response);

// Human: "ok: wipe_stream succeeded (event_type=`mars`)". JSON:
// {"status":"ok","operation":"wipe_stream","event_type":"mars"}.
std::string format_admin_ok(const std::string& operation,
                            const std::vector<std::pair<std::string, std::string>>& fields,
                            bool json);

}  // namespace aviso::cli
