#include "notify/libcurl_floor.hpp"

#include <curl/curl.h>

#include <chrono>
#include <stdexcept>
#include <vector>

#include "support/cpu_time.hpp"

namespace aviso::bench {
namespace {

size_t discard(char*, size_t size, size_t count, void*) { return size * count; }

// One multi handle with `concurrency` easy handles, each re-added as soon as it completes: the
// loop libcurl's documentation describes, with curl_multi_poll doing the waiting.
class Driver {
 public:
  Driver(const std::string& url, const std::string& body, const std::string& user_agent,
         std::size_t concurrency)
      : multi_(curl_multi_init()) {
    headers_ = curl_slist_append(headers_, "Content-Type: application/json");
    headers_ = curl_slist_append(headers_, "Accept: application/json");
    headers_ = curl_slist_append(headers_, "Expect:");
    for (std::size_t i = 0; i < concurrency; ++i) {
      CURL* easy = curl_easy_init();
      curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
      curl_easy_setopt(easy, CURLOPT_POSTFIELDS, body.c_str());
      curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
      curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers_);
      curl_easy_setopt(easy, CURLOPT_USERAGENT, user_agent.c_str());
      curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
      curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, discard);
      handles_.push_back(easy);
      curl_multi_add_handle(multi_, easy);
    }
  }
  ~Driver() {
    for (CURL* easy : handles_) {
      curl_multi_remove_handle(multi_, easy);
      curl_easy_cleanup(easy);
    }
    curl_multi_cleanup(multi_);
    curl_slist_free_all(headers_);
  }
  Driver(const Driver&) = delete;
  Driver& operator=(const Driver&) = delete;

  // Runs until `completions` more requests finished; returns how many did.
  std::size_t run_until(std::size_t completions, std::chrono::steady_clock::time_point deadline) {
    std::size_t done = 0;
    while (done < completions && std::chrono::steady_clock::now() < deadline) {
      int running = 0;
      curl_multi_perform(multi_, &running);
      int queued = 0;
      while (CURLMsg* message = curl_multi_info_read(multi_, &queued)) {
        if (message->msg != CURLMSG_DONE) continue;
        CURL* easy = message->easy_handle;
        long status = 0;
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        if (message->data.result != CURLE_OK || status != 200) {
          throw std::runtime_error("libcurl floor: a request failed (HTTP " +
                                   std::to_string(status) + ", " +
                                   curl_easy_strerror(message->data.result) + ")");
        }
        ++done;
        curl_multi_remove_handle(multi_, easy);
        curl_multi_add_handle(multi_, easy);
      }
      curl_multi_poll(multi_, nullptr, 0, 100, nullptr);
    }
    return done;
  }

 private:
  CURLM* multi_;
  curl_slist* headers_ = nullptr;
  std::vector<CURL*> handles_;
};

}  // namespace

FloorMeasure libcurl_floor(const std::string& url, const std::string& body,
                           const std::string& user_agent, std::size_t concurrency, double seconds) {
  Driver driver(url, body, user_agent, concurrency);
  const auto far = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  driver.run_until(concurrency, far);  // open the connections
  const double cpu_before = cpu_seconds(RUSAGE_THREAD);
  const auto start = std::chrono::steady_clock::now();
  const auto end = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                               std::chrono::duration<double>(seconds));
  const std::size_t done = driver.run_until(static_cast<std::size_t>(-1), end);
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = cpu_seconds(RUSAGE_THREAD) - cpu_before;
  if (done == 0) throw std::runtime_error("libcurl floor: no request completed");
  return FloorMeasure{static_cast<double>(done) / elapsed, cpu * 1e6 / static_cast<double>(done)};
}

}  // namespace aviso::bench
