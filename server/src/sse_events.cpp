#include "sse_events.hpp"

#include <cmath>

namespace aviso::server {

std::string sse_frame(std::string_view event, std::string_view compact_json) {
  std::string frame;
  frame.reserve(event.size() + compact_json.size() + 16);
  frame += "event: ";
  frame += event;
  frame += "\ndata: ";
  frame += compact_json;
  frame += "\n\n";
  return frame;
}

std::string sse_frame(std::string_view event, const nlohmann::json& data) {
  return sse_frame(event, std::string_view(data.dump()));
}

nlohmann::json connection_established_event(const std::string& topic, const std::string& request_id,
                                            double max_duration_seconds, Instant at) {
  nlohmann::json seconds;
  // Whole seconds as an integer, as the reference's u64 setting; fractions only when configured.
  if (std::floor(max_duration_seconds) == max_duration_seconds) {
    seconds = static_cast<std::uint64_t>(max_duration_seconds);
  } else {
    seconds = max_duration_seconds;
  }
  return {{"connection_will_close_in_seconds", seconds},
          {"request_id", request_id},
          {"timestamp", format_seconds(at)},
          {"topic", topic},
          {"type", "connection_established"}};
}

nlohmann::json replay_started_event(const std::string& topic, const std::string& request_id,
                                    std::optional<std::uint64_t> from_sequence,
                                    std::optional<Instant> from_date, std::size_t batch_size,
                                    std::optional<std::uint64_t> end_sequence, Instant at) {
  nlohmann::json event = {
      {"batch_size", batch_size},
      {"from_date",
       from_date ? nlohmann::json(format_seconds(*from_date)) : nlohmann::json(nullptr)},
      {"from_sequence", from_sequence ? nlohmann::json(*from_sequence) : nlohmann::json(nullptr)},
      {"request_id", request_id},
      {"timestamp", format_seconds(at)},
      {"topic", topic},
      {"type", "replay_started"}};
  if (end_sequence) event["end_sequence"] = *end_sequence;
  return event;
}

nlohmann::json replay_completed_event(const std::string& topic, Instant at) {
  return {{"timestamp", format_seconds(at)}, {"topic", topic}, {"type", "replay_completed"}};
}

nlohmann::json heartbeat_event(const std::string& topic, Instant at) {
  return {{"timestamp", format_seconds(at)}, {"topic", topic}};
}

nlohmann::json connection_closing_event(const std::string& topic, const std::string& request_id,
                                        const std::string& reason, const std::string& message,
                                        Instant at) {
  return {{"message", message},
          {"reason", reason},
          {"request_id", request_id},
          {"timestamp", format_seconds(at)},
          {"topic", topic}};
}

std::string closing_message(std::string_view reason) {
  if (reason == "end_of_stream") return "Stream completed";
  if (reason == "max_duration_reached") return "Connection reached maximum duration";
  if (reason == "server_shutdown") return "Server is shutting down gracefully";
  return "Connection closing: " + std::string(reason);
}

}  // namespace aviso::server
