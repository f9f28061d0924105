#include "state/file/lock_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>

#include <cerrno>
#include <system_error>

#include "aviso/state/store_error.hpp"

namespace aviso::state {
namespace {

std::error_code last_error() { return {errno, std::generic_category()}; }

}  // namespace

LockFile::Guard::~Guard() {
  if (fd_ >= 0) ::flock(fd_, LOCK_UN);
}

LockFile::Guard LockFile::acquire(const std::string& state_path) {
  for (;;) {
    if (!fd_.valid() || owner_pid_ != ::getpid()) {
      fd_.reset(open_retrying(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
      struct stat held {};
      if (!fd_.valid() || ::fstat(fd_.get(), &held) != 0) {
        throw StoreError::io(state_path, last_error(), "open lock file " + path_);
      }
      owner_pid_ = ::getpid();
      held_device_ = held.st_dev;
      held_inode_ = held.st_ino;
    }
    while (::flock(fd_.get(), LOCK_EX) != 0) {
      if (errno != EINTR) throw StoreError::io(state_path, last_error(), "lock " + path_);
    }
    struct stat named {};
    if (::stat(path_.c_str(), &named) == 0 && named.st_dev == held_device_ &&
        named.st_ino == held_inode_) {
      return Guard(fd_.get());
    }
    // Our inode is no longer the lock file others open: start again on the current one.
    ::flock(fd_.get(), LOCK_UN);
    fd_.reset();
  }
}

}  // namespace aviso::state
