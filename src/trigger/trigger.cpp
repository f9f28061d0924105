#include "aviso/trigger.hpp"

#include <atomic>
#include <string>

namespace aviso {
namespace {

std::atomic<bool> g_echo_color_enabled{false};

}  // namespace

const char* http_method_name(HttpMethod method) noexcept {
  switch (method) {
    case HttpMethod::Post:
      return "POST";
    case HttpMethod::Get:
      return "GET";
    case HttpMethod::Put:
      return "PUT";
    case HttpMethod::Patch:
      return "PATCH";
    case HttpMethod::Delete:
      return "DELETE";
  }
  return "POST";
}

const char* trigger_kind_name(TriggerKind kind) noexcept {
  switch (kind) {
    case TriggerKind::Echo:
      return "echo";
    case TriggerKind::Log:
      return "log";
    case TriggerKind::Command:
      return "command";
    case TriggerKind::Webhook:
      return "webhook";
    case TriggerKind::Teams:
      return "teams";
    case TriggerKind::Post:
      return "post";
  }
  return "unknown";
}

Trigger::Trigger(TriggerKind kind, std::string target) {
  spec_.kind = kind;
  spec_.target = std::move(target);
  if (kind_is_one_of({TriggerKind::Webhook, TriggerKind::Teams, TriggerKind::Post})) {
    spec_.timeout = kDefaultHttpTriggerTimeout;
  }
}

Trigger Trigger::echo() { return Trigger(TriggerKind::Echo, {}); }
Trigger Trigger::log(std::string path) { return Trigger(TriggerKind::Log, std::move(path)); }
Trigger Trigger::command(std::string command) {
  return Trigger(TriggerKind::Command, std::move(command));
}
Trigger Trigger::webhook(std::string url) { return Trigger(TriggerKind::Webhook, std::move(url)); }
Trigger Trigger::teams(std::string url) { return Trigger(TriggerKind::Teams, std::move(url)); }
Trigger Trigger::post(std::string url) { return Trigger(TriggerKind::Post, std::move(url)); }

bool Trigger::kind_is_one_of(std::initializer_list<TriggerKind> kinds) const noexcept {
  for (TriggerKind k : kinds) {
    if (k == spec_.kind) return true;
  }
  return false;
}

Trigger& Trigger::label(std::string name) {
  if (spec_.kind == TriggerKind::Echo) spec_.label = std::move(name);
  return *this;
}

Trigger& Trigger::retries(std::uint32_t count) {
  spec_.retries = count;
  return *this;
}

Trigger& Trigger::required(bool value) {
  spec_.required = value;
  return *this;
}

Trigger& Trigger::fail_fast(bool value) {
  // echo and log errors are always retryable; keeping the flag at its default there makes
  // spec() say what the dispatcher will do.
  if (!kind_is_one_of({TriggerKind::Echo, TriggerKind::Log})) spec_.fail_fast = value;
  return *this;
}

Trigger& Trigger::timeout_secs(std::uint64_t secs) {
  if (secs == 0) {
    if (!kind_is_one_of({TriggerKind::Echo, TriggerKind::Log})) spec_.timeout.reset();
    return *this;
  }
  return set_timeout(std::chrono::seconds(secs));
}

Trigger& Trigger::set_timeout(std::chrono::nanoseconds value) {
  if (kind_is_one_of({TriggerKind::Echo, TriggerKind::Log})) return *this;
  if (value <= std::chrono::nanoseconds::zero()) {
    spec_.timeout.reset();
  } else {
    spec_.timeout = value;
  }
  return *this;
}

Trigger& Trigger::method(HttpMethod value) {
  if (spec_.kind == TriggerKind::Webhook) spec_.method = value;
  return *this;
}

Trigger& Trigger::header(std::string name, std::string value) {
  if (kind_is_one_of({TriggerKind::Webhook, TriggerKind::Post})) {
    spec_.headers.emplace_back(std::move(name), std::move(value));
  }
  return *this;
}

Trigger& Trigger::body_template(std::string body) {
  if (spec_.kind == TriggerKind::Webhook) {
    spec_.body_template = std::move(body);
    spec_.body_values_as_json_strings = false;
  }
  return *this;
}

Trigger& Trigger::json_body_template(std::string body) {
  if (spec_.kind == TriggerKind::Webhook) {
    spec_.body_template = std::move(body);
    spec_.body_values_as_json_strings = true;
  }
  return *this;
}

Trigger& Trigger::title_template(std::string title) {
  if (spec_.kind == TriggerKind::Teams) spec_.title_template = std::move(title);
  return *this;
}

Trigger& Trigger::env(std::string key, std::string value) {
  if (spec_.kind == TriggerKind::Command) {
    for (auto& entry : spec_.env) {
      if (entry.first == key) {
        entry.second = std::move(value);
        return *this;
      }
    }
    spec_.env.emplace_back(std::move(key), std::move(value));
  }
  return *this;
}

Trigger& Trigger::working_dir(std::string dir) {
  if (spec_.kind == TriggerKind::Command) spec_.working_dir = std::move(dir);
  return *this;
}

std::string Trigger::kind_label() const {
  if (spec_.kind == TriggerKind::Log) return "log(" + spec_.target + ")";
  return trigger_kind_name(spec_.kind);
}

void set_echo_color_enabled(bool enabled) noexcept {
  g_echo_color_enabled.store(enabled, std::memory_order_relaxed);
}

bool echo_color_enabled() noexcept { return g_echo_color_enabled.load(std::memory_order_relaxed); }

}  // namespace aviso
