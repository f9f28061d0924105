#include "topic.hpp"

namespace aviso::server {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    unsigned code_point = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if ((lead & 0xE0U) == 0xC0U) {
      length = 2;
      code_point = lead & 0x1FU;
    } else if ((lead & 0xF0U) == 0xE0U) {
      length = 3;
      code_point = lead & 0x0FU;
    } else if ((lead & 0xF8U) == 0xF0U) {
      length = 4;
      code_point = lead & 0x07U;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0U) != 0x80U) return false;
      code_point = (code_point << 6U) | (next & 0x3FU);
    }
    const bool overlong = (length == 2 && code_point < 0x80) ||
                          (length == 3 && code_point < 0x800) ||
                          (length == 4 && code_point < 0x10000);
    if (overlong || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

}  // namespace

std::string encode_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    switch (c) {
      case '.':
        out += "%2E";
        break;
      case '*':
        out += "%2A";
        break;
      case '>':
        out += "%3E";
        break;
      case '%':
        out += "%25";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::optional<std::string> decode_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] != '%') {
      out.push_back(token[i]);
      continue;
    }
    if (i + 2 >= token.size()) return std::nullopt;
    const int high = hex_value(token[i + 1]);
    const int low = hex_value(token[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  if (!valid_utf8(out)) return std::nullopt;
  return out;
}

std::string encode_topic(const std::vector<std::string>& tokens) {
  std::string key;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i != 0) key.push_back('.');
    key += encode_token(tokens[i]);
  }
  return key;
}

bool TopicPattern::matches(const std::vector<std::string>& topic_tokens) const {
  if (topic_tokens.size() != tokens.size()) return false;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i] != kWildcard && tokens[i] != topic_tokens[i]) return false;
  }
  return true;
}

std::string TopicPattern::display() const {
  std::string text;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i != 0) text.push_back('.');
    text += tokens[i];
  }
  return text;
}

}  // namespace aviso::server
