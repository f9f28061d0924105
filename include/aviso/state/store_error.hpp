// StoreError: why a state store operation failed. Public header: C++17.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include "aviso/error.hpp"

namespace aviso {

// The reasons of the reference's StoreError, so callers can react to each one.
enum class StoreErrorKind {
  Io,                           // the file system refused (see io_error())
  Encode,                       // the state could not be serialised
  Decode,                       // the state file is not valid JSON or has the wrong shape
  UnsupportedFileVersion,       // "version" is not 1
  UnsupportedKeyFormatVersion,  // "key_format_version" is not 2
  InvalidResumeKey,             // a checkpoint key is not a 64-digit hex digest
  BackgroundTaskFailed,         // a worker performing the disk operation failed
};

// An aviso::Error of kind StateStore that also says which store failure it is. Watch consumers
// see it as ErrorInfo{kind = AvisoErrorKind_StateStore}; catching StoreError gives the detail.
//
// what() is "state store: state file <path>: <reason>" when a file is involved, for example
// "state store: state file /x/state.json: could not parse state file: ...", and
// "state store: <reason>" otherwise.
class StoreError : public Error {
 public:
  static StoreError io(std::string_view path, std::error_code code, std::string_view what);
  static StoreError encode(std::string_view path, std::string_view what);
  static StoreError decode(std::string_view path, std::string_view what);
  static StoreError unsupported_file_version(std::string_view path, std::uint64_t found);
  static StoreError unsupported_key_format_version(std::string_view path, std::uint64_t found);
  static StoreError invalid_resume_key(std::string_view path, std::string_view what);
  static StoreError background_task_failed(std::string_view what);

  StoreErrorKind store_kind() const noexcept { return store_kind_; }
  // The state file involved; empty when none.
  const std::string& path() const noexcept { return path_; }
  // For Io: the operating-system error (std::errc::no_such_file_or_directory,
  // std::errc::not_a_directory, std::errc::no_space_on_device, ...). Empty otherwise.
  std::error_code io_error() const noexcept { return io_error_; }
  // For the two version errors: the value read from the file and the one this client supports.
  std::optional<std::uint64_t> found_version() const noexcept { return found_; }
  std::optional<std::uint64_t> supported_version() const noexcept { return supported_; }

 private:
  StoreError(StoreErrorKind kind, std::string_view path, std::string_view reason);

  StoreErrorKind store_kind_;
  std::string path_;
  std::error_code io_error_;
  std::optional<std::uint64_t> found_;
  std::optional<std::uint64_t> supported_;
};

}  // namespace aviso
