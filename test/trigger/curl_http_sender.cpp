#include "curl_http_sender.hpp"

#include <curl/curl.h>

#include <memory>

#include "trigger/tail_buffer.hpp"

namespace aviso::trigger::test {
namespace {

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<TailBuffer*>(user)->append(std::string_view(data, size * count));
  return size * count;
}

}  // namespace

HttpSendResult CurlHttpSender::send(const http::Request& request, std::size_t body_tail_limit) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return HttpSendFailure{HttpSendFailure::Kind::Build, std::nullopt, {}};
  curl_slist* raw_headers = nullptr;
  for (const http::Header& header : request.headers) {
    raw_headers = curl_slist_append(raw_headers, (header.name + ": " + header.value).c_str());
  }
  raw_headers = curl_slist_append(raw_headers, "Expect:");
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(raw_headers,
                                                                      curl_slist_free_all);
  TailBuffer body(body_tail_limit);
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_PROXY, "");
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &body);
  if (!request.body.empty() || request.method != "GET") {
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
  }
  if (request.timeout) {
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout->count()));
  }
  const CURLcode code = curl_easy_perform(handle);
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  if (code == CURLE_OK) {
    http::Response response;
    response.status = status;
    response.body = body.bytes();
    return response;
  }
  HttpSendFailure failure;
  failure.body_tail = body.bytes();
  if (status > 0) failure.status = status;
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      failure.kind = HttpSendFailure::Kind::Timeout;
      break;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_BAD_FUNCTION_ARGUMENT:
      failure.kind = HttpSendFailure::Kind::Build;
      break;
    default:
      failure.kind = HttpSendFailure::Kind::Transport;
      break;
  }
  return failure;
}

}  // namespace aviso::trigger::test
