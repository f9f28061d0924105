#include "http/event_loop.hpp"

#include <curl/curl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <map>
#include <mutex>
#include <optional>
#include <queue>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <variant>
#include <vector>

#include "http/transfer.hpp"

namespace aviso::http {
namespace {

using Clock = std::chrono::steady_clock;

void ensure_curl_initialised() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

TransportError cancelled_error(const std::string& why) {
  TransportError error;
  error.kind = TransportError::Kind::Cancelled;
  error.message = why;
  error.request_sent = false;
  return error;
}

}  // namespace

struct EventLoop::Impl {
  explicit Impl(TransportOptions transport_options) : options(std::move(transport_options)) {}
  ~Impl() {
    // curl may still call on_socket while cleaning up: the epoll set goes last.
    if (multi != nullptr) curl_multi_cleanup(multi);
    if (wake_fd >= 0) ::close(wake_fd);
    if (epoll_fd >= 0) ::close(epoll_fd);
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  TransportOptions options;
  CURLM* multi = nullptr;
  std::thread thread;
  std::atomic<std::thread::id> loop_thread_id{};  // set by run() itself: no race with the ctor

  // Commands from any thread, executed on the loop thread in call order. A request to start
  // travels as itself rather than wrapped in a function: the wrapping costs two allocations per
  // request (a shared holder, since std::function must be copyable, and the closure).
  using Command = std::variant<std::function<void()>, TransferOrder>;
  std::mutex mutex;
  std::vector<Command> commands;
  std::vector<Command> taken_commands;  // loop thread: the batch being run, capacity kept
  static constexpr std::size_t kKeptCommandRoom = 256;  // commands, a notify_many window's worth
  // Set by the first enqueue after the loop last looked at the commands: later ones skip the
  // eventfd write, since the loop is already bound to wake up and take them all.
  std::atomic<bool> wake_signalled{false};
  bool stopping = false;                                     // guarded by mutex
  std::map<CloseHookId, std::function<void()>> close_hooks;  // guarded by mutex
  std::atomic<std::uint64_t> next_id{1};

  // Readiness of curl's sockets and of the cross-thread wake-up (an eventfd in the same set).
  // curl tells which sockets it wants watched (on_socket) and when it next needs a call
  // (on_curl_timer); a wake-up then costs work only for the sockets that are ready, however many
  // idle watch connections the client holds.
  int epoll_fd = -1;
  int wake_fd = -1;
  std::optional<Clock::time_point> curl_deadline;

  // Loop-thread state only.

  // Running transfers: streams by id (resume and cancel name them), one-shot requests in a
  // list (nothing names them; each knows its place, so leaving the list is a swap).
  std::unordered_map<std::uint64_t, std::unique_ptr<Transfer>> streams;
  std::vector<std::unique_ptr<Transfer>> requests;
  // Finished transfers kept with their handles for the next request.
  std::vector<std::unique_ptr<Transfer>> idle_transfers;
  // Streams whose Pause answers a resume() that came first; lifted after the current callback.
  std::vector<std::uint64_t> pauses_to_lift;
  bool shutting_down = false;
  // Pending timers by due time, and where each one sits in that order, so that cancelling a
  // timer removes it at once: a cancelled one left to expire would hold its node until its due
  // time, and a watch that re-arms a watchdog often would pile them up.
  using TimerQueue = std::multimap<Clock::time_point, std::pair<TimerId, std::function<void()>>>;
  TimerQueue timer_queue;
  std::unordered_map<TimerId, TimerQueue::iterator> timer_positions;

  void enqueue(Command command) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      commands.push_back(std::move(command));
    }
    // From the loop thread itself (a completion submitting the next request) no wake-up is
    // needed: run() looks at the commands again before it waits. Skipping it saves a write and
    // a read of the eventfd per request.
    if (std::this_thread::get_id() != loop_thread_id.load()) wake();
  }

  void wake() {
    if (wake_signalled.exchange(true)) return;
    const std::uint64_t one = 1;
    // Cannot fail short of a counter overflow, which the flag above rules out.
    [[maybe_unused]] const ssize_t written = ::write(wake_fd, &one, sizeof one);
  }

  void drain_wake_fd() {
    std::uint64_t count = 0;
    [[maybe_unused]] const ssize_t got = ::read(wake_fd, &count, sizeof count);
  }

