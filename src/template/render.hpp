// Rendering a compiled template for one notification, in the context its text is sent to.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "aviso/notification.hpp"
#include "template/template.hpp"
#include "template/template_error.hpp"

namespace aviso::templates {

enum class RenderContext {
  Raw,         // header values, webhook body, teams title: values verbatim
  Shell,       // command string: values quoted for the shell state, or refused
  Url,         // webhook/teams/post URL: values percent-encoded, only in the path
  JsonString,  // values escaped as JSON string contents (opt-in for JSON bodies)
};

// Looks an environment variable up: nothing when unset. The default reads the process
// environment; tests and embedders may inject their own.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
EnvLookup process_env_lookup();

// The notification in the form templates walk: its JSON, serialised once per dispatch and
// shared by every template of that dispatch. Holds an error when the notification cannot be
// serialised (a string that is not UTF-8).
class TemplateInput {
 public:
  explicit TemplateInput(const Notification& notification);
  const nlohmann::ordered_json* json() const noexcept { return encoded_ ? &json_ : nullptr; }

 private:
  nlohmann::ordered_json json_;
  bool encoded_ = false;
};

using RenderResult = std::variant<std::string, TemplateError>;

RenderResult render(const Template& compiled, RenderContext context, const TemplateInput& input,
                    const EnvLookup& env);

// A JSON value as a template renders it before quoting: strings raw, everything else compact
// JSON (numbers keep their form: 46.0 stays "46.0").
std::string value_text(const nlohmann::ordered_json& value);

}  // namespace aviso::templates
