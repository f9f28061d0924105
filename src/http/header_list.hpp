// The request headers in the form curl reads them (a curl_slist), kept with an easy handle from
// one request to the next. Consecutive requests on a handle nearly always send the same headers
// (every publish of a notify_many batch does), so the list is rebuilt only when they change:
// building it costs two allocations per header for every request otherwise.
#pragma once

#include <curl/curl.h>

#include <vector>

#include "http/http_message.hpp"

namespace aviso::http {

class HeaderList {
 public:
  HeaderList() = default;
  ~HeaderList();
  HeaderList(const HeaderList&) = delete;
  HeaderList& operator=(const HeaderList&) = delete;

  // The list for `headers`, preceded by "Expect:" (no 100-continue round trip for larger
  // bodies). A header with an empty value is sent empty ("Name;" in curl's notation). Valid until
  // the next call or the destruction of this object.
  curl_slist* lines_for(const std::vector<Header>& headers);

 private:
  void clear();
  void append(const char* line);

  std::vector<Header> source_;  // what list_ was built from
  curl_slist* list_ = nullptr;
};

}  // namespace aviso::http
