// What a Client is made of, for the layers built on top of it inside libaviso (the watch
// driver, the CLI): its event loop, credential and settings. Not a public header.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "aviso/client.hpp"
#include "client/auth_session.hpp"
#include "http/event_loop.hpp"

namespace aviso::detail {

struct ClientCore {
  std::string base_url;  // normalised: ends with '/'
  std::optional<std::chrono::milliseconds> timeout;
  std::chrono::milliseconds heartbeat_interval{30000};
  std::string user_agent;
  bool danger_accept_invalid_certs = false;
  bool flush_cursor_on_exit = false;
  std::shared_ptr<StateStore> state_store;
  std::unique_ptr<client::AuthSession> auth;
  // Declared last, destroyed first: in-flight completions still see everything above.
  std::unique_ptr<http::EventLoop> loop;

  // base_url + a relative API path ("api/v1/notification").
  std::string endpoint(std::string_view relative) const { return base_url + std::string(relative); }
};

struct ClientAccess {
  // Throws InvalidUsage for a moved-from client.
  static ClientCore& core(const Client& client) { return client.live(); }
};

}  // namespace aviso::detail
