// The library's log records (aviso/log.hpp: connection established, lost and retried, resumed,
// watch ended, trigger outcomes) as CLI log lines on stderr, each naming the listener it is
// about. The library only knows the event type; when several listeners share one, the line
// names them all.
#pragma once

#include <map>
#include <string>

#include "aviso/log.hpp"
#include "log.hpp"

namespace aviso::cli {

// event type -> the listener name(s) watching it ("mars-od" or "mars-od, mars-rd").
using ListenerNamesByEvent = std::map<std::string, std::string>;

// The record as a CLI line: same level and event name; the body prefixed with "listener `X`: "
// when the record names an event type a listener watches; the fields as strings plus `listener`.
LogRecord from_library_record(const aviso::LogRecord& record, const ListenerNamesByEvent& names);

// Routes every library record to `logger` until the returned guard is destroyed (then the
// library's sink is emptied again). `logger` and `names` must outlive the guard.
class LibraryLogBridge {
 public:
  LibraryLogBridge(Logger& logger, ListenerNamesByEvent names);
  ~LibraryLogBridge();
  LibraryLogBridge(const LibraryLogBridge&) = delete;
  LibraryLogBridge& operator=(const LibraryLogBridge&) = delete;

 private:
  ListenerNamesByEvent names_;
};

}  // namespace aviso::cli
