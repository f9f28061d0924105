// The Microsoft Teams Adaptive Card the teams trigger posts (spec 1.6).
#pragma once

#include <string>

#include "aviso/notification.hpp"

namespace aviso::trigger {

inline constexpr const char* kDefaultTeamsTitle =
    "aviso {{ notification.event_type }} #{{ notification.sequence }}";

// The whole message as compact JSON: a title block, a fact set (Event, Sequence, one fact per
// identifier entry), then the payload: nothing for null, a fact set for a non-empty object, a
// monospace text block for anything else.
std::string teams_card(const Notification& notification, const std::string& title);

}  // namespace aviso::trigger