  // What the epoll set holds for one socket, and what curl currently waits for on it.
  struct Watched {
    bool opened_here = false;  // by on_open, so its closing passes through on_close
    bool in_set = false;
    std::uint32_t registered = 0;  // the events the epoll set watches
    std::uint32_t wanted = 0;      // the events curl waits for; 0 after CURL_POLL_REMOVE
  };
  std::vector<Watched> watched;  // indexed by socket descriptor

  Watched& watched_slot(curl_socket_t socket) {
    const auto index = static_cast<std::size_t>(socket);
    if (index >= watched.size()) watched.resize(std::max<std::size_t>(index + 1, 64) * 2);
    return watched[index];
  }

  void set_registered(curl_socket_t socket, Watched& slot, std::uint32_t events) {
    epoll_event event{};
    event.events = events;
    event.data.fd = socket;
    const int operation = slot.in_set ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    if (epoll_ctl(epoll_fd, operation, socket, &event) != 0) {
      // Out of step with the kernel (it drops a closed socket by itself): the other one fits.
      epoll_ctl(epoll_fd, operation == EPOLL_CTL_ADD ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, socket,
                &event);
    }
    slot.in_set = true;
    slot.registered = events;
  }

  void unregister(curl_socket_t socket, Watched& slot) {
    if (slot.in_set) epoll_ctl(epoll_fd, EPOLL_CTL_DEL, socket, nullptr);
    slot.in_set = false;
    slot.registered = 0;
    slot.wanted = 0;
  }

  // CURLMOPT_SOCKETFUNCTION. curl removes a kept-alive connection's socket when a request ends
  // and adds it back when the next request reuses it: two epoll_ctl calls per request if
  // followed literally. Instead a removed socket stays in the set until it either reports an
  // event curl no longer wants (then it leaves the set, see dispatch) or is closed (on_close), so
  // the common add-after-remove with the same events costs no system call.
  static int on_socket(CURL*, curl_socket_t socket, int what, void* user, void*) {
    auto* impl = static_cast<Impl*>(user);
    Watched& slot = impl->watched_slot(socket);
    std::uint32_t events = 0;
    if (what != CURL_POLL_REMOVE) {
      if ((what & CURL_POLL_IN) != 0) events |= EPOLLIN;
      if ((what & CURL_POLL_OUT) != 0) events |= EPOLLOUT;
    }
    slot.wanted = events;
    // Other sockets (the resolver's wake-up pair) are closed without telling us: follow curl.
    if (events == 0 && !slot.opened_here) impl->unregister(socket, slot);
    if (events != 0 && (!slot.in_set || slot.registered != events)) {
      impl->set_registered(socket, slot, events);
    }
    return 0;
  }

  // CURLOPT_OPENSOCKETFUNCTION: every connection socket; close-on-exec, so a trigger's child
  // process never holds one of the client's connections open.
  static curl_socket_t on_open(void* user, curlsocktype, curl_sockaddr* address) {
    auto* impl = static_cast<Impl*>(user);
    const int socket =
        ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
    if (socket < 0) return CURL_SOCKET_BAD;
    Watched& slot = impl->watched_slot(socket);
    slot = Watched{};  // a new socket is in no epoll set, whatever its number held before
    slot.opened_here = true;
    return socket;
  }

  // CURLOPT_CLOSESOCKETFUNCTION: a socket leaves the set before it is closed. The kernel would
  // drop it by itself only if no other process holds a copy of it (a trigger forked meanwhile
  // may), and the descriptor number is reused by the next socket.
  static int on_close(void* user, curl_socket_t socket) {
    auto* impl = static_cast<Impl*>(user);
    Watched& slot = impl->watched_slot(socket);
    impl->unregister(socket, slot);
    slot.opened_here = false;
    return ::close(socket);
  }

  // One readiness report from epoll, passed to curl for the events it waits for.
  void dispatch(curl_socket_t socket, std::uint32_t events) {
    Watched& slot = watched_slot(socket);
    if (slot.wanted == 0) {
      // Idle (a kept-alive connection between requests, a paused stream): nothing to tell curl,
      // and leaving it in the set would report it again on every wait.
      unregister(socket, slot);
      return;
    }
    // A hang-up is read like data so curl sees the end of the stream.
    if ((events & EPOLLHUP) != 0) events |= slot.wanted & EPOLLIN;
    int flags = 0;
    if ((events & slot.wanted & EPOLLIN) != 0) flags |= CURL_CSELECT_IN;
    if ((events & slot.wanted & EPOLLOUT) != 0) flags |= CURL_CSELECT_OUT;
    if ((events & EPOLLERR) != 0) flags |= CURL_CSELECT_ERR;
    // Level-triggered: an event curl does not wait for would come back on every wait.
    if ((events & (EPOLLIN | EPOLLOUT) & ~slot.wanted) != 0) {
      set_registered(socket, slot, slot.wanted);
    }
    if (flags != 0) socket_action(socket, flags);
  }

