#include "aviso/state/store_error.hpp"

namespace aviso {
namespace {

constexpr std::uint64_t kSupportedFileVersion = 1;
constexpr std::uint64_t kSupportedKeyFormatVersion = 2;

// "state file <path>: <reason>", or just the reason when no file is involved.
std::string located(std::string_view path, std::string_view reason) {
  if (path.empty()) return std::string(reason);
  std::string out;
  out.reserve(11 + path.size() + 2 + reason.size());
  out.append("state file ").append(path).append(": ").append(reason);
  return out;
}

}  // namespace

StoreError::StoreError(StoreErrorKind kind, std::string_view path, std::string_view reason)
    : Error(Error::state_store(located(path, reason)).error()), store_kind_(kind), path_(path) {}

StoreError StoreError::io(std::string_view path, std::error_code code, std::string_view what) {
  std::string reason = "I/O error on state file: ";
  reason.append(what);
  if (code) reason.append(": ").append(code.message());
  StoreError error(StoreErrorKind::Io, path, reason);
  error.io_error_ = code;
  return error;
}

StoreError StoreError::encode(std::string_view path, std::string_view what) {
  return StoreError(StoreErrorKind::Encode, path,
                    "could not serialise state to JSON: " + std::string(what));
}

StoreError StoreError::decode(std::string_view path, std::string_view what) {
  return StoreError(StoreErrorKind::Decode, path,
                    "could not parse state file: " + std::string(what));
}

StoreError StoreError::unsupported_file_version(std::string_view path, std::uint64_t found) {
  StoreError error(StoreErrorKind::UnsupportedFileVersion, path,
                   "state file format version " + std::to_string(found) +
                       " does not match supported version " +
                       std::to_string(kSupportedFileVersion));
  error.found_ = found;
  error.supported_ = kSupportedFileVersion;
  return error;
}

StoreError StoreError::unsupported_key_format_version(std::string_view path, std::uint64_t found) {
  StoreError error(StoreErrorKind::UnsupportedKeyFormatVersion, path,
                   "state file uses key_format_version " + std::to_string(found) +
                       "; this client uses " + std::to_string(kSupportedKeyFormatVersion));
  error.found_ = found;
  error.supported_ = kSupportedKeyFormatVersion;
  return error;
}

StoreError StoreError::invalid_resume_key(std::string_view path, std::string_view what) {
  return StoreError(StoreErrorKind::InvalidResumeKey, path,
                    "invalid resume key in state file: " + std::string(what));
}

StoreError StoreError::background_task_failed(std::string_view what) {
  return StoreError(
      StoreErrorKind::BackgroundTaskFailed, "",
      "background task that performed the disk operation failed: " + std::string(what));
}

}  // namespace aviso
