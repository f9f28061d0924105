// A compiled template: literal text and {{ … }} placeholders, parsed once, rendered many times.
//
// Syntax (spec triggers-auth-config.md 3.1): `{{ notification }}`, `{{ notification.a.b }}`,
// `{{ env.NAME }}`; `\{{` is a literal `{{`; nothing else is special. Rendering lives in
// render.hpp because it depends on where the text goes (raw, shell, URL, JSON string).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "template/template_error.hpp"

namespace aviso::templates {

struct Piece {
  enum class Type { Literal, NotificationPath, EnvVar };
  Type type = Type::Literal;
  std::string text;               // Literal: the text; EnvVar: the variable name
  std::vector<std::string> path;  // NotificationPath: keys below the notification (may be empty)
};

class Template {
 public:
  // Never throws on bad input: a syntax error is kept and reported by error() (and by every
  // render), so a trigger can be built infallibly and fail at its first dispatch.
  static Template compile(std::string_view source);

  bool ok() const noexcept { return !error_.has_value(); }
  const std::optional<TemplateError>& error() const noexcept { return error_; }
  const std::vector<Piece>& pieces() const noexcept { return pieces_; }

  // Names read through {{ env.NAME }}, in first-use order, without duplicates. The command
  // trigger removes them from the child's environment.
  std::vector<std::string> env_names() const;

 private:
  std::vector<Piece> pieces_;
  std::optional<TemplateError> error_;
};

// "notification" or "notification.a.b": the field named in Missing / URL refusal errors.
std::string notification_field(const std::vector<std::string>& path);

}  // namespace aviso::templates
