// What an interrupt means while listeners run (surfaces.md 1.8): the first Ctrl+C or SIGTERM
// starts a graceful drain (stop every watch, flush every cursor); a second Ctrl+C within 5 s of
// the previous one exits 130 at once without draining. Pure: the caller supplies the clock, so
// the rule is tested without sending real signals or sleeping.
#pragma once

#include <chrono>
#include <optional>

namespace aviso::cli {

class InterruptPolicy {
 public:
  enum class Action {
    Drain,     // the first interrupt: stop the watches and wait for their exit flush
    Continue,  // already draining; nothing more to do
    HardExit,  // exit 130 now
  };

  static constexpr std::chrono::seconds kHardExitWindow{5};

  // `signal_number` is SIGINT or SIGTERM. SIGTERM (from a service manager) always drains: only
  // a person at a terminal presses Ctrl+C twice to mean "now". A Ctrl+C more than 5 s after the
  // previous one opens a new window instead of exiting, so a slow drain is not cut short by a
  // press long after the first.
  Action on_signal(int signal_number, std::chrono::steady_clock::time_point now);

  bool draining() const noexcept { return draining_; }

 private:
  bool draining_ = false;
  std::optional<std::chrono::steady_clock::time_point> last_interrupt_;
};

}  // namespace aviso::cli
