#include "interrupt_policy.hpp"

#include <csignal>

namespace aviso::cli {

InterruptPolicy::Action InterruptPolicy::on_signal(int signal_number,
                                                   std::chrono::steady_clock::time_point now) {
  if (signal_number == SIGINT) {
    const bool within_window = last_interrupt_ && now - *last_interrupt_ <= kHardExitWindow;
    last_interrupt_ = now;
    if (draining_ && within_window) return Action::HardExit;
  }
  if (draining_) return Action::Continue;
  draining_ = true;
  return Action::Drain;
}

}  // namespace aviso::cli
