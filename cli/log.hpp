// The CLI's diagnostics on stderr (surfaces.md 1.8).
//
// On a terminal each event is one compact human line: a short UTC clock, the level, the message
// and the fields (`12:19:15.333  WARN TLS checks are off event.name=cli.tls.insecure_mode`),
// with the level coloured only when --color allows. Otherwise each event is one JSON object in
// the OpenTelemetry log shape:
//   {"timestamp":"2026-05-01T12:19:15.333678Z","severityText":"WARN","severityNumber":13,
//    "body":"...","resource":{"service.name":"aviso-cli","service.version":"0.1.0"},
//    "attributes":{"event.name":"cli.tls.insecure_mode",...}}
// The threshold is INFO, DEBUG with -v, TRACE with -vv; AVISO_LOG, when set, wins.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aviso::cli {

enum class LogLevel { Trace = 0, Debug = 1, Info = 2, Warn = 3, Error = 4, Off = 5 };

const char* log_level_name(LogLevel level) noexcept;  // "TRACE" ... "ERROR"
int log_severity_number(LogLevel level) noexcept;     // 1, 5, 9, 13, 17 (OpenTelemetry)

// The threshold for aviso's own events. `aviso_log` is AVISO_LOG (nullptr when unset): an
// EnvFilter-style list like "warn,aviso=debug" where an `aviso...=level` directive wins over a
// bare level; unparseable directives are ignored and the default is WARN. Without AVISO_LOG:
// INFO, -v DEBUG, -vv and more TRACE.
LogLevel log_threshold(int verbose, const char* aviso_log);

struct LogRecord {
  LogLevel level = LogLevel::Info;
  std::string event_name;  // "cli.tls.insecure_mode"; empty for none
  std::string body;
  std::vector<std::pair<std::string, nlohmann::json>> fields;
  std::chrono::system_clock::time_point time = std::chrono::system_clock::now();
};

// One record as a human line / a JSON line, each ending with '\n'.
std::string format_log_human(const LogRecord& record, bool color);
std::string format_log_json(const LogRecord& record, std::string_view service_version);

class Logger {
 public:
  struct Options {
    LogLevel threshold = LogLevel::Info;
    bool human = false;  // stderr is a terminal
    bool color = false;
  };
  using Sink = std::function<void(std::string_view)>;

  // Writes to stderr unless a sink is given (tests).
  explicit Logger(Options options, Sink sink = {});

  bool enabled(LogLevel level) const noexcept { return level >= options_.threshold; }
  void log(LogRecord record);
  void log(LogLevel level, std::string event_name, std::string body,
           std::vector<std::pair<std::string, nlohmann::json>> fields = {});

 private:
  Options options_;
  Sink sink_;
  std::mutex mutex_;
};

}  // namespace aviso::cli
