#include "aviso/error.hpp"

#include <string>

namespace aviso {
namespace {

Error make(ErrorKind kind, std::string_view prefix, std::string_view detail) {
  ErrorInfo info;
  info.kind = kind;
  info.message.reserve(prefix.size() + 2 + detail.size());
  info.message.append(prefix).append(": ").append(detail);
  return Error(std::move(info));
}

}  // namespace

std::string_view kind_name(ErrorKind kind) noexcept {
  switch (kind) {
    case AvisoErrorKind_Transport: return "transport";
    case AvisoErrorKind_Http: return "http";
    case AvisoErrorKind_Auth: return "auth";
    case AvisoErrorKind_Decode: return "decode";
    case AvisoErrorKind_MalformedEvent: return "malformed event";
    case AvisoErrorKind_HistoryGap: return "history gap";
    case AvisoErrorKind_StreamProtocol: return "stream protocol";
    case AvisoErrorKind_Config: return "config";
    case AvisoErrorKind_StateStore: return "state store";
    case AvisoErrorKind_Trigger: return "trigger";
    case AvisoErrorKind_InvalidInput: return "invalid input";
    case AvisoErrorKind_InvalidUsage: return "invalid usage";
    case AvisoErrorKind_Internal: return "internal";
    case AvisoErrorKind_Panic: return "panic";
    case AvisoErrorKind_Unknown: break;
  }
  return "unknown";
}

Error Error::transport(std::string_view detail) {
  return make(AvisoErrorKind_Transport, "transport", detail);
}

Error Error::http(std::uint16_t status, std::string_view body,
                  std::optional<std::string> request_id) {
  ErrorInfo info;
  info.kind = AvisoErrorKind_Http;
  info.http_status = status;
  info.message = "http " + std::to_string(status) +
                 " (request_id=" + request_id.value_or("none") + "): " + std::string(body);
  info.request_id = std::move(request_id);
  return Error(std::move(info));
}

Error Error::auth(std::string_view detail) { return make(AvisoErrorKind_Auth, "auth", detail); }

Error Error::decode(std::string_view detail) {
  return make(AvisoErrorKind_Decode, "decode", detail);
}

Error Error::malformed_event(std::string_view detail) {
  return make(AvisoErrorKind_MalformedEvent, "malformed event", detail);
}

Error Error::history_gap(std::string_view detail) {
  return make(AvisoErrorKind_HistoryGap, "history gap", detail);
}

Error Error::stream_protocol(std::string_view detail, std::optional<std::string> request_id) {
  Error error = make(AvisoErrorKind_StreamProtocol, "stream protocol", detail);
  error.info_.request_id = std::move(request_id);
  return error;
}

Error Error::config(std::string_view detail) {
  return make(AvisoErrorKind_Config, "config", detail);
}

Error Error::state_store(std::string_view detail) {
  return make(AvisoErrorKind_StateStore, "state store", detail);
}

Error Error::trigger_failed(std::string_view trigger_kind, std::string_view error_kind,
                            std::string_view detail) {
  Error error = make(AvisoErrorKind_Trigger, "trigger " + std::string(trigger_kind) + " failed",
                     detail);
  error.info_.trigger_kind = std::string(trigger_kind);
  error.info_.error_kind = std::string(error_kind);
  return error;
}

Error Error::invalid_input(std::string_view detail) {
  return make(AvisoErrorKind_InvalidInput, "invalid input", detail);
}

Error Error::invalid_usage(std::string_view detail) {
  return make(AvisoErrorKind_InvalidUsage, "invalid usage", detail);
}

Error Error::internal(std::string_view detail) {
  return make(AvisoErrorKind_Internal, "internal", detail);
}

}  // namespace aviso
