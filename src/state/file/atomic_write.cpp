#include "state/file/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <system_error>

#include "aviso/state/store_error.hpp"

namespace aviso::state {
namespace {

std::error_code last_error() { return {errno, std::generic_category()}; }

constexpr int kTempFlags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW;

}  // namespace

AtomicFileWriter::AtomicFileWriter(AtomicTarget target)
    : target_(std::move(target)), umask_narrows_mode_((current_umask() & 0600) != 0) {}

void AtomicFileWriter::write(std::string_view bytes) {
  FileDescriptor file(open_retrying(target_.temp_path.c_str(), kTempFlags, 0600));
  if (!file.valid() && errno == EEXIST) {
    // A stray temporary file of a killed writer. Replace it, never write through it: it could be
    // a hard link or someone else's file.
    if (::unlink(target_.temp_path.c_str()) != 0 && errno != ENOENT) {
      throw StoreError::io(target_.path, last_error(),
                           "remove stale temporary file " + target_.temp_path);
    }
    file.reset(open_retrying(target_.temp_path.c_str(), kTempFlags, 0600));
  }
  if (!file.valid()) {
    throw StoreError::io(target_.path, last_error(), "create temporary file " + target_.temp_path);
  }
  const auto fail = [&](const std::string& step) {
    const std::error_code code = last_error();
    file.reset();
    ::unlink(target_.temp_path.c_str());
    throw StoreError::io(target_.path, code, step);
  };
  if (umask_narrows_mode_ && ::fchmod(file.get(), 0600) != 0) {
    fail("set mode of temporary file " + target_.temp_path);
  }
  if (!write_all(file.get(), bytes)) fail("write temporary file " + target_.temp_path);
  if (::fsync(file.get()) != 0) fail("fsync temporary file " + target_.temp_path);
  if (::close(file.release()) != 0) fail("close temporary file " + target_.temp_path);
  if (::rename(target_.temp_path.c_str(), target_.path.c_str()) != 0) {
    fail("rename " + target_.temp_path + " over the state file");
  }

  if (!directory_.valid()) {
    directory_.reset(open_retrying(target_.directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  }
  if (!directory_.valid() || ::fsync(directory_.get()) != 0) {
    const std::error_code code = last_error();
    directory_.reset();
    throw StoreError::io(target_.path, code,
                         "fsync directory " + target_.directory +
                             " (the new state is in place but may not be durable)");
  }
}

}  // namespace aviso::state
