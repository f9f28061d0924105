// Listener YAML triggers (listener_spec.hpp) as the library's aviso::Trigger values, ready for a
// watch request. The listener's name becomes the echo trigger's label, so its terminal leader
// reads "new notification (listener: <name>, trigger: echo):".
#pragma once

#include <vector>

#include "aviso/trigger.hpp"
#include "listener_spec.hpp"

namespace aviso::cli {

aviso::Trigger to_trigger(const TriggerConfig& config, const ListenerSpec& listener);

std::vector<aviso::Trigger> triggers_of(const ListenerSpec& listener);

}  // namespace aviso::cli
