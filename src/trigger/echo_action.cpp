#include "trigger/echo_action.hpp"

#include <unistd.h>

#include <mutex>

#include "aviso/trigger.hpp"
#include "trigger/fd_write.hpp"

namespace aviso::trigger {
namespace {

// Every echo trigger of every watch shares standard output: one record at a time, so lines
// of concurrent watches never interleave.
std::mutex& output_mutex() {
  static std::mutex mutex;
  return mutex;
}

}  // namespace

EchoAction::EchoAction(std::optional<std::string> label, int fd)
    : label_(std::move(label)), fd_(fd) {}

std::string EchoAction::record(const Notification& notification,
                               const std::optional<std::string>& label, bool terminal, bool color) {
  if (!terminal) return notification.to_json() + "\n";
  std::string leader = label ? "new notification (listener: " + *label + ", trigger: echo):"
                             : std::string("new notification (trigger: echo):");
  if (color) leader = "\x1b[2m" + leader + "\x1b[0m";
  return leader + "\n" + notification.to_pretty_json() + "\n\n";
}

std::optional<TriggerError> EchoAction::attempt(const AttemptInput& input) {
  std::string text;
  try {
    // Decided per dispatch: the output may be redirected while the watch runs.
    text = record(input.notification, label_, ::isatty(fd_) == 1, echo_color_enabled());
  } catch (const std::exception& e) {
    return TriggerError::encode(e.what());
  }
  std::lock_guard<std::mutex> lock(output_mutex());
  std::string error = write_all(fd_, text);
  if (!error.empty()) return TriggerError::io("write to standard output: " + error);
  return std::nullopt;
}

}  // namespace aviso::trigger
