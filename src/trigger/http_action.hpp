// The HTTP trigger kinds: webhook, teams and post share one request path (spec 1.5-1.7).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "aviso/trigger.hpp"
#include "template/template.hpp"
#include "trigger/http_sender.hpp"
#include "trigger/trigger_action.hpp"
#include "trigger/trigger_log.hpp"

namespace aviso::trigger {

// Renders the body for one attempt, or fails the attempt.
using BodyBuilder = std::function<std::variant<std::string, TriggerError>(const AttemptInput&)>;

class HttpAction final : public TriggerAction {
 public:
  struct Options {
    std::string url_template;
    HttpMethod method = HttpMethod::Post;
    std::vector<std::pair<std::string, std::string>> headers;  // values are templates
    std::string default_content_type = "application/json";
    std::optional<std::chrono::nanoseconds> timeout;
    HttpSender* sender = nullptr;
    LogSink log;
  };

  HttpAction(Options options, BodyBuilder body);
  std::optional<TriggerError> attempt(const AttemptInput& input) override;

 private:
  Options options_;
  BodyBuilder body_;
  templates::Template url_;
  std::vector<std::pair<std::string, templates::Template>> headers_;
};

// The three kinds over HttpAction.
std::unique_ptr<TriggerAction> make_webhook_action(const TriggerSpec& spec, HttpSender* sender,
                                                   const LogSink& log);
std::unique_ptr<TriggerAction> make_teams_action(const TriggerSpec& spec, HttpSender* sender,
                                                 const LogSink& log);
std::unique_ptr<TriggerAction> make_post_action(const TriggerSpec& spec, HttpSender* sender,
                                                LogSink log);

// True for an absolute http(s) URL with a host and no whitespace or control characters.
bool is_sendable_url(std::string_view url);

}  // namespace aviso::trigger
