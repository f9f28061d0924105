// Triggers: the side effects a watch runs once per delivered notification. Public header: C++17.
//
// A Trigger is a plain copyable description (what to run, how often to retry, whether a failure
// ends the watch). Nothing runs and no template is parsed here: the watch compiles the
// triggers it is given when it starts, and a malformed template surfaces at the first dispatch
// as a template error, as in the reference.
//
//   auto t = aviso::Trigger::command("./on-event.sh {{ notification.sequence }}")
//                .timeout(std::chrono::seconds(30))
//                .retries(2)
//                .env("DATA_DIR", "/var/lib/aviso");
#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace aviso {

enum class HttpMethod { Post, Get, Put, Patch, Delete };

enum class TriggerKind { Echo, Log, Command, Webhook, Teams, Post };

// "POST", "GET", ...
const char* http_method_name(HttpMethod method) noexcept;

// Stable lowercase kind name: "echo", "log", "command", "webhook", "teams", "post".
const char* trigger_kind_name(TriggerKind kind) noexcept;

// Everything a Trigger holds; read it through Trigger::spec(). Fields that do not apply to the
// kind keep their defaults.
struct TriggerSpec {
  TriggerKind kind = TriggerKind::Echo;
  // log: the file path; command: the command template; webhook/teams/post: the URL template.
  std::string target;
  std::optional<std::string> label;  // echo only: names the listener in the TTY leader line
  std::uint32_t retries = 0;         // at most retries + 1 attempts
  bool required = true;              // a final failure ends the watch
  bool fail_fast = true;             // template, non-zero exit and 4xx errors are not retried
  // Per attempt. None for echo/log/command unless set; 30 s for webhook/teams/post unless set.
  std::optional<std::chrono::nanoseconds> timeout;
  HttpMethod method = HttpMethod::Post;                      // webhook only
  std::vector<std::pair<std::string, std::string>> headers;  // webhook, post: name -> template
  std::optional<std::string> body_template;                  // webhook only
  // webhook only: notification values in body_template are escaped as JSON string contents
  // (set by json_body_template) instead of inserted verbatim.
  bool body_values_as_json_strings = false;
  std::optional<std::string> title_template;             // teams only
  std::vector<std::pair<std::string, std::string>> env;  // command only: literal values
  std::optional<std::string> working_dir;                // command only
};

// The reference's default per-attempt timeout of the HTTP kinds.
constexpr std::chrono::seconds kDefaultHttpTriggerTimeout{30};

class Trigger {
 public:
  // Writes each notification to standard output (pretty on a terminal, one JSON line otherwise).
  static Trigger echo();
  // Appends each notification as one JSON line to the file at `path` (created if missing; its
  // directory must exist).
  static Trigger log(std::string path);
  // Runs `/bin/sh -c <command>` per notification; `command` is a template rendered with
  // shell-safe quoting of notification values.
  static Trigger command(std::string command);
  // Sends an HTTP request per notification; `url` is a template (values percent-encoded).
  static Trigger webhook(std::string url);
  // Posts a Microsoft Teams Adaptive Card per notification.
  static Trigger teams(std::string url);
  // Posts the notification's CloudEvent envelope per notification.
  static Trigger post(std::string url);

  // Chainable setters. A setter that does not apply to this kind is ignored, as in the
  // reference (e.g. env() on a webhook, header() on teams, timeout() on echo).
  Trigger& label(std::string name);  // echo
  Trigger& retries(std::uint32_t count);
  Trigger& required(bool value);
  Trigger& fail_fast(bool value);             // command, webhook, teams, post
  Trigger& timeout_secs(std::uint64_t secs);  // 0 = no timeout (also drops the HTTP default)
  template <class Rep, class Period>
  Trigger& timeout(std::chrono::duration<Rep, Period> value) {
    return set_timeout(std::chrono::duration_cast<std::chrono::nanoseconds>(value));
  }
  Trigger& method(HttpMethod value);                     // webhook
  Trigger& header(std::string name, std::string value);  // webhook, post; repeatable
  Trigger& body_template(std::string body);              // webhook
  // webhook: a body template for a JSON document whose placeholders sit inside JSON strings,
  // e.g. {"text": "new {{ notification.event_type }}"}. Each notification value is escaped
  // as JSON string contents (quotes, backslashes, control characters), so a value can never
  // break out of its string. Env values stay verbatim, as everywhere.
  Trigger& json_body_template(std::string body);
  Trigger& title_template(std::string title);        // teams
  Trigger& env(std::string key, std::string value);  // command; later wins
  Trigger& working_dir(std::string dir);             // command

  TriggerKind kind() const noexcept { return spec_.kind; }
  const TriggerSpec& spec() const noexcept { return spec_; }

  // The label used in errors and logs: "echo", "log(<path>)", "command", "webhook", "teams",
  // "post". Never contains a command, URL or header.
  std::string kind_label() const;

  // A one-line diagnostic that never shows secrets: templates are shown only as
  // compiled/redacted states, env only as a count.
  std::string describe() const;

 private:
  explicit Trigger(TriggerKind kind, std::string target);
  Trigger& set_timeout(std::chrono::nanoseconds value);
  bool kind_is_one_of(std::initializer_list<TriggerKind> kinds) const noexcept;

  TriggerSpec spec_;
};

// Process-wide switch for the dim colour of the echo trigger's leader line on a terminal.
// Default off; read once per dispatch, so it may be flipped at any time from any thread.
void set_echo_color_enabled(bool enabled) noexcept;
bool echo_color_enabled() noexcept;

}  // namespace aviso
