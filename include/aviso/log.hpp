// The library's structured logging hook. Public header: C++17.
//
// libaviso never writes to stderr by itself. A program that wants the watch lifecycle
// (`client.watch.connected`, `client.connection.retrying`, `client.watch.resumed`,
// `client.watch.ended`, trigger events, ...) installs one process-wide sink:
//
//   aviso::set_log_sink([](const aviso::LogRecord& r) { std::cerr << r.event << ' ' << r.message;
//   });
//
// The sink may be called from any library thread (the I/O thread, trigger workers) and from
// several at once: keep it quick and thread-safe. Records never carry a credential.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace aviso {

enum class LogLevel { Debug, Info, Warn, Error };

struct LogRecord {
  LogLevel level = LogLevel::Info;
  std::string event;    // stable name, e.g. "client.watch.connected"
  std::string message;  // human text
  std::vector<std::pair<std::string, std::string>> fields;  // e.g. {"event_type", "mars"}
};

// Replaces the sink; an empty function (the default) drops every record.
void set_log_sink(std::function<void(const LogRecord&)> sink);

}  // namespace aviso
