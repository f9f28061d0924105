// The library's logging hook for trigger events (`client.trigger.failed`, ...).
//
// Library code never writes to stderr by itself: the embedding program (the CLI) installs a
// sink and decides format and filtering. Until the client layer grows a shared logging
// facility, the hook lives here; events carry no rendered URL, header value, body or command.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aviso::trigger {

enum class LogLevel { Debug, Info, Warn, Error };

struct LogEvent {
  LogLevel level = LogLevel::Info;
  std::string name;     // stable event name, e.g. "client.trigger.failed"
  std::string message;  // human text, e.g. "optional trigger failed; continuing"
  std::vector<std::pair<std::string, std::string>> fields;
};

using LogSink = std::function<void(const LogEvent&)>;

}  // namespace aviso::trigger
