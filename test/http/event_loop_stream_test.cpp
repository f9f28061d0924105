// Streaming transfers on the event loop: headers first, bytes as they come, pause that reaches
// the server as TCP backpressure, resume, cancel from another thread, exactly one completion.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <future>
#include <thread>

#include "http/event_loop.hpp"
#include "http/mini_http_server.hpp"

namespace aviso::http {
namespace {

using test::MiniHttpServer;
using test::RecordedRequest;
using test::ScriptedResponse;

constexpr std::chrono::seconds kDeadline{30};

TransportOptions options() {
  TransportOptions o;
  o.user_agent = "aviso/test";
  return o;
}

// What a stream delivered, filled on the loop thread and read by the test.
struct StreamLog {
  std::mutex mutex;
  std::condition_variable changed;
  long status = 0;
  std::string content_type;
  std::string data;
  int completions = 0;
  std::optional<TransportError> error;

  StreamHandlers handlers(const std::function<StreamAction(std::string_view)>& on_data = {}) {
    StreamHandlers h;
    h.on_response = [this](long s, const std::vector<Header>& headers) {
      std::lock_guard<std::mutex> lock(mutex);
      status = s;
      for (const Header& header : headers) {
        if (header.name == "Content-Type") content_type = header.value;
      }
      changed.notify_all();
      return StreamAction::Continue;
    };
    h.on_data = [this, on_data](std::string_view bytes) {
      if (on_data) {
        const StreamAction action = on_data(bytes);
        if (action != StreamAction::Continue) return action;
      }
      std::lock_guard<std::mutex> lock(mutex);
      data.append(bytes);
      changed.notify_all();
      return StreamAction::Continue;
    };
    h.on_complete = [this](const std::optional<TransportError>& e) {
      std::lock_guard<std::mutex> lock(mutex);
      ++completions;
      error = e;
      changed.notify_all();
    };
    return h;
  }

