#include "state/file/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <system_error>

#include "aviso/state/store_error.hpp"
#include "state/file/posix_file.hpp"

namespace aviso::state {
namespace {

std::error_code last_error() { return {errno, std::generic_category()}; }

}  // namespace

void write_file_atomically(const AtomicTarget& target, std::string_view bytes) {
  // A stray temporary file of a killed writer is replaced, never written through: it could be a
  // hard link or a file of someone else.
  if (::unlink(target.temp_path.c_str()) != 0 && errno != ENOENT) {
    throw StoreError::io(target.path, last_error(),
                         "remove stale temporary file " + target.temp_path);
  }
  FileDescriptor file(open_retrying(target.temp_path.c_str(),
                                    O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!file.valid()) {
    throw StoreError::io(target.path, last_error(), "create temporary file " + target.temp_path);
  }
  const auto fail = [&](const std::string& step) {
    const std::error_code code = last_error();
    file.reset();
    ::unlink(target.temp_path.c_str());
    throw StoreError::io(target.path, code, step);
  };
  // The umask could have narrowed 0600 to something we cannot read back; state is private.
  if (::fchmod(file.get(), 0600) != 0) fail("set mode of temporary file " + target.temp_path);
  if (!write_all(file.get(), bytes)) fail("write temporary file " + target.temp_path);
  if (::fsync(file.get()) != 0) fail("fsync temporary file " + target.temp_path);
  if (::close(file.release()) != 0) fail("close temporary file " + target.temp_path);
  if (::rename(target.temp_path.c_str(), target.path.c_str()) != 0) {
    fail("rename " + target.temp_path + " over the state file");
  }

  const FileDescriptor directory(
      open_retrying(target.directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!directory.valid() || ::fsync(directory.get()) != 0) {
    throw StoreError::io(target.path, last_error(),
                         "fsync directory " + target.directory +
                             " (the new state is in place but may not be durable)");
  }
}

}  // namespace aviso::state
