#pragma once
// Numbered mars notifications for tests that publish to the real aviso-local-server and watch
// them come back: one place for the identifier the built-in schema accepts and for draining a
// stream with a hang guard.
//
//   #include "support/mars_notifications.hpp"      // header-only; link aviso_client
//   aviso::test::publish_mars(client, 3);            // sequence n on a fresh server's n-th publish
//   auto stream = client.watch(aviso::test::mars_from_start());
//   EXPECT_EQ(aviso::test::take(stream, 3), (std::vector<std::uint64_t>{1, 2, 3}));

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "aviso/client.hpp"
#include "aviso/watch.hpp"
#include "aviso/watch_request.hpp"

namespace aviso::test {

// The built-in mars schema requires `class` on every watch and replay.
inline const nlohmann::json kOdFilter = {{"class", "od"}};

// Every step is its own topic, so the server (one message kept per topic) keeps them all.
inline nlohmann::json mars_identifier(int step) {
  return {{"class", "od"},
          {"expver", "0001"},
          {"domain", "g"},
          {"date", "20260601"},
          {"time", "1200"},
          {"stream", "enfo"},
          {"step", std::to_string(step)}};
}

inline void publish_mars(Client& client, int step) { client.notify("mars", mars_identifier(step)); }

// A live watch of class od that starts with the whole history.
inline WatchRequest mars_from_start() {
  return WatchRequest::watch_from("mars", ResumeStart::after_sequence(0)).filter(kOdFilter);
}

// first, first + 1, ..., last: the sequences a fresh server gives a test's publishes.
inline std::vector<std::uint64_t> sequence_range(std::uint64_t first, std::uint64_t last) {
  std::vector<std::uint64_t> out;
  for (std::uint64_t s = first; s <= last; ++s) out.push_back(s);
  return out;
}

// Pulls `count` notifications, giving up when one does not come within `patience`: a hang
// guard, not a timing assertion (the caller compares the sequences).
inline std::vector<std::uint64_t> take(
    NotificationStream& stream, std::size_t count,
    std::chrono::milliseconds patience = std::chrono::seconds(30)) {
  std::vector<std::uint64_t> sequences;
  while (sequences.size() < count) {
    std::optional<Notification> next = stream.next(patience);
    if (!next) break;
    sequences.push_back(next->sequence());
  }
  return sequences;
}

}  // namespace aviso::test
