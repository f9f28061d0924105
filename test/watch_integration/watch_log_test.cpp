// Operator log events through aviso::set_log_sink, against the real local server: a watch
// connects, loses its connection (cause), reconnects resuming from the next sequence, and ends.
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <string>
#include <vector>

#include "aviso/client.hpp"
#include "aviso/log.hpp"
#include "aviso/watch.hpp"
#include "support/local_server.hpp"
#include "support/mars_notifications.hpp"

namespace aviso {
namespace {

constexpr std::chrono::seconds kDeadline{30};

struct CapturedLog {
  std::mutex mutex;
  std::vector<LogRecord> records;

  CapturedLog() {
    set_log_sink([this](const LogRecord& record) {
      std::lock_guard<std::mutex> lock(mutex);
      records.push_back(record);
    });
  }
  ~CapturedLog() { set_log_sink(nullptr); }

  std::vector<LogRecord> named(const std::string& event) {
    std::lock_guard<std::mutex> lock(mutex);
    std::vector<LogRecord> out;
    std::copy_if(records.begin(), records.end(), std::back_inserter(out),
                 [&](const LogRecord& r) { return r.event == event; });
    return out;
  }
};

std::string field(const LogRecord& record, const std::string& name) {
  for (const auto& [key, value] : record.fields) {
    if (key == name) return value;
  }
  return "<missing " + name + ">";
}

TEST(WatchLog, ConnectLossReconnectWithResumePointAndEndAreLogged) {
  CapturedLog log;
  test::LocalServer server;
  Client client = ClientBuilder(server.url()).build();
  test::publish_mars(client, 0);
  NotificationStream stream = client.watch(test::mars_from_start());
  ASSERT_TRUE(stream.next(kDeadline));
  ASSERT_EQ(server.hook("drop-streams").status, 200);
  test::publish_mars(client, 1);
  std::optional<Notification> second = stream.next(kDeadline);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->sequence(), 2u);
  stream.close();

  const auto connected = log.named("client.watch.connected");
  ASSERT_EQ(connected.size(), 1u);
  EXPECT_EQ(field(connected[0], "event_type"), "mars");

  const auto lost = log.named("client.connection.lost");
  ASSERT_EQ(lost.size(), 1u);
  EXPECT_EQ(lost[0].level, LogLevel::Warn);
  const std::string cause = field(lost[0], "cause");
  EXPECT_TRUE(cause == "unexpected_eof" || cause == "transport_error") << cause;

  const auto reconnected = log.named("client.watch.reconnected");
  ASSERT_EQ(reconnected.size(), 1u);
  EXPECT_EQ(field(reconnected[0], "resume_from"), "2");
  EXPECT_EQ(field(reconnected[0], "reconnects"), "1");

  // The session's retry line reaches the sink with its facts as fields.
  const auto retrying = log.named("client.connection.retrying");
  ASSERT_FALSE(retrying.empty());
  for (const char* name : {"cause", "delay_ms", "attempt"}) {
    EXPECT_NE(field(retrying[0], name).rfind("<missing", 0), 0u) << name;
  }

  const auto ended = log.named("client.watch.ended");
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(field(ended[0], "event_type"), "mars");
}

}  // namespace
}  // namespace aviso
