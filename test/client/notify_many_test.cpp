// notify_many: input order kept with failures mixed in, the concurrency window, empty input and
// malformed input.
#include <gtest/gtest.h>

#include "aviso/aviso.hpp"
#include "client/fake_aviso.hpp"
#include "support/error_of.hpp"

namespace aviso {
namespace {

std::vector<NotificationRequest> mixed_batch(std::size_t size) {
  std::vector<NotificationRequest> batch;
  for (std::size_t i = 0; i < size; ++i) {
    NotificationRequest request("mars");
    request.with_string_identifier({{"n", std::to_string(i)},
                                    {"outcome", i % 7 == 3    ? "400"
                                                : i % 11 == 5 ? "500"
                                                              : "ok"}});
    batch.push_back(request);
  }
  return batch;
}

class NotifyMany : public ::testing::TestWithParam<std::size_t> {};

TEST_P(NotifyMany, ResultsComeBackInInputOrderWithFailuresInPlace) {
  test::FakeAviso server;
  Client client = ClientBuilder(server.url()).build();
  const std::size_t concurrency = GetParam();
  // More items than one hand-over of bodies (64) and one chunk of decoded answers (256).
  const std::vector<NotificationRequest> batch = mixed_batch(600);
  const std::vector<NotifyResult> results = client.notify_many(batch, concurrency);
  ASSERT_EQ(results.size(), batch.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    EXPECT_EQ(results[i].index, i);
    const std::string outcome = batch[i].identifier["outcome"];
    if (outcome == "ok") {
      ASSERT_TRUE(results[i].ok()) << i << ": " << results[i].error->message;
      EXPECT_EQ(results[i].response->status, "success");
    } else {
      ASSERT_FALSE(results[i].ok()) << i;
      EXPECT_EQ(results[i].error->kind, AvisoErrorKind_Http);
      EXPECT_EQ(std::to_string(results[i].error->http_status), outcome);
    }
  }
  // Every item was sent exactly once, and never more than `concurrency` at a time.
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), batch.size());
  std::vector<int> sent(batch.size(), 0);
  for (const auto& request : seen) {
    const auto body = nlohmann::json::parse(request.body);
    ++sent.at(std::stoul(body["identifier"]["n"].get<std::string>()));
  }
  EXPECT_EQ(std::count(sent.begin(), sent.end(), 1), static_cast<long>(batch.size()));
  EXPECT_LE(server.max_in_flight(), static_cast<int>(concurrency));
}

INSTANTIATE_TEST_SUITE_P(Concurrency, NotifyMany, ::testing::Values(1u, 16u, 64u));

TEST(NotifyManyEdges, ZeroConcurrencyMeansSixteenAndEmptyInputSendsNothing) {
  test::FakeAviso server;
  Client client = ClientBuilder(server.url()).build();
  EXPECT_TRUE(client.notify_many(std::vector<NotificationRequest>{}).empty());
  EXPECT_EQ(client.notify_many(std::string("[]")), "[]");
  EXPECT_TRUE(server.requests().empty());
  EXPECT_EQ(client.notify_many(mixed_batch(40), 0).size(), 40u);
  EXPECT_LE(server.max_in_flight(), 16);
}

TEST(NotifyManyEdges, TheFacadeFormTakesAndReturnsJsonText) {
  test::FakeAviso server;
  Client client = ClientBuilder(server.url()).build();
  const std::string results = client.notify_many(
      R"([{"event_type":"mars","identifier":{"outcome":"400"}},
          {"event_type":"mars","identifier":null,"payload":{"k":1}},
          {"event_type":"mars"}])",
      1);
  const auto parsed = nlohmann::json::parse(results);
  ASSERT_EQ(parsed.size(), 3u);
  EXPECT_EQ(parsed[0]["index"], 0);
  EXPECT_EQ(parsed[0]["status"], "error");
  EXPECT_EQ(parsed[0]["error"]["kind"], "http");
  EXPECT_EQ(parsed[0]["error"]["http_status"], 400);
  EXPECT_EQ(parsed[0]["error"]["request_id"], "rid-1");
  EXPECT_EQ(parsed[1]["status"], "ok");
  EXPECT_EQ(parsed[1]["response"]["request_id"], "rid-2");
  EXPECT_EQ(results.find(R"({"index":1,"status":"ok","response":{"status":"success")"),
            results.find(R"({"index":1)"));
  EXPECT_EQ(server.requests().at(1).body,
            R"({"event_type":"mars","identifier":{},"payload":{"k":1}})");
}

TEST(NotifyManyEdges, MalformedInputThrowsBeforeAnythingIsSent) {
  test::FakeAviso server;
  Client client = ClientBuilder(server.url()).build();
  for (const char* bad : {"not json", R"({"event_type":"mars"})", R"([{"event_type":"mars"}, 7])",
                          R"([{"identifier":{}}])", R"([{"event_type":1}])",
                          R"([{"event_type":"mars"},{"event_type":"mars","identifier":[1]}])"}) {
    try {
      (void)client.notify_many(std::string(bad));
      ADD_FAILURE() << "accepted " << bad;
    } catch (const Error& error) {
      EXPECT_EQ(error.kind(), AvisoErrorKind_InvalidInput) << bad;
    }
  }
  EXPECT_TRUE(server.requests().empty());
}

TEST(NotifyManyEdges, AnItemThatIsNotUtf8ThrowsBeforeAnythingIsSent) {
  test::FakeAviso server;
  Client client = ClientBuilder(server.url()).build();
  std::vector<NotificationRequest> batch = mixed_batch(40);
  batch[37].with_payload({{"path", "/data/\xff.grib"}});
  const Error error = test::error_of([&] { (void)client.notify_many(batch, 4); });
  EXPECT_EQ(error.kind(), AvisoErrorKind_InvalidInput);
  EXPECT_NE(error.error().message.find("payload is not valid UTF-8"), std::string::npos)
      << error.error().message;
  EXPECT_TRUE(server.requests().empty());
}

TEST(NotifyManyEdges, TransportFailuresAreReportedPerItem) {
  Client client =
      ClientBuilder("http://127.0.0.1:" + std::to_string(test::unused_loopback_port())).build();
  const auto results = client.notify_many(mixed_batch(3), 2);
  ASSERT_EQ(results.size(), 3u);
  for (const auto& result : results) EXPECT_EQ(result.error->kind, AvisoErrorKind_Transport);
}

}  // namespace
}  // namespace aviso
