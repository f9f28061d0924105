#include "watch/reaction.hpp"

#include <cctype>
#include <string>

#include "watch/retry_after.hpp"

namespace aviso::watch {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

verdicts::Fail fail_http(const http::Response& response, std::string violation) {
  return verdicts::Fail{
      events::FatalError{Fatal{FatalKind::ProtocolViolation, std::move(violation)}},
      Error::http(static_cast<std::uint16_t>(response.status), response.body,
                  response.header("X-Request-ID"))};
}

}  // namespace

bool is_event_stream(std::optional<std::string_view> content_type) {
  if (!content_type) {
    return false;
  }
  std::string_view media_type = *content_type;
  if (const auto semicolon = media_type.find(';'); semicolon != std::string_view::npos) {
    media_type = media_type.substr(0, semicolon);
  }
  return iequals(trim(media_type), "text/event-stream");
}

ResponseVerdict classify_response(const http::Response& response, bool has_auth_provider,
                                  bool refreshed_this_cycle,
                                  std::chrono::system_clock::time_point now) {
  const long status = response.status;
  if (status == 200) {
    const auto content_type = response.header("Content-Type");
    if (is_event_stream(content_type)) {
      return verdicts::Stream{};
    }
    std::string got = content_type ? "\"" + *content_type + "\"" : std::string("none");
    return verdicts::Fail{
        events::FatalError{Fatal{FatalKind::ProtocolViolation, "bad Content-Type"}},
        Error::stream_protocol("HTTP 200 response requires Content-Type text/event-stream (got " +
                                   got + "); check base_url points to an Aviso server",
                               response.header("X-Request-ID"))};
  }
  if (status == 429 || status == 503) {
    const auto header = response.header("Retry-After");
    return verdicts::Retry{
        parse_retry_after(header ? std::optional<std::string_view>(*header) : std::nullopt, now),
        "HTTP " + std::to_string(status)};
  }
  if (status >= 500 && status <= 599) {
    return verdicts::Retry{std::nullopt, "HTTP " + std::to_string(status)};
  }
  if (status == 401) {
    if (!has_auth_provider) {
      return fail_http(response, "401 with no auth provider configured");
    }
    if (refreshed_this_cycle) {
      return verdicts::Fail{events::AuthRefreshCompleted{false},
                            Error::auth("authentication rejected after refresh")};
    }
    return verdicts::RefreshAuth{};
  }
  return fail_http(response, "server returned " + std::to_string(status));
}

std::optional<events::ServerCloseReason> classify_close_reason(std::string_view reason) {
  if (reason == "max_duration_reached") return events::ServerCloseReason::MaxDurationReached;
  if (reason == "server_shutdown") return events::ServerCloseReason::ServerShutdown;
  if (reason == "end_of_stream") return events::ServerCloseReason::EndOfStream;
  return std::nullopt;
}

}  // namespace aviso::watch
