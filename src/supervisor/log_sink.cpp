#include "supervisor/log_sink.hpp"

#include <memory>
#include <mutex>

namespace aviso {
namespace {

std::mutex& sink_mutex() {
  static std::mutex mutex;
  return mutex;
}

// Shared so a record being written while the sink is replaced keeps the old sink alive.
std::shared_ptr<const std::function<void(const LogRecord&)>>& sink_slot() {
  static std::shared_ptr<const std::function<void(const LogRecord&)>> slot;
  return slot;
}

}  // namespace

void set_log_sink(std::function<void(const LogRecord&)> sink) {
  auto next = sink ? std::make_shared<const std::function<void(const LogRecord&)>>(std::move(sink))
                   : nullptr;
  std::lock_guard<std::mutex> lock(sink_mutex());
  sink_slot() = std::move(next);
}

namespace supervisor {

void emit_log(const LogRecord& record) {
  std::shared_ptr<const std::function<void(const LogRecord&)>> sink;
  {
    std::lock_guard<std::mutex> lock(sink_mutex());
    sink = sink_slot();
  }
  if (sink) {
    (*sink)(record);
  }
}

trigger::LogSink trigger_log_sink() {
  return [](const LogRecord& record) { emit_log(record); };
}

}  // namespace supervisor
}  // namespace aviso
