// One curl easy handle and the transfer it runs on the event loop: the Request bound to it, the
// response being assembled, and (for streams) the user's handlers. Used only by the loop thread.
//
// The loop keeps a Transfer with its handle from one request to the next (a small pool), so
// starting a request on a kept handle costs the few options that changed, not an allocation, a
// dozen options set and another half dozen unset: for a small request such as a publish, that
// bookkeeping is a measurable share of the one I/O thread's time.
#pragma once

#include <curl/curl.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http/header_list.hpp"
#include "http/transport_types.hpp"

namespace aviso::http {

// What a caller asks the loop to run: a one-shot request or a stream.
struct TransferOrder {
  std::uint64_t id = 0;  // the StreamId for streams, a private number for one-shot requests
  bool is_stream = false;
  Request request;
  RequestOptions options;
  std::function<void(Result)> done;  // one-shot
  StreamHandlers handlers;           // stream
};

struct Transfer {
  // Takes ownership of `handle`, a new one from curl_easy_init.
  explicit Transfer(CURL* handle) : easy(handle) {}
  ~Transfer();
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  TransferOrder order;  // the one being run; its request is the current hop of a redirect
  int redirects_followed = 0;

  CURL* const easy;
  // Where this transfer sits in the loop's list of running one-shot requests.
  std::size_t running_index = 0;

  // The response being received. Reset for every redirect hop.
  long status = 0;
  std::vector<Header> response_headers;
  std::string body;
  bool headers_complete = false;
  bool following_redirect = false;
  bool paused = false;
  bool cancelled = false;
  // A resume() that arrived while the transfer was not paused (another thread freed room before
  // on_data asked for the pause). The next Pause is then lifted at once instead of waiting for
  // a resume() that already happened: a wake-up is never lost.
  bool resume_pending = false;
  // Where on_body reports a Pause that must be lifted at once (the loop's list).
  std::vector<std::uint64_t>* lift_pause_queue = nullptr;

  // Moves the order in. The handle is not touched until configure().
  void take(TransferOrder&& next);

  // Binds `request` to the handle and resets the response state. Options that stay the same
  // from one request to the next (the client-wide ones, the callbacks and their data pointing at
  // this object, and the URL, timeout and method when unchanged) are set only when the handle is
  // new or was reset, or when they change; everything a request sets is set, so nothing of the
  // previous request carries over.
  void configure(const TransportOptions& transport);

  // Drops the finished order (its request, callbacks and response) so a kept transfer holds no
  // memory or captured state of a finished one. A stream's handle may have been paused or
  // cancelled mid-body: it is reset, so nothing of that is left behind.
  void clear_for_reuse();

  // True until configure() has set the options a reset or new handle lacks.
  bool handle_is_blank() const { return handle_is_blank_; }

  // The body received, moved out: its last max_body_bytes bytes (it is kept only roughly bounded
  // while it arrives).
  std::string take_body();

  // The transport error for a finished transfer whose curl result was not CURLE_OK.
  TransportError failure(CURLcode code) const;

 private:
  void configure_method();
  void configure_url(const std::string& url, const ProxyEnvironment& proxies);

  bool handle_is_blank_ = true;
  HeaderList header_list_;  // the handle's, rebuilt only when the headers change
  char error_buffer_[CURL_ERROR_SIZE] = {};
  // The handle's URL, parsed when it changes and handed to curl with CURLOPT_CURLU (unless curl's
  // parser refused it); null until the handle's first URL.
  CURLU* parsed_url_ = nullptr;
  // What the handle was last given, so an unchanged option is not set again.
  std::string configured_url_;
  long configured_timeout_ms_ = 0;
  long configured_receive_buffer_ = 0;  // 0: curl's default
  // The method and whether it sends a body; none: what the handle would send is unknown.
  std::optional<std::pair<std::string, bool>> configured_method_;
};

}  // namespace aviso::http
