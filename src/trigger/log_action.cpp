#include "trigger/log_action.hpp"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstring>

#include "trigger/fd_write.hpp"

namespace aviso::trigger {

LogAction::~LogAction() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<TriggerError> LogAction::attempt(const AttemptInput& input) {
  std::string line;
  try {
    line = input.notification.to_json() + "\n";
  } catch (const std::exception& e) {
    return TriggerError::encode(e.what());
  }
  if (fd_ < 0) {
    // Append, create, never truncate; the parent directory is deliberately not created.
    fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) return TriggerError::io("open " + path_ + ": " + std::strerror(errno));
  }
  // One write per record on an O_APPEND descriptor: the kernel writes it unbuffered, so a
  // tailer sees the whole line at once (no user-space buffer to flush, no fsync).
  std::string error = write_all(fd_, line);
  if (!error.empty()) return TriggerError::io("write " + path_ + ": " + error);
  return std::nullopt;
}

}  // namespace aviso::trigger
