// Writing a whole record to a file descriptor in one go.
#pragma once

#include <string>
#include <string_view>

namespace aviso::trigger {

// Writes every byte (retrying short writes and EINTR). A closed pipe yields EPIPE instead of
// a process-killing SIGPIPE: the signal is blocked on this thread for the write and any
// pending one is consumed. Returns an empty string on success, else the error text.
std::string write_all(int fd, std::string_view bytes);

}  // namespace aviso::trigger