  // CURLMOPT_TIMERFUNCTION: when curl next wants curl_multi_socket_action(CURL_SOCKET_TIMEOUT).
  // Only recorded here: run() makes the call (curl must not be re-entered from this callback).
  static int on_curl_timer(CURLM*, long timeout_ms, void* user) {
    auto* impl = static_cast<Impl*>(user);
    if (timeout_ms < 0) {
      impl->curl_deadline.reset();
    } else {
      impl->curl_deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    }
    return 0;
  }

  std::unique_ptr<Transfer> acquire_transfer() {
    if (!idle_transfers.empty()) {
      std::unique_ptr<Transfer> transfer = std::move(idle_transfers.back());
      idle_transfers.pop_back();
      return transfer;
    }
    CURL* easy = curl_easy_init();
    if (easy == nullptr) return nullptr;
    return std::make_unique<Transfer>(easy);
  }

  void release_transfer(std::unique_ptr<Transfer> transfer) {
    transfer->clear_for_reuse();
    // A small pool: enough to serve a burst of concurrent requests without new handles.
    if (idle_transfers.size() < 128) idle_transfers.push_back(std::move(transfer));
  }

  // An order that cannot start gets its answer at once.
  static void reject(TransferOrder& order, const TransportError& error) {
    if (order.is_stream) {
      if (order.handlers.on_complete) order.handlers.on_complete(error);
    } else if (order.done) {
      Result result;
      result.error = error;
      order.done(std::move(result));
    }
  }

  void start(TransferOrder order) {
    if (shutting_down) {
      reject(order, cancelled_error("the client was closed"));
      return;
    }
    std::unique_ptr<Transfer> transfer = acquire_transfer();
    if (!transfer) {
      reject(order, cancelled_error("could not allocate a transfer"));
      return;
    }
    transfer->take(std::move(order));
    launch(std::move(transfer));
  }

  // Hands a transfer holding its order (a new one, or the next hop of a redirect) to curl.
  void launch(std::unique_ptr<Transfer> transfer) {
    if (transfer->handle_is_blank()) {
      curl_easy_setopt(transfer->easy, CURLOPT_OPENSOCKETFUNCTION, &Impl::on_open);
      curl_easy_setopt(transfer->easy, CURLOPT_OPENSOCKETDATA, this);
      curl_easy_setopt(transfer->easy, CURLOPT_CLOSESOCKETFUNCTION, &Impl::on_close);
      curl_easy_setopt(transfer->easy, CURLOPT_CLOSESOCKETDATA, this);
    }
    transfer->configure(options);
    transfer->lift_pause_queue = &pauses_to_lift;
    curl_multi_add_handle(multi, transfer->easy);
    if (transfer->order.is_stream) {
      const std::uint64_t id = transfer->order.id;
      streams.emplace(id, std::move(transfer));
    } else {
      transfer->running_index = requests.size();
      requests.push_back(std::move(transfer));
    }
  }

  // Detaches a running transfer from curl and returns it.
  std::unique_ptr<Transfer> detach(Transfer& running) {
    std::unique_ptr<Transfer> transfer;
    if (running.order.is_stream) {
      auto found = streams.find(running.order.id);
      if (found == streams.end()) return nullptr;
      transfer = std::move(found->second);
      streams.erase(found);
    } else {
      const std::size_t index = running.running_index;
      if (index >= requests.size() || requests[index].get() != &running) return nullptr;
      transfer = std::move(requests[index]);
      if (index + 1 != requests.size()) {
        requests[index] = std::move(requests.back());
        requests[index]->running_index = index;
      }
      requests.pop_back();
    }
    curl_multi_remove_handle(multi, transfer->easy);
    return transfer;
  }

  std::unique_ptr<Transfer> detach_stream(std::uint64_t id) {
    auto found = streams.find(id);
    return found == streams.end() ? nullptr : detach(*found->second);
  }

