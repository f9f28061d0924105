// One-shot requests, redirects, timers and shutdown of the event loop, against real sockets on
// 127.0.0.1.
#include "http/event_loop.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <set>
#include <thread>

#include "http/mini_http_server.hpp"

namespace aviso::http {
namespace {

using test::MiniHttpServer;
using test::RecordedRequest;
using test::ScriptedResponse;

TransportOptions options() {
  TransportOptions o;
  o.user_agent = "aviso/test";
  return o;
}

Request get(const std::string& url) {
  Request request;
  request.url = url;
  return request;
}

ScriptedResponse echo_target(const RecordedRequest& request) {
  ScriptedResponse response;
  response.headers = {{"X-Request-ID", "rid-1"}};
  response.body = request.method + " " + request.target + " " + request.body;
  return response;
}

// echo_target, but /slow answers "late" after 400 ms: longer than the 200 ms timeouts the
// handle-reuse tests give other requests, so only a timeout left over on a reused handle fails it.
ScriptedResponse echo_target_or_late(const RecordedRequest& request) {
  ScriptedResponse response = echo_target(request);
  if (request.target == "/slow") {
    response.stream = [](int fd) {
      std::this_thread::sleep_for(std::chrono::milliseconds(400));
      test::send_all(fd, "late");
    };
  }
  return response;
}

TEST(EventLoop, SendsARequestAndReturnsStatusHeadersAndBody) {
  MiniHttpServer server(echo_target);
  EventLoop loop(options());
  Request request = get(server.url() + "/api/v1/notification");
  request.method = "POST";
  request.headers = {{"Content-Type", "application/json"}};
  request.body = R"({"a":1})";
  const Result result = loop.submit(request).get();
  ASSERT_TRUE(result.ok()) << result.error->message;
  EXPECT_EQ(result.response->status, 200);
  EXPECT_EQ(result.response->header("x-request-id"), "rid-1");
  EXPECT_EQ(result.response->body, R"(POST /api/v1/notification {"a":1})");
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].header("User-Agent"), "aviso/test");
  EXPECT_EQ(seen[0].header("Content-Type"), "application/json");
}

TEST(EventLoop, SendsDeleteWithABody) {
  MiniHttpServer server(echo_target);
  EventLoop loop(options());
  Request request = get(server.url() + "/api/v1/admin/wipe/stream");
  request.method = "DELETE";
  request.body = R"({"stream_name":"MARS"})";
  const Result result = loop.submit(request).get();
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.response->body, R"(DELETE /api/v1/admin/wipe/stream {"stream_name":"MARS"})");
}

TEST(EventLoop, ReusesOneKeptAliveConnectionForSequentialRequests) {
  MiniHttpServer server(echo_target);
  EventLoop loop(options());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(loop.submit(get(server.url() + "/x")).get().ok());
  EXPECT_EQ(server.connections(), 1);
  EXPECT_EQ(server.requests().size(), 5u);
}

// The loop reuses a finished request's curl handle without resetting it: every method, body,
// header and timeout of the previous request must still be gone from the next one.
TEST(EventLoop, AReusedHandleCarriesNothingOfThePreviousRequestOver) {
  MiniHttpServer server(echo_target_or_late);
  EventLoop loop(options());
  const auto send = [&](const std::string& method, const std::string& target,
                        const std::string& body, std::vector<Header> headers,
                        std::optional<std::chrono::milliseconds> timeout) {
    Request request = get(server.url() + target);
    request.method = method;
    request.body = body;
    request.headers = std::move(headers);
    request.timeout = timeout;
    const Result result = loop.submit(request).get();
    EXPECT_TRUE(result.ok()) << method << " " << target << ": " << result.error->message;
    return result.ok() ? result.response->body : std::string();
  };
  EXPECT_EQ(send("POST", "/a", R"({"a":1})", {{"Authorization", "Bearer t"}},
                 std::chrono::milliseconds(200)),
            R"(POST /a {"a":1})");
  EXPECT_EQ(send("GET", "/slow", "", {}, std::nullopt), "late");
  EXPECT_EQ(send("PUT", "/c", "", {}, std::nullopt), "PUT /c ");
  EXPECT_EQ(send("DELETE", "/d", "gone", {}, std::nullopt), "DELETE /d gone");
  EXPECT_EQ(send("POST", "/e", "", {}, std::nullopt), "POST /e ");
  EXPECT_EQ(send("GET", "/f", "", {}, std::nullopt), "GET /f ");

  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 6u);
  EXPECT_EQ(seen[0].header("Authorization"), "Bearer t");
  for (std::size_t i = 1; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].header("Authorization"), std::nullopt) << seen[i].target;
  }
  EXPECT_EQ(seen[1].header("Content-Length"), std::nullopt);
  EXPECT_EQ(seen[2].header("Content-Length").value_or("0"), "0");
  EXPECT_EQ(seen[4].header("Content-Length"), "0");
}

