#include "http/header_list.hpp"

#include <algorithm>
#include <new>
#include <string>

namespace aviso::http {
namespace {

bool same_headers(const std::vector<Header>& a, const std::vector<Header>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Header& x, const Header& y) {
    return x.name == y.name && x.value == y.value;
  });
}

}  // namespace

HeaderList::~HeaderList() { clear(); }

void HeaderList::clear() {
  if (list_ != nullptr) curl_slist_free_all(list_);
  list_ = nullptr;
  source_.clear();
}

void HeaderList::append(const char* line) {
  curl_slist* longer = curl_slist_append(list_, line);
  if (longer == nullptr) throw std::bad_alloc();  // list_ is unchanged and still freed by clear()
  list_ = longer;
}

curl_slist* HeaderList::lines_for(const std::vector<Header>& headers) {
  if (list_ != nullptr && same_headers(headers, source_)) return list_;
  clear();
  append("Expect:");
  std::string line;
  for (const Header& header : headers) {
    line.assign(header.name);
    if (header.value.empty()) {
      line += ';';
    } else {
      line += ": ";
      line += header.value;
    }
    append(line.c_str());
  }
  source_ = headers;
  return list_;
}

}  // namespace aviso::http
