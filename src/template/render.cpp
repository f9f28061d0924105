#include "template/render.hpp"

#include <cstdlib>

#include "core/utf8.hpp"
#include "template/shell_tracker.hpp"
#include "template/url_context.hpp"

namespace aviso::templates {
namespace {

TemplateError error(TemplateErrorKind kind, std::string field) {
  return TemplateError{kind, std::move(field)};
}

// The text sink of one render: applies the context's rule to each piece.
class Sink {
 public:
  explicit Sink(RenderContext context) : context_(context) {}

  void operator_text(std::string_view text) {
    out_.append(text);
    if (context_ == RenderContext::Shell) shell_.feed(text);
    if (context_ == RenderContext::Url) url_.feed(text);
  }

  std::optional<TemplateError> notification_value(std::string_view value,
                                                  const std::vector<std::string>& path) {
    switch (context_) {
      case RenderContext::Raw:
        out_.append(value);
        return std::nullopt;
      case RenderContext::JsonString: {
        const std::string quoted = nlohmann::json(std::string(value)).dump();
        out_.append(quoted, 1, quoted.size() - 2);
        return std::nullopt;
      }
      case RenderContext::Url: {
        if (!url_.in_path()) {
          return error(TemplateErrorKind::ValueInUrlAuthority, notification_field(path));
        }
        const std::string encoded = percent_encode(value);
        out_.append(encoded);
        url_.feed(encoded);
        return std::nullopt;
      }
      case RenderContext::Shell: {
        if (auto reason = shell_.refusal()) {
          return error(TemplateErrorKind::ValueAfterUnsupportedShellSyntax, std::string(*reason));
        }
        const std::string quoted = shell_.quote_value(value);
        out_.append(quoted);
        shell_.feed_quoted_value(quoted);
        return std::nullopt;
      }
    }
    return std::nullopt;
  }

  std::string take() { return std::move(out_); }

 private:
  RenderContext context_;
  std::string out_;
  ShellTracker shell_;
  UrlTracker url_;
};

}  // namespace

EnvLookup process_env_lookup() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

TemplateInput::TemplateInput(const Notification& notification) {
  try {
    json_ = notification.to_ordered_json();
    encoded_ = is_valid_utf8(notification.event_type());
  } catch (const nlohmann::json::exception&) {
    encoded_ = false;  // a string that is not UTF-8 cannot be written as JSON
  }
}

std::string value_text(const nlohmann::ordered_json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

RenderResult render(const Template& compiled, RenderContext context, const TemplateInput& input,
                    const EnvLookup& env) {
  if (!compiled.ok()) return *compiled.error();
  Sink sink(context);
  for (const Piece& piece : compiled.pieces()) {
    switch (piece.type) {
      case Piece::Type::Literal:
        sink.operator_text(piece.text);
        break;
      case Piece::Type::EnvVar: {
        std::optional<std::string> value = env ? env(piece.text) : std::nullopt;
        if (!value) return error(TemplateErrorKind::EnvNotSet, piece.text);
        if (!is_valid_utf8(*value)) return error(TemplateErrorKind::EnvNotUnicode, piece.text);
        // The operator's own value: never quoted or encoded, but the trackers read it.
        sink.operator_text(*value);
        break;
      }
      case Piece::Type::NotificationPath: {
        const nlohmann::ordered_json* node = input.json();
        if (node == nullptr) return error(TemplateErrorKind::NotificationEncode, "notification");
        for (const std::string& key : piece.path) {
          if (!node->is_object()) {
            return error(TemplateErrorKind::Missing, notification_field(piece.path));
          }
          const auto found = node->find(key);
          if (found == node->end()) {
            return error(TemplateErrorKind::Missing, notification_field(piece.path));
          }
          node = &*found;
        }
        if (auto failure = sink.notification_value(value_text(*node), piece.path)) {
          return *std::move(failure);
        }
        break;
      }
    }
  }
  return sink.take();
}

}  // namespace aviso::templates
