// Sends a record to the sink installed with aviso::set_log_sink(), if any.
#pragma once

#include "aviso/log.hpp"
#include "trigger/trigger_log.hpp"

namespace aviso::supervisor {

void emit_log(const LogRecord& record);
// The trigger layer's events, forwarded to the same sink.
trigger::LogSink trigger_log_sink();

}  // namespace aviso::supervisor
