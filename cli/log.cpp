#include "log.hpp"

#include <array>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <optional>

#include "aviso/version.hpp"
#include "output.hpp"
#include "text.hpp"

namespace aviso::cli {
namespace {

std::optional<LogLevel> level_named(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (text == "trace") return LogLevel::Trace;
  if (text == "debug") return LogLevel::Debug;
  if (text == "info") return LogLevel::Info;
  if (text == "warn" || text == "warning") return LogLevel::Warn;
  if (text == "error") return LogLevel::Error;
  if (text == "off") return LogLevel::Off;
  return std::nullopt;
}

struct UtcParts {
  std::tm tm{};
  long micros = 0;
};

UtcParts utc_parts(std::chrono::system_clock::time_point time) {
  using namespace std::chrono;
  const auto since_epoch = duration_cast<microseconds>(time.time_since_epoch());
  auto seconds = duration_cast<std::chrono::seconds>(since_epoch);
  long micros = static_cast<long>((since_epoch - seconds).count());
  if (micros < 0) {
    micros += 1'000'000;
    seconds -= std::chrono::seconds(1);
  }
  const std::time_t whole = static_cast<std::time_t>(seconds.count());
  UtcParts parts;
  ::gmtime_r(&whole, &parts.tm);
  parts.micros = micros;
  return parts;
}

std::string field_text(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

const char* level_color(LogLevel level) {
  switch (level) {
    case LogLevel::Trace:
      return "\x1b[35m";
    case LogLevel::Debug:
      return "\x1b[34m";
    case LogLevel::Info:
      return "\x1b[32m";
    case LogLevel::Warn:
      return "\x1b[33m";
    default:
      return "\x1b[31m";
  }
}

}  // namespace

const char* log_level_name(LogLevel level) noexcept {
  switch (level) {
    case LogLevel::Trace:
      return "TRACE";
    case LogLevel::Debug:
      return "DEBUG";
    case LogLevel::Info:
      return "INFO";
    case LogLevel::Warn:
      return "WARN";
    case LogLevel::Error:
      return "ERROR";
    case LogLevel::Off:
      return "OFF";
  }
  return "INFO";
}

int log_severity_number(LogLevel level) noexcept {
  switch (level) {
    case LogLevel::Trace:
      return 1;
    case LogLevel::Debug:
      return 5;
    case LogLevel::Info:
      return 9;
    case LogLevel::Warn:
      return 13;
    default:
      return 17;
  }
}

LogLevel log_threshold(int verbose, const char* aviso_log) {
  if (aviso_log == nullptr) {
    if (verbose <= 0) return LogLevel::Info;
    return verbose == 1 ? LogLevel::Debug : LogLevel::Trace;
  }
  std::optional<LogLevel> bare;
  std::optional<LogLevel> ours;
  std::string_view rest(aviso_log);
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string directive = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const auto equals = directive.find('=');
    if (equals == std::string::npos) {
      if (auto level = level_named(directive)) bare = level;
      continue;
    }
    const std::string target = directive.substr(0, equals);
    // Our events are under the `aviso` target (the CLI and the library alike).
    if (target == "aviso" || starts_with(target, "aviso::") || starts_with(target, "aviso_")) {
      if (auto level = level_named(directive.substr(equals + 1))) ours = level;
    }
  }
  if (ours) return *ours;
  return bare.value_or(LogLevel::Warn);
}

std::string format_log_human(const LogRecord& record, bool color) {
  const UtcParts parts = utc_parts(record.time);
  std::array<char, 64> clock{};
  std::snprintf(clock.data(), clock.size(), "%02d:%02d:%02d.%03ld", parts.tm.tm_hour,
                parts.tm.tm_min, parts.tm.tm_sec, parts.micros / 1000);
  std::array<char, 8> level{};
  std::snprintf(level.data(), level.size(), "%5s", log_level_name(record.level));
  std::string line = clock.data();
  line += ' ';
  if (color) line += level_color(record.level);
  line += level.data();
  if (color) line += "\x1b[0m";
  line += ' ';
  line += record.body;
  if (!record.event_name.empty()) line += " event.name=" + record.event_name;
  for (const auto& [key, value] : record.fields) line += " " + key + "=" + field_text(value);
  line += '\n';
  return line;
}

std::string format_log_json(const LogRecord& record, std::string_view service_version) {
  const UtcParts parts = utc_parts(record.time);
  std::array<char, 64> timestamp{};
  std::snprintf(timestamp.data(), timestamp.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ",
                parts.tm.tm_year + 1900, parts.tm.tm_mon + 1, parts.tm.tm_mday, parts.tm.tm_hour,
                parts.tm.tm_min, parts.tm.tm_sec, parts.micros);
  nlohmann::ordered_json object;
  object["timestamp"] = timestamp.data();
  object["severityText"] = log_level_name(record.level);
  object["severityNumber"] = log_severity_number(record.level);
  object["body"] = record.body;
  object["resource"] = {{"service.name", "aviso-cli"},
                        {"service.version", std::string(service_version)}};
  nlohmann::ordered_json attributes = nlohmann::ordered_json::object();
  if (!record.event_name.empty()) attributes["event.name"] = record.event_name;
  for (const auto& [key, value] : record.fields) attributes[key] = value;
  if (!attributes.empty()) object["attributes"] = attributes;
  return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Logger::Logger(Options options, Sink sink) : options_(options), sink_(std::move(sink)) {}

void Logger::log(LogRecord record) {
  if (!enabled(record.level)) return;
  const std::string line = options_.human ? format_log_human(record, options_.color)
                                          : format_log_json(record, aviso::version());
  const std::lock_guard lock(mutex_);
  if (sink_) {
    sink_(line);
  } else {
    write_stderr(line);
  }
}

void Logger::log(LogLevel level, std::string event_name, std::string body,
                 std::vector<std::pair<std::string, nlohmann::json>> fields) {
  LogRecord record;
  record.level = level;
  record.event_name = std::move(event_name);
  record.body = std::move(body);
  record.fields = std::move(fields);
  log(std::move(record));
}

}  // namespace aviso::cli
