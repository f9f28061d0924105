// The body the post trigger sends (spec 1.7).
#pragma once

#include <string>

#include "aviso/notification.hpp"

namespace aviso::trigger {

// The CloudEvent envelope the server sent, compact; or, for a notification that did not come
// from a stream, a fallback envelope {specversion, type, source, id, data} without `time`.
std::string cloudevent_body(const Notification& notification);

}  // namespace aviso::trigger
