// The cross-process write lock of a state file (spec watch-and-state 5.5): an exclusive flock on
// "<state file>.lock", which is created when missing and never truncated or deleted.
#pragma once

#include <sys/types.h>

#include <string>

#include "state/file/posix_file.hpp"

namespace aviso::state {

class LockFile {
 public:
  explicit LockFile(std::string path) : path_(std::move(path)) {}

  // Holds the lock until destroyed.
  class Guard {
   public:
    explicit Guard(int fd) noexcept : fd_(fd) {}
    Guard(Guard&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;
    Guard& operator=(Guard&&) = delete;
    ~Guard();

   private:
    int fd_;
  };

  // Blocks until this process holds the exclusive lock. Throws StoreError (Io, naming
  // `state_path`) when the lock file cannot be opened or locked.
  //
  // The descriptor stays open between cycles (one open less per write). It is reopened when the
  // process is a fork() child (a shared open file description would share the lock) and when the
  // lock file on disk is no longer the inode we hold (someone deleted or replaced it).
  Guard acquire(const std::string& state_path);

  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
  FileDescriptor fd_;
  pid_t owner_pid_ = 0;
  dev_t held_device_ = 0;
  ino_t held_inode_ = 0;
};

}  // namespace aviso::state
