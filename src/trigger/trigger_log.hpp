// How the trigger layer logs (`client.trigger.failed`, `client.trigger.command.*`, ...): through
// the library's public record, aviso::LogRecord (aviso/log.hpp), so a trigger event reaches the
// program's sink as it is, with no trigger-only copy of the concept. The watch passes a sink that
// forwards to aviso::set_log_sink's; none means log nothing. Records never carry a rendered URL,
// header value, body or command.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "aviso/log.hpp"

namespace aviso::trigger {

using LogSink = std::function<void(const LogRecord&)>;

// Transitional: the former trigger-only event type, kept only so that a sink written against it
// (src/supervisor/log_sink.cpp) still converts. New code uses LogRecord; remove this once nothing
// names it.
using LogLevel = ::aviso::LogLevel;
struct LogEvent {
  // NOLINTNEXTLINE(google-explicit-constructor): the implicit conversion is the point.
  LogEvent(const LogRecord& record)
      : level(record.level), name(record.event), message(record.message), fields(record.fields) {}
  LogLevel level;
  std::string name;
  std::string message;
  std::vector<std::pair<std::string, std::string>> fields;
};

}  // namespace aviso::trigger
