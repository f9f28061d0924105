#include "template/template_error.hpp"

namespace aviso::templates {

std::string_view template_error_kind_name(TemplateErrorKind kind) noexcept {
  switch (kind) {
    case TemplateErrorKind::Missing:
      return "Missing";
    case TemplateErrorKind::EnvNotSet:
      return "EnvNotSet";
    case TemplateErrorKind::EnvNotUnicode:
      return "EnvNotUnicode";
    case TemplateErrorKind::BadSyntax:
      return "BadSyntax";
    case TemplateErrorKind::ValueInUrlAuthority:
      return "ValueInUrlAuthority";
    case TemplateErrorKind::ValueAfterUnsupportedShellSyntax:
      return "ValueAfterUnsupportedShellSyntax";
    case TemplateErrorKind::NotificationEncode:
      return "NotificationEncode";
  }
  return "Unknown";
}

}  // namespace aviso::templates