  // Every wait has a deadline, so a stream that never moves on fails the test instead of hanging
  // the suite. The deadline is far beyond any healthy run; it is not what the test measures.
  [[nodiscard]] bool wait_for(const std::function<bool()>& condition) {
    std::unique_lock<std::mutex> lock(mutex);
    return changed.wait_for(lock, kDeadline, condition);
  }
};

ScriptedResponse sse_events(const std::vector<std::string>& events) {
  ScriptedResponse response;
  response.headers = {{"Content-Type", "text/event-stream"}};
  response.stream = [events](int fd) {
    for (const std::string& event : events) test::send_all(fd, event);
  };
  return response;
}

TEST(EventLoopStream, DeliversHeadersThenEveryByteThenACleanEnd) {
  MiniHttpServer server([](const RecordedRequest&) {
    return sse_events({"event: open\ndata: {}\n\n", "data: 1\n\n", "data: 2\n\n"});
  });
  EventLoop loop(options());
  StreamLog log;
  Request request;
  request.method = "POST";
  request.url = server.url() + "/api/v1/watch";
  request.body = R"({"event_type":"mars","identifier":{}})";
  loop.open_stream(request, log.handlers());
  ASSERT_TRUE(log.wait_for([&] { return log.completions == 1; })) << "the stream never ended";
  EXPECT_EQ(log.status, 200);
  EXPECT_EQ(log.content_type, "text/event-stream");
  EXPECT_EQ(log.data, "event: open\ndata: {}\n\ndata: 1\n\ndata: 2\n\n");
  EXPECT_FALSE(log.error);
  EXPECT_EQ(server.requests().at(0).body, request.body);
}

// A one-shot request reads its answer through a small buffer; a stream that takes that request's
// kept handle afterwards must read through curl's full-size one again, or a fast replay would
// cost a read and a callback per kilobyte.
TEST(EventLoopStream, AStreamOnAHandleKeptFromARequestReadsInFullSizePieces) {
  const std::string burst(std::size_t{256} * 1024, 'x');
  MiniHttpServer server([&](const RecordedRequest& request) {
    if (request.target == "/one-shot") return ScriptedResponse{};
    return sse_events({burst});
  });
  EventLoop loop(options());
  Request one_shot;
  one_shot.url = server.url() + "/one-shot";
  ASSERT_TRUE(loop.submit(one_shot).get().ok());

  std::size_t largest_piece = 0;  // written on the loop thread, read after the completion
  StreamLog log;
  Request request;
  request.url = server.url() + "/stream";
  loop.open_stream(request, log.handlers([&](std::string_view bytes) {
    largest_piece = std::max(largest_piece, bytes.size());
    return StreamAction::Continue;
  }));
  ASSERT_TRUE(log.wait_for([&] { return log.completions == 1; })) << "the stream never ended";
  ASSERT_EQ(log.data.size(), burst.size());
  EXPECT_GT(largest_piece, 1024u) << "the stream kept the one-shot request's small buffer";
}

// The server writes far more than the socket buffers of both ends hold, so a paused reader must
// stall it. Before the fix this test hung in a full-suite run: under load the writer could fill
// the buffers before the first on_data call, the test took that for "paused" and called resume()
// too early, resume() of a not-yet-paused stream was dropped, and the pause that followed was
// never lifted. The test now waits for the pause itself, and resume() is never lost (see below).
TEST(EventLoopStream, PauseHoldsTheServerBackAndResumeDeliversEverythingInOrder) {
  constexpr std::size_t kTotal = 32u << 20;
  std::atomic<bool> client_paused{false};
  std::atomic<std::size_t> sent_total{0};
  std::mutex stall_mutex;
  std::condition_variable stall_seen;
  bool stalled_while_paused = false;
  MiniHttpServer server([&](const RecordedRequest&) {
    ScriptedResponse response;
    response.stream = [&](int fd) {
      int small = 64 * 1024;
      ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
      std::string chunk(std::size_t{64} * 1024, '\0');
      for (std::size_t sent = 0; sent < kTotal; sent += chunk.size()) {
        for (std::size_t i = 0; i < chunk.size(); ++i) {
          chunk[i] = static_cast<char>('A' + (sent + i) % 23);
        }
        std::size_t offset = 0;
        while (offset < chunk.size()) {
          const ssize_t n =
              ::send(fd, chunk.data() + offset, chunk.size() - offset, MSG_NOSIGNAL | MSG_DONTWAIT);
          if (n > 0) {
            offset += static_cast<std::size_t>(n);
            sent_total += static_cast<std::size_t>(n);
            continue;
          }
          if (errno != EAGAIN && errno != EWOULDBLOCK) return;
          // Sampled before waiting: a stall counts only if the client was already paused.
          const bool paused_before = client_paused.load();
          pollfd pfd{fd, POLLOUT, 0};
          if (::poll(&pfd, 1, 100) == 0 && paused_before) {
            std::lock_guard<std::mutex> lock(stall_mutex);
            stalled_while_paused = true;
            stall_seen.notify_all();
          }
        }
      }
    };
    return response;
  });

  EventLoop loop(options());
  StreamLog log;
  std::atomic<int> pauses{0};
  const StreamId id = loop.open_stream(
      [&] {
        Request request;
        request.url = server.url() + "/stream";
        return request;
      }(),
      log.handlers([&](std::string_view) {
        if (pauses.load() == 0) {
          ++pauses;
          client_paused = true;
          return StreamAction::Pause;
        }
        return StreamAction::Continue;
      }));

  {
    std::unique_lock<std::mutex> lock(stall_mutex);
    ASSERT_TRUE(stall_seen.wait_for(lock, kDeadline, [&] { return stalled_while_paused; }))
        << "the server never stalled behind the paused client";
  }
  EXPECT_EQ(pauses.load(), 1);
  EXPECT_LT(sent_total.load(), kTotal) << "the server sent everything while the client was paused";
  {
    std::lock_guard<std::mutex> lock(log.mutex);
    EXPECT_TRUE(log.data.empty()) << "bytes offered to a Pause were treated as consumed";
  }
  loop.resume(id);
  ASSERT_TRUE(log.wait_for([&] { return log.completions == 1; }))
      << "the stream was not resumed: " << log.data.size() << " of " << kTotal << " bytes";
  ASSERT_FALSE(log.error) << log.error->message;
  ASSERT_EQ(log.data.size(), kTotal);
  for (std::size_t i = 0; i < kTotal; i += 4099) {
    ASSERT_EQ(log.data[i], static_cast<char>('A' + i % 23)) << "at byte " << i;
  }
}

// The lost wake-up itself, made deterministic: resume() reaches the loop before the body's first
// byte, and on_data then pauses. The early resume must lift that pause, once.
TEST(EventLoopStream, AResumeThatOvertakesThePauseIsNotLost) {
  std::promise<void> send_body;
  std::shared_future<void> send_body_signal = send_body.get_future().share();
  MiniHttpServer server([&](const RecordedRequest&) {
    ScriptedResponse response;
    response.stream = [send_body_signal](int fd) {
      if (send_body_signal.wait_for(kDeadline) != std::future_status::ready) return;
      test::send_all(fd, "data: 1\n\n");
      test::send_all(fd, "data: 2\n\n");
    };
    return response;
  });
  EventLoop loop(options());
  StreamLog log;
  std::atomic<int> pauses{0};
  Request request;
  request.url = server.url() + "/stream";
  const StreamId id = loop.open_stream(request, log.handlers([&](std::string_view) {
    if (pauses.load() == 0) {
      ++pauses;
      return StreamAction::Pause;
    }
    return StreamAction::Continue;
  }));
  ASSERT_TRUE(log.wait_for([&] { return log.status == 200; })) << "no response headers";
  loop.resume(id);  // nothing is paused yet
  std::promise<void> resume_done;
  loop.post([&] { resume_done.set_value(); });
  ASSERT_EQ(resume_done.get_future().wait_for(kDeadline), std::future_status::ready);
  send_body.set_value();
  ASSERT_TRUE(log.wait_for([&] { return log.completions == 1; }))
      << "the pause after an early resume was never lifted";
  EXPECT_EQ(pauses.load(), 1);
  EXPECT_FALSE(log.error);
  EXPECT_EQ(log.data, "data: 1\n\ndata: 2\n\n");
}

TEST(EventLoopStream, CancelFromAnotherThreadCompletesOnceWithCancelled) {
  MiniHttpServer server([](const RecordedRequest&) {
    ScriptedResponse response;
    response.stream = [](int fd) {
      test::send_all(fd, "data: first\n\n");
      char byte;
      ::recv(fd, &byte, 1, 0);  // hold the stream open until the client goes away
    };
    return response;
  });
  EventLoop loop(options());
  StreamLog log;
  Request request;
  request.url = server.url() + "/stream";
  const StreamId id = loop.open_stream(request, log.handlers());
  ASSERT_TRUE(log.wait_for([&] { return !log.data.empty(); })) << "no data arrived";
  loop.cancel(id);
  loop.cancel(id);  // a second cancel is harmless
  ASSERT_TRUE(log.wait_for([&] { return log.completions > 0; })) << "cancel never completed";
  // Let any stray completion surface before checking there was exactly one.
  std::promise<void> drained;
  loop.post([&] { drained.set_value(); });
  ASSERT_EQ(drained.get_future().wait_for(kDeadline), std::future_status::ready);
  std::lock_guard<std::mutex> lock(log.mutex);
  EXPECT_EQ(log.completions, 1);
  ASSERT_TRUE(log.error);
  EXPECT_EQ(log.error->kind, TransportError::Kind::Cancelled);
}

TEST(EventLoopStream, OnResponseSeesTheErrorStatusAndCanCancel) {
  MiniHttpServer server([](const RecordedRequest&) {
    ScriptedResponse response;
    response.status = 503;
    response.headers = {{"Retry-After", "2"}};
    response.body = "busy";
    return response;
  });
  EventLoop loop(options());
  std::mutex mutex;
  std::condition_variable done;
  long seen_status = 0;
  std::optional<std::string> retry_after;
  std::optional<TransportError> end;
  bool ended = false;
  StreamHandlers handlers;
  handlers.on_response = [&](long status, const std::vector<Header>& headers) {
    std::lock_guard<std::mutex> lock(mutex);
    seen_status = status;
    Response view;
    view.headers = headers;
    retry_after = view.header("retry-after");
    return StreamAction::Cancel;
  };
  handlers.on_data = [](std::string_view) { return StreamAction::Continue; };
  handlers.on_complete = [&](const std::optional<TransportError>& e) {
    std::lock_guard<std::mutex> lock(mutex);
    end = e;
    ended = true;
    done.notify_all();
  };
  Request request;
  request.url = server.url() + "/api/v1/watch";
  loop.open_stream(request, handlers);
  std::unique_lock<std::mutex> lock(mutex);
  ASSERT_TRUE(done.wait_for(lock, kDeadline, [&] { return ended; })) << "the stream never ended";
  EXPECT_EQ(seen_status, 503);
  EXPECT_EQ(retry_after, "2");
  ASSERT_TRUE(end);
  EXPECT_EQ(end->kind, TransportError::Kind::Cancelled);
}

TEST(EventLoopStream, ClosingTheLoopCompletesOpenStreams) {
  MiniHttpServer server([](const RecordedRequest&) {
    ScriptedResponse response;
    response.stream = [](int fd) {
      test::send_all(fd, "data: x\n\n");
      char byte;
      ::recv(fd, &byte, 1, 0);
    };
    return response;
  });
  StreamLog log;
  {
    EventLoop loop(options());
    Request request;
    request.url = server.url();
    loop.open_stream(request, log.handlers());
    ASSERT_TRUE(log.wait_for([&] { return !log.data.empty(); })) << "no data arrived";
  }
  EXPECT_EQ(log.completions, 1);
  ASSERT_TRUE(log.error);
  EXPECT_EQ(log.error->kind, TransportError::Kind::Cancelled);
}

}  // namespace
}  // namespace aviso::http
