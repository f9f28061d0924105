#include "http/transfer.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace aviso::http {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                           text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

bool has_location(const std::vector<Header>& headers) {
  return std::any_of(headers.begin(), headers.end(), [](const Header& h) {
    return h.name.size() == 8 && strncasecmp(h.name.c_str(), "location", 8) == 0;
  });
}

// Keeps at most `limit` bytes, the most recent ones. Trims in large steps so a long body costs
// amortised O(1) per byte.
void append_bounded(std::string& body, const char* data, std::size_t size, std::size_t limit) {
  body.append(data, size);
  if (limit != std::numeric_limits<std::size_t>::max() && body.size() > 2 * limit + 4096) {
    body.erase(0, body.size() - limit);
  }
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const size_t length = size * count;
  const std::string_view line(data, length);
  if (line.rfind("HTTP/", 0) == 0) {  // a new status line: a new response block begins
    transfer->response_headers.clear();
    transfer->headers_complete = false;
    transfer->following_redirect = false;
    return length;
  }
  if (trim(line).empty()) {  // end of a header block
    long status = 0;
    curl_easy_getinfo(transfer->easy, CURLINFO_RESPONSE_CODE, &status);
    if (status < 200) return length;  // 1xx interim response: the real one follows
    transfer->status = status;
    transfer->headers_complete = true;
    if (transfer->order.options.max_redirects > 0 && is_redirect_status(status) &&
        has_location(transfer->response_headers)) {
      transfer->following_redirect = true;
      return length;
    }
    if (transfer->order.is_stream && transfer->order.handlers.on_response) {
      if (transfer->order.handlers.on_response(status, transfer->response_headers) ==
          StreamAction::Cancel) {
        transfer->cancelled = true;
        return 0;
      }
    }
    return length;
  }
  const std::size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    transfer->response_headers.push_back(Header{std::string(trim(line.substr(0, colon))),
                                                std::string(trim(line.substr(colon + 1)))});
  }
  return length;
}

constexpr long kRequestReceiveBuffer = 1024;  // curl's least
constexpr long kStreamReceiveBuffer = 16384;  // curl's default (CURL_MAX_WRITE_SIZE)

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const size_t length = size * count;
  if (transfer->following_redirect) return length;  // the 3xx body is of no interest
  if (!transfer->order.is_stream) {
    append_bounded(transfer->body, data, length, transfer->order.options.max_body_bytes);
    return length;
  }
  if (!transfer->order.handlers.on_data) return length;
  switch (transfer->order.handlers.on_data(std::string_view(data, length))) {
    case StreamAction::Continue:
      return length;
    case StreamAction::Pause:
      transfer->paused = true;
      if (transfer->resume_pending && transfer->lift_pause_queue != nullptr) {
        transfer->resume_pending = false;
        transfer->lift_pause_queue->push_back(transfer->order.id);
      }
      return CURL_WRITEFUNC_PAUSE;
    case StreamAction::Cancel:
      transfer->cancelled = true;
      return 0;
  }
  return length;
}

}  // namespace

void configure_client_wide(CURL* easy, const TransportOptions& transport) {
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(easy, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(easy, CURLOPT_USERAGENT, transport.user_agent.c_str());
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
  if (transport.ca_bundle) {
    curl_blob blob{const_cast<char*>(transport.ca_bundle->data()), transport.ca_bundle->size(),
                   CURL_BLOB_NOCOPY};
    curl_easy_setopt(easy, CURLOPT_CAINFO_BLOB, &blob);
  }
  if (transport.danger_accept_invalid_certs) {
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
  }
}

Transfer::~Transfer() {
  curl_easy_cleanup(easy);
  curl_url_cleanup(parsed_url_);  // after the handle that points at it
}

void Transfer::take(TransferOrder&& next) {
  order = std::move(next);
  redirects_followed = 0;
  cancelled = false;
}

void Transfer::configure(const TransportOptions& transport) {
  const Request& request = order.request;
  status = 0;
  response_headers.clear();
  // A response has a handful of headers: one allocation instead of four as they arrive. (A
  // stream keeps its vector for its whole life, so it grows only to what it needs.)
  if (!order.is_stream && response_headers.capacity() == 0) response_headers.reserve(8);
  body.clear();
  headers_complete = false;
  following_redirect = false;
  paused = false;
  resume_pending = false;
  error_buffer_[0] = '\0';

  if (handle_is_blank_) {
    configure_client_wide(easy, transport);
    curl_easy_setopt(easy, CURLOPT_PRIVATE, this);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer_);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, this);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, this);
    configured_url_.clear();
    configured_timeout_ms_ = 0;  // curl's default: no limit
    configured_receive_buffer_ = 0;
    configured_method_.reset();
    handle_is_blank_ = false;
  }
  // curl keeps its own copy of the URL and reads it again at the start of every transfer. A
  // blank handle has none yet, so its first URL is always set, even an empty one.
  if (configured_url_.empty() || configured_url_ != request.url) {
    configure_url(request.url, transport.proxies);
  }
  // 0 is curl's "no limit": a timeout of the previous request on this handle must not stay.
  const long timeout_ms = request.timeout ? static_cast<long>(request.timeout->count()) : 0L;
  if (timeout_ms != configured_timeout_ms_) {
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, timeout_ms);
    configured_timeout_ms_ = timeout_ms;
  }
  // curl allocates its receive buffer for every transfer and frees it at the end. Its default
  // (16 KiB) is past glibc's per-thread cache, so each request paid for a trip through the
  // shared heap; an answer to a one-shot request is a few hundred bytes, and 1 KiB (curl's
  // least) stays in the cache. A stream keeps the default: it reads long runs of events.
  const long receive_buffer = order.is_stream ? kStreamReceiveBuffer : kRequestReceiveBuffer;
  if (receive_buffer != configured_receive_buffer_) {
    curl_easy_setopt(easy, CURLOPT_BUFFERSIZE, receive_buffer);
    configured_receive_buffer_ = receive_buffer;
  }
  configure_method();
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, header_list_.lines_for(request.headers));
}

