// Errors raised by every part of libaviso.
//
// The kinds and the ErrorInfo shape are those of the reference C ABI (aviso.h) and its C++
// facade, so code written against the facade that switches on `AvisoErrorKind_Http` or reads
// `error().http_status` compiles unchanged. Public header: C++17.
#pragma once

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

// A plain C enumeration at global scope, with the reference's spellings and fixed values.
typedef enum {  // NOLINT(modernize-use-using): same declaration as the reference C header
  AvisoErrorKind_Transport = 0,
  AvisoErrorKind_Http = 1,
  AvisoErrorKind_Auth = 2,
  AvisoErrorKind_Decode = 3,
  AvisoErrorKind_MalformedEvent = 4,
  AvisoErrorKind_HistoryGap = 5,
  AvisoErrorKind_StreamProtocol = 6,
  AvisoErrorKind_Config = 7,
  AvisoErrorKind_StateStore = 8,
  AvisoErrorKind_Trigger = 9,
  AvisoErrorKind_InvalidInput = 10,
  AvisoErrorKind_InvalidUsage = 11,
  AvisoErrorKind_Internal = 12,
  AvisoErrorKind_Panic = 13,
  AvisoErrorKind_Unknown = 14,
} AvisoErrorKind;

namespace aviso {

using ErrorKind = AvisoErrorKind;

// A short lowercase name for a kind ("transport", "http", "state store", ...).
std::string_view kind_name(ErrorKind kind) noexcept;

// Everything known about one failure. An owned copy: safe to keep after the call returns.
struct ErrorInfo {
  ErrorKind kind = AvisoErrorKind_Unknown;
  std::uint16_t http_status = 0;  // set when kind is Http, else 0
  std::string message;            // human-readable; never contains a credential
  std::optional<std::string> request_id;    // the server's X-Request-ID when it answered
  std::optional<std::string> trigger_kind;  // Trigger errors: "echo", "log(<path>)", "command", ...
  std::optional<std::string> error_kind;    // Trigger errors: "io", "command", "timeout", ...
};

class Error : public std::exception {
 public:
  explicit Error(ErrorInfo info) : info_(std::move(info)) {}

  const char* what() const noexcept override { return info_.message.c_str(); }
  const ErrorInfo& error() const noexcept { return info_; }
  ErrorKind kind() const noexcept { return info_.kind; }

  // Factories that build the message in the reference's display form ("config: ...",
  // "http 404 (request_id=...): body", ...). `detail` is the text after the prefix.
  static Error transport(std::string_view detail);
  static Error http(std::uint16_t status, std::string_view body,
                    std::optional<std::string> request_id);
  static Error auth(std::string_view detail);
  static Error decode(std::string_view detail);
  static Error malformed_event(std::string_view detail);
  static Error history_gap(std::string_view detail);
  static Error stream_protocol(std::string_view detail,
                               std::optional<std::string> request_id = std::nullopt);
  static Error config(std::string_view detail);
  static Error state_store(std::string_view detail);
  static Error trigger_failed(std::string_view trigger_kind, std::string_view error_kind,
                              std::string_view detail);
  static Error invalid_input(std::string_view detail);
  static Error invalid_usage(std::string_view detail);
  static Error internal(std::string_view detail);

 private:
  ErrorInfo info_;
};

}  // namespace aviso
