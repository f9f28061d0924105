// The JSON body of a publish, written straight into one buffer: the same bytes as
// nlohmann::json::dump() of {"event_type", "identifier", "payload"}, without the temporary
// strings and objects dump() builds for each member. notify_many writes thousands of bodies with
// one writer.
#pragma once

#include <memory>
#include <string>

#include "aviso/requests.hpp"

namespace aviso::client {

class NotificationBodyWriter {
 public:
  NotificationBodyWriter();
  ~NotificationBodyWriter();
  NotificationBodyWriter(const NotificationBodyWriter&) = delete;
  NotificationBodyWriter& operator=(const NotificationBodyWriter&) = delete;

  // Throws Error::invalid_input naming the member when a string is not valid UTF-8.
  std::string write(const NotificationRequest& request);

  // Whether write() accepts `request`: every string in it, keys included, is valid UTF-8. Much
  // cheaper than writing, so a batch can be checked whole before its first item is sent.
  static bool can_write(const NotificationRequest& request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aviso::client
