#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

namespace aviso::server {

// What the test hooks may do to the open SSE streams. Implemented by the I/O layer; each call
// returns how many streams it affected.
class StreamControl {
 public:
  virtual ~StreamControl() = default;
  virtual std::size_t open_streams() const = 0;
  // Closes every stream's socket without a connection-closing event.
  virtual std::size_t drop_all() = 0;
  // Sends an `error` event {error, message, topic, request_id} on every stream.
  virtual std::size_t inject_error(const std::string& error, const std::string& message) = 0;
  // No heartbeat is sent on any watch stream for `seconds`.
  virtual std::size_t pause_heartbeats(double seconds) = 0;
  // Ends every stream with connection-closing carrying `reason` (any text) and `message`.
  virtual std::size_t close_all(const std::string& reason, const std::string& message) = 0;
};

}  // namespace aviso::server
