// How the trigger layer logs (`client.trigger.failed`, `client.trigger.command.*`, ...): through
// the library's public record, aviso::LogRecord (aviso/log.hpp), so a trigger event reaches the
// program's sink as it is, with no trigger-only copy of the concept. The watch passes a sink that
// forwards to aviso::set_log_sink's; none means log nothing. Records never carry a rendered URL,
// header value, body or command.
#pragma once

#include <functional>

#include "aviso/log.hpp"

namespace aviso::trigger {

using LogSink = std::function<void(const LogRecord&)>;

}  // namespace aviso::trigger