  // Reports the end of a transfer to its owner. The transfer is already detached from curl.
  // The transfer goes back to the pool before the owner hears of it, so a request the owner
  // starts from its callback can run on the same handle.
  void finish(std::unique_ptr<Transfer> transfer, std::optional<TransportError> error) {
    if (transfer->order.is_stream) {
      auto on_complete = std::move(transfer->order.handlers.on_complete);
      release_transfer(std::move(transfer));
      if (on_complete) on_complete(error);
      return;
    }
    Result result;
    if (error) {
      result.error = std::move(error);
    } else {
      Response response;
      response.status = transfer->status;
      response.headers = std::move(transfer->response_headers);
      response.body = transfer->take_body();
      result.response = std::move(response);
    }
    auto done = std::move(transfer->order.done);
    release_transfer(std::move(transfer));
    if (done) done(std::move(result));
  }

  void on_transfer_done(CURL* easy, CURLcode code) {
    Transfer* raw = nullptr;
    curl_easy_getinfo(easy, CURLINFO_PRIVATE, &raw);
    if (raw == nullptr) return;
    std::unique_ptr<Transfer> transfer = detach(*raw);
    if (!transfer) return;

    if (transfer->cancelled) {
      finish(std::move(transfer), cancelled_error("transfer cancelled"));
      return;
    }
    if (code != CURLE_OK) {
      TransportError error = transfer->failure(code);
      if (transfer->headers_complete && !transfer->following_redirect) {
        error.status = transfer->status;
        error.partial_body = transfer->take_body();
      }
      finish(std::move(transfer), std::move(error));
      return;
    }
    if (transfer->following_redirect) {
      follow_redirect(std::move(transfer));
      return;
    }
    finish(std::move(transfer), std::nullopt);
  }

  void follow_redirect(std::unique_ptr<Transfer> transfer) {
    char* location = nullptr;
    curl_easy_getinfo(transfer->easy, CURLINFO_REDIRECT_URL, &location);
    const std::string target = location != nullptr ? location : "";
    TransportError error;
    error.kind = TransportError::Kind::Redirect;
    if (transfer->redirects_followed >= transfer->order.options.max_redirects) {
      error.message = "too many redirects (more than " +
                      std::to_string(transfer->order.options.max_redirects) + ") from " +
                      transfer->order.request.url;
      finish(std::move(transfer), std::move(error));
      return;
    }
    std::optional<Request> next =
        redirected_request(transfer->order.request, transfer->status, target);
    if (!next) {
      error.message = "redirect from " + transfer->order.request.url +
                      " to an unsupported location '" + target + "'";
      finish(std::move(transfer), std::move(error));
      return;
    }
    transfer->order.request = std::move(*next);
    ++transfer->redirects_followed;
    launch(std::move(transfer));
  }

  // Unpausing may call on_data at once with the held-back bytes; if it pauses again, the stream
  // waits for the next resume() like any other pause.
  void unpause(std::uint64_t id) {
    auto found = streams.find(id);
    if (found == streams.end()) return;
    Transfer& transfer = *found->second;
    if (!transfer.paused) {
      transfer.resume_pending = true;
      return;
    }
    transfer.paused = false;
    transfer.resume_pending = false;
    curl_easy_pause(transfer.easy, CURLPAUSE_CONT);
  }

  void lift_pending_pauses() {
    while (!pauses_to_lift.empty()) {
      std::vector<std::uint64_t> ids;
      ids.swap(pauses_to_lift);
      for (std::uint64_t id : ids) {
        auto found = streams.find(id);
        if (found == streams.end() || !found->second->paused) continue;
        found->second->paused = false;
        curl_easy_pause(found->second->easy, CURLPAUSE_CONT);
      }
    }
  }

  void run_due_timers() {
    const Clock::time_point now = Clock::now();
    while (!timer_queue.empty() && timer_queue.begin()->first <= now) {
      // Out of both containers before it runs: it may schedule or cancel timers itself.
      TimerQueue::node_type due = timer_queue.extract(timer_queue.begin());
      timer_positions.erase(due.mapped().first);
      due.mapped().second();
    }
  }

  void add_timer(TimerId id, Clock::time_point due, std::function<void()> fn) {
    timer_positions.emplace(id, timer_queue.emplace(due, std::make_pair(id, std::move(fn))));
  }