// A kept handle is given again only the options that changed since its previous request: a
// request of the same method must still send its own body, URL and timeout.
TEST(EventLoop, AReusedHandleSendsTheBodyUrlAndTimeoutOfEachRequestOfTheSameMethod) {
  MiniHttpServer server(echo_target_or_late);
  EventLoop loop(options());
  const auto send = [&](const std::string& method, const std::string& target,
                        const std::string& body,
                        std::optional<std::chrono::milliseconds> timeout = std::nullopt) {
    Request request = get(server.url() + target);
    request.method = method;
    request.body = body;
    request.timeout = timeout;
    const Result result = loop.submit(request).get();
    EXPECT_TRUE(result.ok()) << method << " " << target << ": " << result.error->message;
    return result.ok() ? result.response->body : std::string();
  };
  EXPECT_EQ(send("POST", "/g", "one"), "POST /g one");
  EXPECT_EQ(send("POST", "/g", "second"), "POST /g second");
  EXPECT_EQ(send("POST", "/h", "3"), "POST /h 3");
  EXPECT_EQ(send("DELETE", "/h", "x"), "DELETE /h x");
  EXPECT_EQ(send("DELETE", "/h", "yy"), "DELETE /h yy");
  EXPECT_EQ(send("POST", "/i", "t", std::chrono::milliseconds(200)), "POST /i t");
  EXPECT_EQ(send("POST", "/i", "u", std::chrono::milliseconds(200)), "POST /i u");
  EXPECT_EQ(send("POST", "/slow", "v"), "late");  // the 200 ms of the previous two are gone
  EXPECT_EQ(server.requests().size(), 8u);
}

// A kept handle holds its URL parsed. A URL curl cannot read fails that request alone, with
// curl's reason, and the same handle then serves the next URL.
TEST(EventLoop, AUrlCurlCannotReadFailsAloneAndTheHandleServesTheNextOne) {
  MiniHttpServer server(echo_target);
  EventLoop loop(options());
  ASSERT_TRUE(loop.submit(get(server.url() + "/first")).get().ok());
  const Result refused = loop.submit(get("http://[::1/x")).get();
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error->message.find("URL"), std::string::npos) << refused.error->message;
  EXPECT_NE(refused.error->message.find("http://[::1/x"), std::string::npos);
  const Result next = loop.submit(get(server.url() + "/next?q=1")).get();
  ASSERT_TRUE(next.ok()) << next.error->message;
  EXPECT_EQ(next.response->body, "GET /next?q=1 ");
  EXPECT_EQ(server.requests().size(), 2u);
}

