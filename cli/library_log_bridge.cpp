#include "library_log_bridge.hpp"

namespace aviso::cli {
namespace {

LogLevel cli_level(aviso::LogLevel level) {
  switch (level) {
    case aviso::LogLevel::Debug:
      return LogLevel::Debug;
    case aviso::LogLevel::Info:
      return LogLevel::Info;
    case aviso::LogLevel::Warn:
      return LogLevel::Warn;
    case aviso::LogLevel::Error:
      return LogLevel::Error;
  }
  return LogLevel::Info;
}

}  // namespace

LogRecord from_library_record(const aviso::LogRecord& record, const ListenerNamesByEvent& names) {
  LogRecord line;
  line.level = cli_level(record.level);
  line.event_name = record.event;
  line.body = record.message;
  for (const auto& [key, value] : record.fields) {
    line.fields.emplace_back(key, value);
    if (key != "event_type") continue;
    if (const auto found = names.find(value); found != names.end()) {
      line.body = "listener `" + found->second + "`: " + line.body;
      line.fields.emplace_back("listener", found->second);
    }
  }
  return line;
}

LibraryLogBridge::LibraryLogBridge(Logger& logger, ListenerNamesByEvent names)
    : names_(std::move(names)) {
  aviso::set_log_sink([&logger, this](const aviso::LogRecord& record) {
    // Filter before formatting: debug records (duplicates skipped, filtered gaps) are frequent.
    if (!logger.enabled(cli_level(record.level))) return;
    logger.log(from_library_record(record, names_));
  });
}

LibraryLogBridge::~LibraryLogBridge() { aviso::set_log_sink({}); }

}  // namespace aviso::cli