  void remove_timer(TimerId id) {
    const auto found = timer_positions.find(id);
    if (found == timer_positions.end()) return;  // already run, or cancelled before
    timer_queue.erase(found->second);
    timer_positions.erase(found);
  }

  void clear_timers() {
    timer_positions.clear();
    timer_queue.clear();
  }

  int wait_timeout_ms() const {
    std::optional<Clock::time_point> next = curl_deadline;
    if (!timer_queue.empty() && (!next || timer_queue.begin()->first < *next)) {
      next = timer_queue.begin()->first;
    }
    if (!next) return 1000;
    const Clock::duration remaining = *next - Clock::now();
    // Something due now must not wait at all: curl asks for a call "in 0 ms" after every
    // unpause, and a millisecond's sleep there would throttle a paused-and-resumed stream.
    if (remaining <= Clock::duration::zero()) return 0;
    // Rounded up: waking a millisecond early would only find nothing due and wait again.
    const auto until = std::chrono::ceil<std::chrono::milliseconds>(remaining).count();
    return static_cast<int>(std::clamp<long>(until, 1, 1000));
  }

  void socket_action(curl_socket_t socket, int events) {
    int running = 0;
    curl_multi_socket_action(multi, socket, events, &running);
  }

  void run_curl_timeout_if_due() {
    if (curl_deadline && *curl_deadline <= Clock::now()) {
      curl_deadline.reset();
      socket_action(CURL_SOCKET_TIMEOUT, 0);
    }
  }

  void report_finished_transfers() {
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
      if (message->msg == CURLMSG_DONE) {
        on_transfer_done(message->easy_handle, message->data.result);
      }
    }
  }

  void wait_and_dispatch() {
    std::array<epoll_event, 256> ready{};
    const int count =
        epoll_wait(epoll_fd, ready.data(), static_cast<int>(ready.size()), wait_timeout_ms());
    for (int i = 0; i < count; ++i) {
      const epoll_event& event = ready[static_cast<std::size_t>(i)];
      if (event.data.fd == wake_fd) {
        drain_wake_fd();
        continue;
      }
      dispatch(event.data.fd, event.events);
    }
  }

  void run_taken_commands() {
    for (Command& command : taken_commands) {
      if (auto* order = std::get_if<TransferOrder>(&command)) {
        start(std::move(*order));
      } else {
        std::get<std::function<void()>>(command)();
      }
    }
    taken_commands.clear();
    // A command holds a whole request (about 300 bytes), and the two lists trade places on every
    // pass: after a burst (1,000 watches opened at once) they would keep room for it for good.
    if (taken_commands.capacity() > kKeptCommandRoom) std::vector<Command>().swap(taken_commands);
  }

  void run() {
    loop_thread_id = std::this_thread::get_id();
    while (true) {
      bool stop = false;
      // Cleared before taking the commands: one enqueued after this point writes the eventfd.
      wake_signalled.store(false);
      {
        std::lock_guard<std::mutex> lock(mutex);
        taken_commands.swap(commands);
        stop = stopping;
      }
      run_taken_commands();
      if (stop) break;

      run_due_timers();
      run_curl_timeout_if_due();
      report_finished_transfers();
      // Unpausing makes curl ask for a call at once (through on_curl_timer): the wait below
      // then does not sleep.
      lift_pending_pauses();
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (!commands.empty() || stopping) continue;
      }
      wait_and_dispatch();
      report_finished_transfers();
    }
    shutdown();
  }

  void shutdown() {
    // Every submission gets an answer, including those queued by callbacks while shutting down:
    // new transfers finish as cancelled at once, running ones are cancelled, until nothing is left.
    shutting_down = true;
    clear_timers();
    while (true) {
      {
        std::lock_guard<std::mutex> lock(mutex);
        taken_commands.swap(commands);
      }
      if (taken_commands.empty() && streams.empty() && requests.empty()) break;
      run_taken_commands();
      // A finish may start or cancel others (its owner's callback): those are commands, run by
      // the next pass, and new orders are refused now.
      while (!streams.empty() || !requests.empty()) {
        Transfer& next = !requests.empty() ? *requests.back() : *streams.begin()->second;
        finish(detach(next), cancelled_error("the client was closed"));
      }
    }
    clear_timers();
    idle_transfers.clear();  // curl_easy_cleanup, before the multi handle goes
  }
};

