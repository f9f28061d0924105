// One transfer on the event loop: a Request bound to a curl easy handle, the response being
// assembled, and (for streams) the user's handlers. Used only by the loop thread.
#pragma once

#include <curl/curl.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/header_list.hpp"
#include "http/transport_types.hpp"

namespace aviso::http {

struct Transfer {
  std::uint64_t id = 0;  // the StreamId for streams, a private number for one-shot requests
  bool is_stream = false;
  Request request;
  RequestOptions options;
  int redirects_followed = 0;
  std::function<void(Result)> done;  // one-shot
  StreamHandlers handlers;           // stream

  CURL* easy = nullptr;
  std::unique_ptr<HeaderList> header_list;  // the handle's, lent for the transfer
  char error_buffer[CURL_ERROR_SIZE] = {};

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

  // Binds `request` to `easy`. Resets the response state. The client-wide options are set only
  // when `handle_is_blank` (a new or reset handle): a handle that ran a one-shot request keeps
  // them, and every per-request option is set each time, so nothing of the previous request
  // carries over. Skipping curl_easy_reset and a dozen constant options is a measurable share of
  // the CPU a small request costs (notify_many).
  void configure(CURL* handle, const TransportOptions& transport, bool handle_is_blank);
  // Unhooks the handle from this transfer; the easy handle then goes back to the loop's pool.
  void unbind_handle();

  // The transport error for a finished transfer whose curl result was not CURLE_OK.
  TransportError failure(CURLcode code) const;
};

}  // namespace aviso::http
