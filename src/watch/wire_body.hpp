// The JSON body and endpoint of one watch/replay request (spec watch-and-state.md 1.4).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "aviso/watch_types.hpp"

namespace aviso::watch {

// Relative to the client's base URL (which keeps a trailing '/'): Watch -> "api/v1/watch",
// ReplayOnly -> "api/v1/replay".
std::string_view endpoint_path(WatchMode mode);

// The inclusive from_id the server wants for an exclusive start: the decimal text of n + 1.
// Throws aviso::Error (Config, "from_id overflow ...") for the largest u64.
std::string from_id_after(std::uint64_t after_sequence);

// {"event_type", "identifier" (always, even {}), then from_id | from_date, then to_id | to_date}
// in that order. Never a payload. `start` and `end` are the cursor of THIS connection, which
// the session derives from the request, deliveries and the resolved end.
nlohmann::ordered_json build_wire_body(std::string_view event_type, const nlohmann::json& filter,
                                       const std::optional<ResumeStart>& start,
                                       const std::optional<ReplayEnd>& end);

}  // namespace aviso::watch
