// Helpers shared by the watch resilience tests: publishing numbered notifications to the real
// aviso-local-server, draining a stream with a generous per-item bound, and waiting for a
// condition on the server (no sleeps standing in for synchronisation).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "aviso/client.hpp"
#include "aviso/watch.hpp"
#include "support/local_server.hpp"
#include "support/mars_notifications.hpp"

namespace aviso::resilience {

// The numbered mars notifications of test/support, under the names these tests use. On a fresh
// server with the default global counter the n-th publish of a test is sequence n.
inline const nlohmann::json& kOd = test::kOdFilter;
using test::mars_identifier;
using test::take;
inline void publish(Client& client, int step) { test::publish_mars(client, step); }
inline std::vector<std::uint64_t> range(std::uint64_t first, std::uint64_t last) {
  return test::sequence_range(first, last);
}

// Polls `condition` every 10 ms for at most `limit`; returns whether it became true.
inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds limit = std::chrono::seconds(30)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return condition();
}

// The number of open streams the server reports (GET /_test/requests).
inline long open_streams(const test::LocalServer& server) {
  test::HttpReply reply = server.get("/_test/requests");
  if (reply.status != 200) return -1;
  return nlohmann::json::parse(reply.body).value("open_streams", -1L);
}

// Drains the stream until it ends and returns the error it ended with (nullopt = clean end).
inline std::optional<Error> end_error(
    NotificationStream& stream, std::chrono::milliseconds patience = std::chrono::seconds(30)) {
  try {
    while (stream.next(patience)) {
    }
    if (!stream.ended()) ADD_FAILURE() << "the stream went quiet without ending";
    return std::nullopt;
  } catch (const Error& error) {
    return error;
  }
}

}  // namespace aviso::resilience
