// The one error type of the template engine: a kind and the field it concerns.
#pragma once

#include <string>
#include <string_view>

namespace aviso::templates {

enum class TemplateErrorKind {
  Missing,                           // a notification path that does not exist
  EnvNotSet,                         // {{ env.X }} with X unset
  EnvNotUnicode,                     // {{ env.X }} whose value is not valid UTF-8
  BadSyntax,                         // compile error; field is a fixed label
  ValueInUrlAuthority,               // a notification value before the URL path
  ValueAfterUnsupportedShellSyntax,  // a notification value the shell tracker cannot protect
  NotificationEncode,                // the notification cannot be serialised as JSON
};

// The kind's name as the reference prints it ("Missing", "BadSyntax", ...).
std::string_view template_error_kind_name(TemplateErrorKind kind) noexcept;

// Compile-error labels (the `field` of a BadSyntax error).
namespace syntax {
inline constexpr std::string_view kUnclosedBraces = "unclosed_braces";
inline constexpr std::string_view kEmptyPathSegment = "empty_path_segment";
inline constexpr std::string_view kUnknownNamespace = "unknown_namespace";
inline constexpr std::string_view kEscapeInsideExpr = "escape_inside_expr";
}  // namespace syntax

struct TemplateError {
  TemplateErrorKind kind;
  // A path ("notification.payload.x"), an env variable name, a syntax label or a shell refusal
  // reason. Never the template text, which may hold secrets.
  std::string field;

  friend bool operator==(const TemplateError&, const TemplateError&) = default;
};

}  // namespace aviso::templates