// A handle keeps the header list it last sent and reuses it while the headers stay the same:
// a changed value (a refreshed token), an added or a removed header must each reach the wire.
TEST(EventLoop, AReusedHandleSendsExactlyTheHeadersOfEachRequest) {
  MiniHttpServer server([](const RecordedRequest& request) { return echo_target(request); });
  EventLoop loop(options());
  const std::vector<std::vector<Header>> sequence = {
      {{"Authorization", "Bearer t"}, {"Accept", "application/json"}},
      {{"Authorization", "Bearer t"}, {"Accept", "application/json"}},
      {{"Authorization", "Bearer u"}, {"Accept", "application/json"}},
      {{"Authorization", "Bearer u"}, {"Accept", "application/json"}, {"X-Extra", "1"}},
      {{"Authorization", "Bearer u"}},
      {}};
  for (const std::vector<Header>& headers : sequence) {
    Request request = get(server.url() + "/h");
    request.headers = headers;
    ASSERT_TRUE(loop.submit(request).get().ok());
  }
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), sequence.size());
  for (std::size_t i = 0; i < seen.size(); ++i) {
    for (const char* name : {"Authorization", "Accept", "X-Extra"}) {
      std::optional<std::string> sent;
      for (const Header& header : sequence[i]) {
        if (header.name == name) sent = header.value;
      }
      // curl sends "Accept: */*" when the request names none.
      if (!sent && std::string(name) == "Accept") sent = "*/*";
      EXPECT_EQ(seen[i].header(name), sent) << "request " << i << ", header " << name;
    }
  }
}

TEST(EventLoop, RunsManyRequestsConcurrentlyOnOneThread) {
  MiniHttpServer server(echo_target);
  EventLoop loop(options());
  std::vector<std::future<Result>> futures;
  for (int i = 0; i < 40; ++i) {
    futures.push_back(loop.submit(get(server.url() + "/item/" + std::to_string(i))));
  }
  for (int i = 0; i < 40; ++i) {
    const Result result = futures[i].get();
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.response->body, "GET /item/" + std::to_string(i) + " ");
  }
}

TEST(EventLoop, CompletionCallbacksRunOnTheLoopThread) {
  MiniHttpServer server(echo_target);
  EventLoop loop(options());
  std::promise<bool> on_loop;
  loop.submit(get(server.url()), {}, [&](Result) { on_loop.set_value(loop.on_loop_thread()); });
  EXPECT_TRUE(on_loop.get_future().get());
  EXPECT_FALSE(loop.on_loop_thread());
}

TEST(EventLoop, ConnectionRefusedIsAConnectErrorBeforeAnythingWasSent) {
  EventLoop loop(options());
  const Result result =
      loop.submit(get("http://127.0.0.1:" + std::to_string(test::unused_loopback_port()))).get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->kind, TransportError::Kind::Connect);
  EXPECT_FALSE(result.error->request_sent);
}

TEST(EventLoop, ASilentServerEndsInATimeoutAfterTheRequestWasSent) {
  MiniHttpServer server([](const RecordedRequest&) {
    ScriptedResponse response;
    response.silent = true;
    return response;
  });
  EventLoop loop(options());
  Request request = get(server.url());
  request.timeout = std::chrono::milliseconds(200);
  const Result result = loop.submit(request).get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->kind, TransportError::Kind::Timeout);
  EXPECT_TRUE(result.error->request_sent);
}

TEST(EventLoop, KeepsOnlyTheTailOfABoundedBody) {
  std::string body;
  for (int i = 0; i < 20000; ++i) body += static_cast<char>('a' + i % 26);
  MiniHttpServer server([&](const RecordedRequest&) {
    ScriptedResponse response;
    response.body = body;
    return response;
  });
  EventLoop loop(options());
  RequestOptions bounded;
  bounded.max_body_bytes = 4096;
  const Result result = loop.submit(get(server.url()), bounded).get();
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.response->body, body.substr(body.size() - 4096));
}