// Given only CURLOPT_URL, curl parses the URL again at the start of every transfer and prints it
// back out with its own printf, a byte at a time: about 12,000 instructions of a publish's 88,000
// on the I/O thread. Given a parsed URL (CURLOPT_CURLU) it only copies it. The text goes with
// it, so what curl reports about the transfer names the same URL. A URL curl's parser refuses is
// left to CURLOPT_URL alone: the transfer then fails as it always did, with curl's own error.
//
// The proxy follows the URL's scheme. Both proxy options are always set, even to nothing, so
// curl never reads the environment itself (proxy_environment.hpp).
void Transfer::configure_url(const std::string& url, const ProxyEnvironment& proxies) {
  if (parsed_url_ == nullptr) parsed_url_ = curl_url();
  const bool parsed = parsed_url_ != nullptr &&
                      curl_url_set(parsed_url_, CURLUPART_URL, url.c_str(),
                                   CURLU_GUESS_SCHEME | CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK;
  curl_easy_setopt(easy, CURLOPT_CURLU, parsed ? parsed_url_ : nullptr);
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  configured_url_ = url;

  char* scheme = nullptr;
  if (parsed) curl_url_get(parsed_url_, CURLUPART_SCHEME, &scheme, 0);
  curl_easy_setopt(easy, CURLOPT_PROXY, proxies.proxy_for(scheme != nullptr ? scheme : "").c_str());
  curl_free(scheme);
  curl_easy_setopt(easy, CURLOPT_NOPROXY, proxies.no_proxy.c_str());
}

void Transfer::configure_method() {
  const Request& request = order.request;
  const bool sends_body = !request.body.empty() || request.method == "POST";
  if (!configured_method_ || configured_method_->first != request.method ||
      configured_method_->second != sends_body) {
    // The previous request's body is gone: the handle must not point at it. POSTFIELDS also
    // makes the handle a POST, so HTTPGET follows to put it back to a plain GET whatever the
    // previous request was; a body then makes it a POST, and CUSTOMREQUEST names any other
    // method (or is cleared).
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, nullptr);
    curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    const bool named_by_curl =
        (request.method == "GET" && request.body.empty()) || request.method == "POST";
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, named_by_curl ? nullptr : request.method.c_str());
    configured_method_.emplace(request.method, sends_body);
  }
  // The body changes with every request, and curl reads it from where it lies.
  if (sends_body) {
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
  }
}

void Transfer::clear_for_reuse() {
  order.request = Request{};
  order.done = nullptr;
  order.handlers = StreamHandlers{};
  response_headers.clear();
  std::string().swap(body);
  lift_pause_queue = nullptr;
  if (order.is_stream) {
    curl_easy_reset(easy);
    handle_is_blank_ = true;
  }
}

std::string Transfer::take_body() {
  std::string taken = std::move(body);
  const std::size_t limit = order.options.max_body_bytes;
  if (taken.size() > limit) taken.erase(0, taken.size() - limit);
  return taken;
}

TransportError Transfer::failure(CURLcode code) const {
  TransportError error;
  std::string detail = curl_easy_strerror(code);
  if (error_buffer_[0] != '\0') detail += ": " + std::string(error_buffer_);
  error.message = detail + " (" + order.request.method + " " + order.request.url + ")";
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
      error.kind = TransportError::Kind::Connect;
      break;
    case CURLE_OPERATION_TIMEDOUT:
      error.kind = TransportError::Kind::Timeout;
      break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
      error.kind = TransportError::Kind::Tls;
      break;
    case CURLE_SEND_ERROR:
      error.kind = TransportError::Kind::Send;
      break;
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      error.kind = TransportError::Kind::Receive;
      break;
    default:
      error.kind = TransportError::Kind::Other;
      break;
  }
  // Whether any request byte left: curl counts the bytes of every request it issued.
  long request_size = 0;
  curl_easy_getinfo(easy, CURLINFO_REQUEST_SIZE, &request_size);
  error.request_sent = request_size > 0;
  return error;
}

}  // namespace aviso::http
