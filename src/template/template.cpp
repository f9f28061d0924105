#include "template/template.hpp"

#include <algorithm>

namespace aviso::templates {
namespace {

constexpr std::string_view kOpen = "{{";
constexpr std::string_view kClose = "}}";
constexpr std::string_view kNotification = "notification";
constexpr std::string_view kEnvPrefix = "env.";

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

TemplateError bad_syntax(std::string_view label) {
  return TemplateError{TemplateErrorKind::BadSyntax, std::string(label)};
}

// Parses the trimmed inside of one {{ … }} into a placeholder, or explains why it is not one.
std::optional<TemplateError> parse_expression(std::string_view inside, Piece& out) {
  if (inside.find('\\') != std::string_view::npos) return bad_syntax(syntax::kEscapeInsideExpr);
  const std::string_view expr = trim(inside);
  if (expr.substr(0, kNotification.size()) == kNotification &&
      (expr.size() == kNotification.size() || expr[kNotification.size()] == '.')) {
    out.type = Piece::Type::NotificationPath;
    if (expr.size() == kNotification.size()) return std::nullopt;
    std::string_view rest = expr.substr(kNotification.size() + 1);
    while (true) {
      const std::size_t dot = rest.find('.');
      const std::string_view segment = rest.substr(0, dot);
      if (segment.empty()) return bad_syntax(syntax::kEmptyPathSegment);
      out.path.emplace_back(segment);
      if (dot == std::string_view::npos) break;
      rest.remove_prefix(dot + 1);
    }
    return std::nullopt;
  }
  if (expr.substr(0, kEnvPrefix.size()) == kEnvPrefix) {
    const std::string_view name = trim(expr.substr(kEnvPrefix.size()));
    if (name.empty()) return bad_syntax(syntax::kEmptyPathSegment);
    out.type = Piece::Type::EnvVar;
    out.text = std::string(name);
    return std::nullopt;
  }
  return bad_syntax(syntax::kUnknownNamespace);
}

void append_literal(std::vector<Piece>& pieces, std::string_view text) {
  if (text.empty()) return;
  if (!pieces.empty() && pieces.back().type == Piece::Type::Literal) {
    pieces.back().text.append(text);
  } else {
    pieces.push_back(Piece{Piece::Type::Literal, std::string(text), {}});
  }
}

}  // namespace

Template Template::compile(std::string_view source) {
  Template result;
  std::size_t literal_start = 0;
  std::size_t i = 0;
  while (i < source.size()) {
    if (source[i] == '\\' && source.substr(i + 1, kOpen.size()) == kOpen) {
      append_literal(result.pieces_, source.substr(literal_start, i - literal_start));
      append_literal(result.pieces_, kOpen);
      i += 1 + kOpen.size();
      literal_start = i;
      continue;
    }
    if (source.substr(i, kOpen.size()) == kOpen) {
      append_literal(result.pieces_, source.substr(literal_start, i - literal_start));
      const std::size_t close = source.find(kClose, i + kOpen.size());
      if (close == std::string_view::npos) {
        result.pieces_.clear();
        result.error_ = bad_syntax(syntax::kUnclosedBraces);
        return result;
      }
      Piece piece;
      if (auto error =
              parse_expression(source.substr(i + kOpen.size(), close - i - kOpen.size()), piece)) {
        result.pieces_.clear();
        result.error_ = std::move(error);
        return result;
      }
      result.pieces_.push_back(std::move(piece));
      i = close + kClose.size();
      literal_start = i;
      continue;
    }
    ++i;
  }
  append_literal(result.pieces_, source.substr(literal_start));
  return result;
}

std::vector<std::string> Template::env_names() const {
  std::vector<std::string> names;
  for (const Piece& piece : pieces_) {
    if (piece.type == Piece::Type::EnvVar &&
        std::find(names.begin(), names.end(), piece.text) == names.end()) {
      names.push_back(piece.text);
    }
  }
  return names;
}

std::string notification_field(const std::vector<std::string>& path) {
  std::string field(kNotification);
  for (const std::string& segment : path) field.append(".").append(segment);
  return field;
}

}  // namespace aviso::templates