TEST(EventLoop, SameOriginRedirectKeepsAuthorizationCrossOriginDropsIt) {
  MiniHttpServer other([](const RecordedRequest&) { return ScriptedResponse{}; });
  MiniHttpServer first([&](const RecordedRequest& request) {
    ScriptedResponse response;
    if (request.target == "/api/v1/schema") {
      response.status = 302;
      response.headers = {{"Location", "/moved/schema"}};
    } else if (request.target == "/moved/schema") {
      response.status = 302;
      response.headers = {{"Location", other.url() + "/api/v1/schema"}};
    }
    return response;
  });
  EventLoop loop(options());
  Request request = get(first.url() + "/api/v1/schema");
  request.headers = {{"Authorization", "Bearer must-not-leave-first"}};
  const Result result = loop.submit(request).get();
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.response->status, 200);

  const auto at_first = first.requests();
  ASSERT_EQ(at_first.size(), 2u);
  EXPECT_EQ(at_first[0].header("Authorization"), "Bearer must-not-leave-first");
  EXPECT_EQ(at_first[1].target, "/moved/schema");
  EXPECT_EQ(at_first[1].header("Authorization"), "Bearer must-not-leave-first");
  const auto at_other = other.requests();
  ASSERT_EQ(at_other.size(), 1u);
  EXPECT_FALSE(at_other[0].header("Authorization"));
}

TEST(EventLoop, EndlessRedirectsEndInARedirectError) {
  MiniHttpServer loop_server([](const RecordedRequest&) {
    ScriptedResponse response;
    response.status = 307;
    response.headers = {{"Location", "/again"}};
    return response;
  });
  EventLoop loop(options());
  const Result result = loop.submit(get(loop_server.url() + "/start")).get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->kind, TransportError::Kind::Redirect);
  EXPECT_EQ(loop_server.requests().size(), static_cast<std::size_t>(kDefaultMaxRedirects + 1));
}

TEST(EventLoop, WithRedirectsOffTheRedirectResponseIsReturned) {
  MiniHttpServer server([](const RecordedRequest&) {
    ScriptedResponse response;
    response.status = 302;
    response.headers = {{"Location", "/elsewhere"}};
    return response;
  });
  EventLoop loop(options());
  RequestOptions no_follow;
  no_follow.max_redirects = 0;
  const Result result = loop.submit(get(server.url()), no_follow).get();
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.response->status, 302);
}

TEST(EventLoop, TimersRunInDeadlineOrderAndACancelledTimerNeverRuns) {
  EventLoop loop(options());
  std::mutex mutex;
  std::vector<int> order;
  std::promise<void> last;
  const TimerId cancelled = loop.schedule(std::chrono::milliseconds(5), [&] {
    std::lock_guard<std::mutex> lock(mutex);
    order.push_back(99);
  });
  loop.cancel_timer(cancelled);
  loop.schedule(std::chrono::milliseconds(30), [&] {
    std::lock_guard<std::mutex> lock(mutex);
    order.push_back(2);
    last.set_value();
  });
  loop.schedule(std::chrono::milliseconds(1), [&] {
    std::lock_guard<std::mutex> lock(mutex);
    order.push_back(1);
  });
  last.get_future().get();
  std::lock_guard<std::mutex> lock(mutex);
  EXPECT_EQ(order, (std::vector<int>{1, 2}));
}

TEST(EventLoop, PostedFunctionsRunOnTheLoopThreadInOrder) {
  EventLoop loop(options());
  std::vector<int> seen;
  std::promise<bool> done;
  for (int i = 0; i < 3; ++i) loop.post([&, i] { seen.push_back(i); });
  loop.post([&] { done.set_value(loop.on_loop_thread()); });
  EXPECT_TRUE(done.get_future().get());
  EXPECT_EQ(seen, (std::vector<int>{0, 1, 2}));
}

TEST(EventLoop, ClosingTheLoopCancelsRequestsInFlight) {
  MiniHttpServer server([](const RecordedRequest&) {
    ScriptedResponse response;
    response.silent = true;
    return response;
  });
  std::future<Result> pending;
  {
    EventLoop loop(options());
    pending = loop.submit(get(server.url()));
    // Make sure the request is on the wire before closing.
    while (server.requests().empty()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  const Result result = pending.get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->kind, TransportError::Kind::Cancelled);
}

}  // namespace
}  // namespace aviso::http