EventLoop::EventLoop(TransportOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  ensure_curl_initialised();
  impl_->multi = curl_multi_init();
  impl_->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  impl_->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (impl_->multi == nullptr || impl_->epoll_fd < 0 || impl_->wake_fd < 0) {
    throw std::system_error(errno, std::generic_category(), "cannot create the HTTP event loop");
  }
  epoll_event wake_event{};
  wake_event.events = EPOLLIN;
  wake_event.data.fd = impl_->wake_fd;
  epoll_ctl(impl_->epoll_fd, EPOLL_CTL_ADD, impl_->wake_fd, &wake_event);
  curl_multi_setopt(impl_->multi, CURLMOPT_SOCKETFUNCTION, &Impl::on_socket);
  curl_multi_setopt(impl_->multi, CURLMOPT_SOCKETDATA, impl_.get());
  curl_multi_setopt(impl_->multi, CURLMOPT_TIMERFUNCTION, &Impl::on_curl_timer);
  curl_multi_setopt(impl_->multi, CURLMOPT_TIMERDATA, impl_.get());
  // Idle keep-alive connections worth keeping: a burst of notify_many at concurrency 64 plus a
  // few watches.
  curl_multi_setopt(impl_->multi, CURLMOPT_MAXCONNECTS, 256L);
  impl_->thread = std::thread([impl = impl_.get()] { impl->run(); });
}

EventLoop::~EventLoop() {
  // Hooks may remove themselves (from the loop thread) while they run: take them out first.
  std::map<CloseHookId, std::function<void()>> hooks;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    hooks.swap(impl_->close_hooks);
  }
  for (auto& entry : hooks) entry.second();
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->wake();
  if (impl_->thread.joinable()) impl_->thread.join();
}

void EventLoop::post(std::function<void()> fn) { impl_->enqueue(std::move(fn)); }

TimerId EventLoop::schedule(std::chrono::milliseconds delay, std::function<void()> fn) {
  const TimerId id = impl_->next_id.fetch_add(1);
  const auto due = Clock::now() + delay;
  impl_->enqueue([impl = impl_.get(), id, due, fn = std::move(fn)]() mutable {
    impl->add_timer(id, due, std::move(fn));
  });
  return id;
}

void EventLoop::cancel_timer(TimerId id) {
  impl_->enqueue([impl = impl_.get(), id] { impl->remove_timer(id); });
}

void EventLoop::submit(Request request, RequestOptions options, std::function<void(Result)> done) {
  TransferOrder order;
  order.id = impl_->next_id.fetch_add(1);
  order.request = std::move(request);
  order.options = options;
  order.done = std::move(done);
  impl_->enqueue(std::move(order));
}

std::future<Result> EventLoop::submit(Request request, RequestOptions options) {
  auto promise = std::make_shared<std::promise<Result>>();
  std::future<Result> future = promise->get_future();
  submit(std::move(request), options,
         [promise](Result result) { promise->set_value(std::move(result)); });
  return future;
}

StreamId EventLoop::open_stream(Request request, StreamHandlers handlers, RequestOptions options) {
  TransferOrder order;
  const StreamId id = impl_->next_id.fetch_add(1);
  order.id = id;
  order.is_stream = true;
  order.request = std::move(request);
  order.options = options;
  order.handlers = std::move(handlers);
  impl_->enqueue(std::move(order));
  return id;
}

void EventLoop::resume(StreamId id) {
  impl_->enqueue([impl = impl_.get(), id] { impl->unpause(id); });
}

void EventLoop::cancel(StreamId id) {
  impl_->enqueue([impl = impl_.get(), id] {
    if (std::unique_ptr<Transfer> transfer = impl->detach_stream(id)) {
      impl->finish(std::move(transfer), cancelled_error("stream cancelled"));
    }
  });
}

CloseHookId EventLoop::add_close_hook(std::function<void()> hook) {
  const CloseHookId id = impl_->next_id.fetch_add(1);
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->close_hooks.emplace(id, std::move(hook));
  return id;
}

void EventLoop::remove_close_hook(CloseHookId id) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->close_hooks.erase(id);
}

bool EventLoop::on_loop_thread() const {
  return std::this_thread::get_id() == impl_->thread.get_id();
}

const TransportOptions& EventLoop::options() const { return impl_->options; }

}  // namespace aviso::http
