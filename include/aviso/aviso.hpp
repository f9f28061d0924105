// Everything libaviso offers, in one include. Public header: C++17.
#pragma once

#include "aviso/auth.hpp"
#include "aviso/client.hpp"
#include "aviso/client_builder.hpp"
#include "aviso/error.hpp"
#include "aviso/notification.hpp"
#include "aviso/requests.hpp"
#include "aviso/settings.hpp"
#include "aviso/version.hpp"

// Headers owned by other parts of the library; included once they exist.
#if __has_include("aviso/cloudevent_id.hpp")
#include "aviso/cloudevent_id.hpp"
#endif
#if __has_include("aviso/state.hpp")
#include "aviso/state.hpp"
#endif
#if __has_include("aviso/trigger.hpp")
#include "aviso/trigger.hpp"
#endif
#if __has_include("aviso/watch_request.hpp")
#include "aviso/watch_request.hpp"
#endif
#if __has_include("aviso/watch.hpp")
#include "aviso/watch.hpp"
#endif
#include "aviso/watch_set.hpp"
