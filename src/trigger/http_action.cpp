#include "trigger/http_action.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "trigger/cloudevent_body.hpp"
#include "trigger/tail_buffer.hpp"
#include "trigger/teams_card.hpp"

namespace aviso::trigger {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_token_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (std::isalnum(u)) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_valid_header(std::string_view name, std::string_view value) {
  if (name.empty() || !std::all_of(name.begin(), name.end(), is_token_char)) return false;
  return std::none_of(value.begin(), value.end(),
                      [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

void log_template_failure(const LogSink& log, std::string_view context, const std::string& raw,
                          const templates::TemplateError& error) {
  if (!log) return;
  log(LogRecord{LogLevel::Debug,
                "client.trigger.template.render_failed",
                "template render failed",
                {{"context", std::string(context)},
                 {"raw_template", raw},
                 {"field", error.field},
                 {"kind", std::string(templates::template_error_kind_name(error.kind))}}});
}

}  // namespace

bool is_sendable_url(std::string_view url) {
  if (std::any_of(url.begin(), url.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u <= 0x20 || u == 0x7f;
      })) {
    return false;
  }
  const std::size_t separator = url.find("://");
  if (separator == std::string_view::npos) return false;
  const std::string_view scheme = url.substr(0, separator);
  if (!iequals(scheme, "http") && !iequals(scheme, "https")) return false;
  std::string_view authority = url.substr(separator + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  const std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  return !authority.empty() && authority.front() != ':';
}

HttpAction::HttpAction(Options options, BodyBuilder body)
    : options_(std::move(options)),
      body_(std::move(body)),
      url_(templates::Template::compile(options_.url_template)) {
  for (const auto& [name, value] : options_.headers) {
    headers_.emplace_back(name, templates::Template::compile(value));
  }
}

std::optional<TriggerError> HttpAction::attempt(const AttemptInput& input) {
  // Render order: URL, each header in configured order, then the body.
  http::Request request;
  request.method = http_method_name(options_.method);
  {
    templates::RenderResult url =
        templates::render(url_, templates::RenderContext::Url, input.templates, input.env);
    if (auto* error = std::get_if<templates::TemplateError>(&url)) {
      log_template_failure(options_.log, template_context::kWebhookUrl, options_.url_template,
                           *error);
      return TriggerError::template_failed(template_context::kWebhookUrl, std::move(*error));
    }
    request.url = std::move(std::get<std::string>(url));
  }
  bool has_content_type = false;
  for (std::size_t i = 0; i < headers_.size(); ++i) {
    templates::RenderResult value = templates::render(
        headers_[i].second, templates::RenderContext::Raw, input.templates, input.env);
    if (auto* error = std::get_if<templates::TemplateError>(&value)) {
      log_template_failure(options_.log, template_context::kWebhookHeader,
                           options_.headers[i].second, *error);
      return TriggerError::template_failed(template_context::kWebhookHeader, std::move(*error));
    }
    has_content_type = has_content_type || iequals(headers_[i].first, "content-type");
    request.headers.push_back(
        http::Header{headers_[i].first, std::move(std::get<std::string>(value))});
  }
  if (!has_content_type) {
    request.headers.push_back(http::Header{"Content-Type", options_.default_content_type});
  }
  {
    std::variant<std::string, TriggerError> body = body_(input);
    if (auto* error = std::get_if<TriggerError>(&body)) return std::move(*error);
    request.body = std::move(std::get<std::string>(body));
  }
  if (options_.timeout) {
    request.timeout = std::chrono::ceil<std::chrono::milliseconds>(*options_.timeout);
  }

  const bool headers_ok =
      std::all_of(request.headers.begin(), request.headers.end(),
                  [](const http::Header& h) { return is_valid_header(h.name, h.value); });
  if (!is_sendable_url(request.url) || !headers_ok) {
    return TriggerError::webhook_build(std::string(kRequestBuildFailed));
  }
  if (options_.sender == nullptr) {
    return TriggerError::io("no HTTP sender is configured for HTTP triggers");
  }

  HttpSendResult result = options_.sender->send(request, kTailLimit);
  if (auto* response = std::get_if<http::Response>(&result)) {
    if (response->status >= 200 && response->status <= 299) return std::nullopt;
    TailBuffer tail;
    tail.append(response->body);
    return TriggerError::webhook(response->status, lossy_utf8(tail.bytes()));
  }
  HttpSendFailure& failure = std::get<HttpSendFailure>(result);
  if (options_.log) {
    // Booleans only: the transport's own error text may contain the URL.
    options_.log(LogRecord{
        LogLevel::Debug,
        "client.trigger.webhook.send_failed",
        "webhook request failed",
        {{"is_timeout", failure.kind == HttpSendFailure::Kind::Timeout ? "true" : "false"},
         {"is_builder", failure.kind == HttpSendFailure::Kind::Build ? "true" : "false"},
         {"is_connect", failure.kind == HttpSendFailure::Kind::Transport && !failure.status
                            ? "true"
                            : "false"}}});
  }
  switch (failure.kind) {
    case HttpSendFailure::Kind::Build:
      return TriggerError::webhook_build(std::string(kRequestBuildFailed));
    case HttpSendFailure::Kind::Timeout:
      if (options_.timeout) return TriggerError::timeout(*options_.timeout);
      return TriggerError::webhook(std::nullopt, "");
    case HttpSendFailure::Kind::Transport:
      if (!failure.status) return TriggerError::webhook(std::nullopt, "");
      // The body broke off after the status line: the status decides.
      if (*failure.status >= 200 && *failure.status <= 299) return std::nullopt;
      {
        TailBuffer tail;
        tail.append(failure.body_tail);
        return TriggerError::webhook(*failure.status, lossy_utf8(tail.bytes()));
      }
  }
  return TriggerError::webhook(std::nullopt, "");
}

std::unique_ptr<TriggerAction> make_webhook_action(const TriggerSpec& spec, HttpSender* sender,
                                                   const LogSink& log) {
  HttpAction::Options options;
  options.url_template = spec.target;
  options.method = spec.method;
  options.headers = spec.headers;
  options.timeout = spec.timeout;
  options.sender = sender;
  options.log = log;
  BodyBuilder body;
  if (spec.body_template) {
    auto compiled = std::make_shared<const templates::Template>(
        templates::Template::compile(*spec.body_template));
    const templates::RenderContext context = spec.body_values_as_json_strings
                                                 ? templates::RenderContext::JsonString
                                                 : templates::RenderContext::Raw;
    body = [compiled, context, raw = *spec.body_template,
            log](const AttemptInput& input) -> std::variant<std::string, TriggerError> {
      templates::RenderResult rendered =
          templates::render(*compiled, context, input.templates, input.env);
      if (auto* error = std::get_if<templates::TemplateError>(&rendered)) {
        log_template_failure(log, template_context::kWebhookBody, raw, *error);
        return TriggerError::template_failed(template_context::kWebhookBody, std::move(*error));
      }
      return std::move(std::get<std::string>(rendered));
    };
  } else {
    body = [](const AttemptInput& input) -> std::variant<std::string, TriggerError> {
      try {
        return input.notification.to_json();
      } catch (const std::exception& e) {
        return TriggerError::encode(e.what());
      }
    };
  }
  return std::make_unique<HttpAction>(std::move(options), std::move(body));
}

std::unique_ptr<TriggerAction> make_teams_action(const TriggerSpec& spec, HttpSender* sender,
                                                 const LogSink& log) {
  HttpAction::Options options;
  options.url_template = spec.target;
  options.method = HttpMethod::Post;
  options.timeout = spec.timeout;
  options.sender = sender;
  options.log = log;
  const std::string raw_title = spec.title_template.value_or(kDefaultTeamsTitle);
  auto title = std::make_shared<const templates::Template>(templates::Template::compile(raw_title));
  // The card is built as data, so nothing in a payload is ever read as a template.
  BodyBuilder body = [title, raw_title,
                      log](const AttemptInput& input) -> std::variant<std::string, TriggerError> {
    templates::RenderResult rendered =
        templates::render(*title, templates::RenderContext::Raw, input.templates, input.env);
    if (auto* error = std::get_if<templates::TemplateError>(&rendered)) {
      log_template_failure(log, template_context::kTeamsTitle, raw_title, *error);
      return TriggerError::template_failed(template_context::kTeamsTitle, std::move(*error));
    }
    try {
      return teams_card(input.notification, std::get<std::string>(rendered));
    } catch (const std::exception& e) {
      return TriggerError::encode(e.what());
    }
  };
  return std::make_unique<HttpAction>(std::move(options), std::move(body));
}

std::unique_ptr<TriggerAction> make_post_action(const TriggerSpec& spec, HttpSender* sender,
                                                LogSink log) {
  HttpAction::Options options;
  options.url_template = spec.target;
  options.method = HttpMethod::Post;
  options.headers = spec.headers;
  options.default_content_type = "application/cloudevents+json";
  options.timeout = spec.timeout;
  options.sender = sender;
  options.log = std::move(log);
  BodyBuilder body = [](const AttemptInput& input) -> std::variant<std::string, TriggerError> {
    try {
      return cloudevent_body(input.notification);
    } catch (const std::exception& e) {
      return TriggerError::encode(e.what());
    }
  };
  return std::make_unique<HttpAction>(std::move(options), std::move(body));
}

}  // namespace aviso::trigger
