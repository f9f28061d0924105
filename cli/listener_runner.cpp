#include "listener_runner.hpp"

#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>

#include "exit_code.hpp"
#include "interrupt_policy.hpp"
#include "output.hpp"

namespace aviso::cli {
namespace {

// Notifications need nothing more from the CLI: the watch ran the listener's triggers before
// delivering them. What matters is how the watch ends.
class EndRecorder final : public aviso::NotificationHandler {
 public:
  explicit EndRecorder(SignalPipe& signals) : signals_(signals) {}

  bool on_notification(const aviso::Notification&) override { return true; }

  void on_end(const std::optional<aviso::ErrorInfo>& error) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ended_ = true;
      error_ = error;
    }
    signals_.wake();
  }

  // The end, once, the first time it is seen.
  std::optional<std::optional<aviso::ErrorInfo>> take_end() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!ended_ || reported_) return std::nullopt;
    reported_ = true;
    return error_;
  }

 private:
  SignalPipe& signals_;
  std::mutex mutex_;
  bool ended_ = false;
  bool reported_ = false;
  std::optional<aviso::ErrorInfo> error_;
};

struct RunningListener {
  ListenerSpec spec;
  std::unique_ptr<EndRecorder> recorder;
  std::optional<aviso::Watch> watch;
  bool ended = false;
};

// `others_running`: whether another listener still runs, so the line does not promise "the
// others go on" when there are none.
void report_failure(Logger& logger, const ListenerSpec& spec, const std::string& message,
                    bool others_running) {
  logger.log(LogLevel::Warn, "cli.listener.failed",
             "listener `" + spec.display_name() + "` failed: " + message +
                 (others_running ? "; the other listeners go on" : ""),
             {{"listener", spec.display_name()}, {"event_type", spec.event}, {"error", message}});
}

}  // namespace

int run_listeners(aviso::Client& client, std::vector<PlannedListener> listeners,
                  SignalPipe& signals, Logger& logger) {
  std::vector<RunningListener> running;
  running.reserve(listeners.size());
  bool any_failed = false;
  std::size_t live = 0;
  for (auto& planned : listeners) {
    RunningListener entry{std::move(planned.spec), std::make_unique<EndRecorder>(signals),
                          std::nullopt, false};
    try {
      entry.watch.emplace(client.watch(planned.request, *entry.recorder));
      ++live;
    } catch (const aviso::Error& error) {
      report_failure(logger, entry.spec, error.what(), listeners.size() > 1);
      entry.ended = true;
      any_failed = true;
    }
    running.push_back(std::move(entry));
  }

  InterruptPolicy policy;
  while (live > 0) {
    for (const int signal_number : signals.wait()) {
      switch (policy.on_signal(signal_number, std::chrono::steady_clock::now())) {
        case InterruptPolicy::Action::Drain:
          logger.log(LogLevel::Info, "cli.shutdown.draining",
                     "stopping: closing every watch and saving its position (press Ctrl+C "
                     "again within 5 s to exit at once without saving)",
                     {{"signal", signal_number}});
          for (auto& entry : running) {
            if (entry.watch) entry.watch->stop();
          }
          break;
        case InterruptPolicy::Action::Continue:
          break;
        case InterruptPolicy::Action::HardExit:
          write_stderr("aviso: interrupted again; exiting now without saving positions\n");
          // No destructors, no drain: that is what a second Ctrl+C asks for. The state file is
          // still consistent, as every write to it is an atomic rename.
          std::_Exit(kExitHardInterrupt);
      }
    }
    for (auto& entry : running) {
      if (entry.ended) continue;
      const auto end = entry.recorder->take_end();
      if (!end) continue;
      entry.ended = true;
      --live;
      if (*end) {
        any_failed = true;
        report_failure(logger, entry.spec, (*end)->message, live > 0);
      } else {
        logger.log(LogLevel::Info, "cli.listener.ended",
                   "listener `" + entry.spec.display_name() + "` ended",
                   {{"listener", entry.spec.display_name()}, {"event_type", entry.spec.event}});
      }
    }
  }
  // Joining each watch's thread; every on_end has already run.
  running.clear();
  return any_failed ? kExitRuntimeError : kExitSuccess;
}

}  // namespace aviso::cli
