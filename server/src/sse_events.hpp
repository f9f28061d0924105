#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "time_text.hpp"

namespace aviso::server {

// One SSE event exactly as the reference frames it: "event: <name>\ndata: <json>\n\n". The data is
// compact single-line JSON (serialisation escapes any newline inside strings).
std::string sse_frame(std::string_view event, const nlohmann::json& data);
std::string sse_frame(std::string_view event, std::string_view compact_json);

// Control events of protocol section 2.3. `topic` is the decoded pattern for display.
nlohmann::json connection_established_event(const std::string& topic, const std::string& request_id,
                                            double max_duration_seconds, Instant at);
nlohmann::json replay_started_event(const std::string& topic, const std::string& request_id,
                                    std::optional<std::uint64_t> from_sequence,
                                    std::optional<Instant> from_date, std::size_t batch_size,
                                    std::optional<std::uint64_t> end_sequence, Instant at);
nlohmann::json replay_completed_event(const std::string& topic, Instant at);
nlohmann::json heartbeat_event(const std::string& topic, Instant at);
nlohmann::json connection_closing_event(const std::string& topic, const std::string& request_id,
                                        const std::string& reason, const std::string& message,
                                        Instant at);

// The message that goes with each standard connection-closing reason.
std::string closing_message(std::string_view reason);

}  // namespace aviso::server
