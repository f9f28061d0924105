#include "state/file/load.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

#include "aviso/state/store_error.hpp"
#include "state/file/posix_file.hpp"
#include "state/file/state_file_format.hpp"

namespace aviso::state {
namespace {

// A missing file is an empty store only when it could be created: a wrong parent is reported
// now, rather than as an obscure failure of the first put.
void check_parent_directory(const std::string& path) {
  const std::string parent = std::filesystem::path(path).parent_path().string();
  if (parent.empty()) return;
  struct stat info {};
  if (::stat(parent.c_str(), &info) != 0) {
    throw StoreError::io(path, std::make_error_code(std::errc::no_such_file_or_directory),
                         "parent directory does not exist: " + parent);
  }
  if (!S_ISDIR(info.st_mode)) {
    throw StoreError::io(path, std::make_error_code(std::errc::not_a_directory),
                         "parent path is not a directory: " + parent);
  }
}

}  // namespace

CheckpointMap load_state_file(const std::string& path, std::string& buffer) {
  const FileDescriptor file(open_retrying(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!file.valid()) {
    const int error = errno;
    if (error == ENOENT || error == ENOTDIR) {
      check_parent_directory(path);
      if (error == ENOENT) return {};
    }
    throw StoreError::io(path, {error, std::generic_category()}, "open for reading");
  }
  if (!read_all(file.get(), buffer)) {
    throw StoreError::io(path, {errno, std::generic_category()}, "read");
  }
  return decode_state_file(buffer, path);
}

}  // namespace aviso::state
