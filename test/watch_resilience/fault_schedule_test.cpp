// Seeded random fault schedules: N notifications are published while dropped connections,
// routine closes, 503s with Retry-After and 5xx answers are injected at random points, and a
// consumer thread pulls concurrently. Whatever the interleaving, the consumer must see exactly
// 1..N, once each, in order. The seeds are fixed, so a failure names its schedule and repeats.
#include <gtest/gtest.h>

#include <cstdint>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "aviso/client.hpp"
#include "aviso/watch.hpp"
#include "resilience_support.hpp"
#include "support/local_server.hpp"

namespace aviso::resilience {
namespace {

struct Fault {
  const char* name;
  void (*inject)(const test::LocalServer& server);
};

void expect_hook(const test::HttpReply& reply) { EXPECT_EQ(reply.status, 200) << reply.body; }

// Every fault ends the open connection; the ones with a `fail` hook also refuse the next one.
const Fault kFaults[] = {
    {"drop", [](const test::LocalServer& s) { expect_hook(s.hook("drop-streams")); }},
    {"rotate",
     [](const test::LocalServer& s) {
       expect_hook(s.hook("close-streams", R"({"reason":"max_duration_reached"})"));
     }},
    {"end_of_stream",
     [](const test::LocalServer& s) {
       expect_hook(s.hook("close-streams", R"({"reason":"end_of_stream"})"));
     }},
    {"503+drop",
     [](const test::LocalServer& s) {
       expect_hook(
           s.hook("fail", R"({"route":"/api/v1/watch","status":503,"count":1,"retry_after":"0"})"));
       expect_hook(s.hook("drop-streams"));
     }},
    {"500+drop",
     [](const test::LocalServer& s) {
       expect_hook(s.hook("fail", R"({"route":"/api/v1/watch","status":500,"count":1})"));
       expect_hook(s.hook("drop-streams"));
     }},
};

class FaultSchedule : public ::testing::TestWithParam<std::uint32_t> {};

TEST_P(FaultSchedule, EveryNotificationArrivesOnceInOrder) {
  constexpr int kCount = 80;
  std::mt19937 random(GetParam());
  std::bernoulli_distribution fault_here(0.12);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kFaults) - 1);
  std::uniform_int_distribution<int> pause_ms(0, 15);

  test::LocalServer server({"--heartbeat-interval", "0.2", "--replay-batch-delay-ms", "0"});
  Client client = ClientBuilder(server.url()).build();
  NotificationStream stream =
      client.watch(WatchRequest::watch_from("mars", ResumeStart::after_sequence(0)).filter(kOd));
  std::vector<std::uint64_t> seen;
  std::thread consumer([&] { seen = take(stream, kCount); });

  std::ostringstream schedule;
  int faults = 0;
  for (int i = 0; i < kCount; ++i) {
    publish(client, i);
    schedule << (i + 1);
    if (fault_here(random)) {
      const Fault& fault = kFaults[pick(random)];
      fault.inject(server);
      ++faults;
      schedule << '[' << fault.name << ']';
    }
    schedule << ' ';
    std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms(random)));
  }
  consumer.join();
  SCOPED_TRACE("seed " + std::to_string(GetParam()) + ", schedule: " + schedule.str());
  EXPECT_EQ(seen, range(1, kCount));
  EXPECT_FALSE(stream.ended()) << "a routine fault ended the watch";
  // Faults land on open connections (or on none, mid-reconnect); the watch must have reconnected.
  ASSERT_GT(faults, 0) << "a seed without faults proves nothing";
  EXPECT_GT(server.request_count("/api/v1/watch"), 1);
  std::cout << "seed " << GetParam() << ": " << faults << " faults, "
            << server.request_count("/api/v1/watch") << " watch requests\n";
}

INSTANTIATE_TEST_SUITE_P(Seeds, FaultSchedule, ::testing::Values(7u, 1234u, 99991u, 2026u));

}  // namespace
}  // namespace aviso::resilience
