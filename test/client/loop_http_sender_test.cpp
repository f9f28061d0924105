// The triggers' HTTP sender on the client's loop: delivery, bounded tails, timeouts, bad input.
#include "client/loop_http_sender.hpp"

#include <gtest/gtest.h>

#include "http/mini_http_server.hpp"

namespace aviso::client {
namespace {

using trigger::HttpSendFailure;

http::TransportOptions options() {
  http::TransportOptions o;
  o.user_agent = "aviso/test";
  return o;
}

TEST(LoopHttpSender, DeliversTheRequestAndKeepsTheBodyTail) {
  test::MiniHttpServer hook([](const test::RecordedRequest&) {
    test::ScriptedResponse response;
    response.status = 500;
    response.body = std::string(5000, 'x') + "END";
    return response;
  });
  http::EventLoop loop(options());
  LoopHttpSender sender(loop);
  http::Request request;
  request.method = "PUT";
  request.url = hook.url() + "/hook";
  request.headers = {{"X-Token", "abc"}};
  request.body = R"({"seq":1})";
  const auto result = sender.send(request, 4096);
  const auto* response = std::get_if<http::Response>(&result);
  ASSERT_NE(response, nullptr);
  EXPECT_EQ(response->status, 500);
  EXPECT_EQ(response->body.size(), 4096u);
  EXPECT_EQ(response->body.substr(4093), "END");
  const auto seen = hook.requests().at(0);
  EXPECT_EQ(seen.method, "PUT");
  EXPECT_EQ(seen.header("X-Token"), "abc");
  EXPECT_EQ(seen.body, R"({"seq":1})");
}

TEST(LoopHttpSender, ReportsTimeoutsTransportFailuresAndUnbuildableRequests) {
  test::MiniHttpServer silent([](const test::RecordedRequest&) {
    test::ScriptedResponse response;
    response.silent = true;
    return response;
  });
  http::EventLoop loop(options());
  LoopHttpSender sender(loop);
  http::Request slow;
  slow.url = silent.url();
  slow.timeout = std::chrono::milliseconds(100);
  EXPECT_EQ(std::get<HttpSendFailure>(sender.send(slow, 10)).kind, HttpSendFailure::Kind::Timeout);

  http::Request refused;
  refused.url = "http://127.0.0.1:" + std::to_string(test::unused_loopback_port());
  EXPECT_EQ(std::get<HttpSendFailure>(sender.send(refused, 10)).kind,
            HttpSendFailure::Kind::Transport);

  http::Request not_a_url;
  not_a_url.url = "not a url";
  EXPECT_EQ(std::get<HttpSendFailure>(sender.send(not_a_url, 10)).kind,
            HttpSendFailure::Kind::Build);
  http::Request bad_header;
  bad_header.url = silent.url();
  bad_header.headers = {{"X-Evil", "a\r\nInjected: 1"}};
  EXPECT_EQ(std::get<HttpSendFailure>(sender.send(bad_header, 10)).kind,
            HttpSendFailure::Kind::Build);
  EXPECT_EQ(silent.requests().size(), 1u);  // only the slow one reached the server
}

TEST(LoopHttpSender, AStatusThatArrivedBeforeATimeoutIsKept) {
  test::MiniHttpServer stalling([](const test::RecordedRequest&) {
    test::ScriptedResponse response;
    response.status = 202;
    response.stream = [](int fd) {
      test::send_all(fd, "partial");
      char byte;
      ::recv(fd, &byte, 1, 0);
    };
    return response;
  });
  http::EventLoop loop(options());
  LoopHttpSender sender(loop);
  http::Request request;
  request.url = stalling.url();
  request.timeout = std::chrono::milliseconds(200);
  const auto failure = std::get<HttpSendFailure>(sender.send(request, 100));
  EXPECT_EQ(failure.kind, HttpSendFailure::Kind::Timeout);
  EXPECT_EQ(failure.status, 202);
  EXPECT_EQ(failure.body_tail, "partial");
}

}  // namespace
}  // namespace aviso::client
