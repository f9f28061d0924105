// Property test: a session driven through many seeded random histories of a simulated server
// (replay then live, boundary duplicates, heartbeats, gaps in the numbering, drops at any byte,
// routine closes, 503s, arbitrary chunking) never moves its cursor back, never delivers a
// sequence twice and never loses one.
#include <gtest/gtest.h>

#include <random>

#include "session_harness.hpp"

namespace {

using namespace aviso::watch;
using namespace aviso::watch::testing;
using namespace std::chrono_literals;

struct SimulatedServer {
  std::mt19937_64& random;
  std::vector<std::uint64_t> published;
  std::uint64_t counter = 0;

  void publish(int count) {
    for (int i = 0; i < count; ++i) {
      counter += 1 + random() % 3;  // other event types and filters leave holes
      published.push_back(counter);
    }
  }

  // The body of one connection that asked for sequences >= from_id, then the way it ends.
  std::string stream(std::optional<std::uint64_t> from_id) {
    std::string out = from_id ? replay_started() : established();
    std::vector<std::uint64_t> replayed;
    if (from_id) {
      for (const auto s : published) {
        if (s >= *from_id) {
          out += notification(s);
          replayed.push_back(s);
          if (random() % 4 == 0) out += heartbeat();
        }
      }
      out += replay_completed();
      // Live subscription opened before the replay: some replayed ones come again.
      const std::size_t repeats = std::min<std::size_t>(replayed.size(), random() % 3);
      for (std::size_t i = replayed.size() - repeats; i < replayed.size(); ++i) {
        out += notification(replayed[i], "live-notification");
      }
    }
    const int fresh = static_cast<int>(random() % 4);
    const std::size_t before = published.size();
    publish(fresh);
    for (std::size_t i = before; i < published.size(); ++i) {
      out += notification(published[i], "live-notification");
      if (random() % 3 == 0) out += heartbeat();
    }
    return out;
  }
};

void run_one(std::uint64_t seed) {
  std::mt19937_64 random(seed);
  SimulatedServer server{random, {}, 0};
  server.publish(5);
  WatchSessionOptions options;
  options.has_state_store = random() % 2 == 0;
  options.flush_cursor_on_exit = true;
  options.jitter_seed = seed;
  Harness h(aviso::WatchRequest::watch_from("mars", aviso::ResumeStart::after_sequence(0)),
            std::nullopt, options);

  std::optional<std::uint64_t> previous_last;
  for (int connection = 0; connection < 400; ++connection) {
    if (server.published.size() >= 40 && h.session.last_delivered() == server.published.back()) {
      break;
    }
    h.connect();
    const auto body = h.last_body();
    if (random() % 10 == 0) {
      aviso::http::Response busy;
      busy.status = 503;
      ASSERT_FALSE(h.session.on_response(busy, h.wall));
      h.elapse(50ms);
      continue;
    }
    ASSERT_TRUE(h.session.on_response(ok_response(), h.wall));
    std::optional<std::uint64_t> from_id;
    if (body.contains("from_id")) from_id = std::stoull(body.at("from_id").get<std::string>());
    std::string bytes = server.stream(from_id);
    const int ending = static_cast<int>(random() % 4);
    if (ending == 0) {
      bytes += closing("max_duration_reached");
    } else if (ending == 1) {
      bytes += closing("server_shutdown");
    } else {
      bytes.resize(random() % (bytes.size() + 1));  // the connection drops at any byte
    }
    for (std::size_t at = 0; at < bytes.size();) {
      const std::size_t size = 1 + random() % 200;
      h.feed(bytes.substr(at, size));
      at += size;
      const auto last = h.session.last_delivered();
      if (previous_last && last) {
        ASSERT_GE(*last, *previous_last) << "cursor moved back, seed " << seed;
      }
      previous_last = last;
    }
    h.elapse(std::chrono::milliseconds(200 + random() % 3000));
    if (ending >= 2) {
      h.session.on_connection_lost(ending == 2 ? ConnectionLoss::UnexpectedEof
                                               : ConnectionLoss::TransportError);
    }
    ASSERT_FALSE(h.session.finished()) << "seed " << seed;
  }

  // No duplicates, no reordering, nothing lost.
  EXPECT_EQ(h.delivered, server.published) << "seed " << seed;
  // Saved positions only move forward and only name delivered notifications.
  for (std::size_t i = 1; i < h.writes.size(); ++i) {
    EXPECT_GT(h.writes[i].sequence, h.writes[i - 1].sequence) << "seed " << seed;
  }
  for (const auto& write : h.writes) {
    EXPECT_EQ(write.event_id, "mars@" + std::to_string(write.sequence));
    EXPECT_TRUE(std::binary_search(h.delivered.begin(), h.delivered.end(), write.sequence));
  }
  if (options.has_state_store && !h.delivered.empty()) {
    // Next-send commit: the store lags exactly one notification behind the consumer.
    ASSERT_GE(h.delivered.size(), 2u);
    EXPECT_EQ(h.stored, h.delivered[h.delivered.size() - 2]) << "seed " << seed;
    EXPECT_EQ(std::get<actions::Commit>(*h.session.exit_flush()).checkpoint.sequence,
              h.delivered.back());
  }
}

TEST(WatchSessionProperty, RandomHistoriesDeliverEverySequenceExactlyOnceInOrder) {
  for (std::uint64_t seed = 1; seed <= 80; ++seed) {
    run_one(seed);
    if (::testing::Test::HasFailure()) break;
  }
}

}  // namespace

