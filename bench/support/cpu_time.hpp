// CPU time (user + system) so far, in seconds, of `who`: RUSAGE_SELF (every thread of this
// process), RUSAGE_THREAD (the calling thread) or RUSAGE_CHILDREN (children waited for).
#pragma once

#include <sys/resource.h>

namespace aviso::bench {

inline double cpu_seconds(int who) {
  rusage usage{};
  ::getrusage(who, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace aviso::bench