namespace {

// Garbage from a broken proxy: the session either keeps going or ends with a typed error; it
// never throws, never delivers a sequence twice and always hands back a clean next step.
TEST(WatchSessionProperty, ArbitraryBytesNeverBreakTheSession) {
  const std::vector<std::string> pieces = {"event: replay\n",
                                           "event: live-notification\n",
                                           "event: replay-control\n",
                                           "event: connection-closing\n",
                                           "event: error\n",
                                           "data: ",
                                           "\n",
                                           "\r\n",
                                           "\r",
                                           ":x\n",
                                           R"({"id":"mars@)",
                                           "7",
                                           "@",
                                           R"(","data":{"identifier":{}}})",
                                           R"({"type":"replay_completed"})",
                                           R"({"reason":"end_of_stream"})",
                                           "\xEF\xBB\xBF",
                                           "{",
                                           "}",
                                           "\"",
                                           "null",
                                           "[1]",
                                           notification(3, "live-notification"),
                                           notification(5, "live-notification"),
                                           notification(9, "live-notification"),
                                           heartbeat()};
  int delivering = 0;
  int failing = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    std::mt19937_64 random(seed);
    WatchSessionOptions options;
    options.has_state_store = true;
    options.sse_limits.max_line_bytes = 128;
    Harness h(aviso::WatchRequest::watch("mars"), std::nullopt, options);
    h.open();
    h.feed(established());
    std::string bytes;
    const int count = 1 + static_cast<int>(random() % 60);
    for (int i = 0; i < count; ++i) bytes += pieces[random() % pieces.size()];
    ASSERT_NO_THROW(h.feed(bytes)) << "seed " << seed;
    for (std::size_t i = 1; i < h.delivered.size(); ++i) {
      ASSERT_GT(h.delivered[i], h.delivered[i - 1]) << "seed " << seed;
    }
    if (!h.session.finished()) h.session.on_connection_lost(ConnectionLoss::UnexpectedEof);
    const Step next = h.step();
    if (const auto* finish = std::get_if<steps::Finish>(&next)) {
      ASSERT_TRUE(finish->error) << "seed " << seed;  // garbage never ends a live watch cleanly
      ++failing;
    }
    delivering += h.delivered.empty() ? 0 : 1;
  }
  // The generator reaches both outcomes, so the assertions above were exercised.
  EXPECT_GT(delivering, 0);
  EXPECT_GT(failing, 0);
}

}  // namespace
