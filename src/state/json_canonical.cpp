#include "state/json_canonical.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <utility>
#include <vector>

#include "core/utf8.hpp"
#include "state/ecmascript_number.hpp"
#include "core/json_string.hpp"

namespace aviso::state {
namespace {

// UTF-16 code units of a valid UTF-8 string: RFC 8785 orders member names by them, which differs
// from byte order for characters above U+FFFF against U+E000..U+FFFF.
std::u16string to_utf16(std::string_view utf8) {
  std::u16string out;
  out.reserve(utf8.size());
  std::size_t i = 0;
  while (i < utf8.size()) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    std::uint32_t code_point = 0;
    std::size_t length = 1;
    if (lead < 0x80) {
      code_point = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      code_point = lead & 0x1Fu;
      length = 2;
    } else if ((lead & 0xF0) == 0xE0) {
      code_point = lead & 0x0Fu;
      length = 3;
    } else {
      code_point = lead & 0x07u;
      length = 4;
    }
    for (std::size_t k = 1; k < length; ++k) {
      code_point = (code_point << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3Fu);
    }
    if (code_point >= 0x10000) {
      code_point -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (code_point >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (code_point & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(code_point));
    }
    i += length;
  }
  return out;
}

class Canonicalizer {
 public:
  explicit Canonicalizer(std::string& out) : out_(out) {}

  void write(const nlohmann::json& value) {
    using Type = nlohmann::json::value_t;
    switch (value.type()) {
      case Type::null:
        out_.append("null");
        return;
      case Type::boolean:
        out_.append(value.get<bool>() ? "true" : "false");
        return;
      case Type::number_integer:
        out_.append(std::to_string(value.get<std::int64_t>()));
        return;
      case Type::number_unsigned:
        out_.append(std::to_string(value.get<std::uint64_t>()));
        return;
      case Type::number_float: {
        const double number = value.get<double>();
        if (!std::isfinite(number)) fail("non-finite number");
        append_ecmascript_number(out_, number);
        return;
      }
      case Type::string:
        write_string(value.get_ref<const std::string&>());
        return;
      case Type::array:
        write_array(value);
        return;
      case Type::object:
        write_object(value);
        return;
      case Type::binary:
        fail("binary value");
      case Type::discarded:
        fail("discarded value");
    }
    fail("value of unknown type");
  }

 private:
  [[noreturn]] void fail(std::string_view what) const {
    throw CanonicalizationError(std::string(what) + " at " +
                                (pointer_.empty() ? std::string("the top level") : pointer_) +
                                " cannot be canonicalised");
  }

  void write_string(const std::string& text) {
    try {
      append_json_string(out_, text);
    } catch (const InvalidUtf8& error) {
      fail(error.what());
    }
  }

  void write_array(const nlohmann::json& array) {
    out_.push_back('[');
    std::size_t index = 0;
    for (const auto& element : array) {
      if (index > 0) out_.push_back(',');
      const std::size_t mark = push_pointer(std::to_string(index));
      write(element);
      pointer_.resize(mark);
      ++index;
    }
    out_.push_back(']');
  }

  void write_object(const nlohmann::json& object) {
    std::vector<std::pair<std::u16string, nlohmann::json::const_iterator>> members;
    members.reserve(object.size());
    for (auto it = object.begin(); it != object.end(); ++it) {
      if (!is_valid_utf8(it.key())) {
        push_pointer(it.key());
        fail("member name that is not valid UTF-8");
      }
      members.emplace_back(to_utf16(it.key()), it);
    }
    std::sort(members.begin(), members.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    out_.push_back('{');
    bool first = true;
    for (const auto& [name, it] : members) {
      if (!first) out_.push_back(',');
      first = false;
      append_json_string(out_, it.key());
      out_.push_back(':');
      const std::size_t mark = push_pointer(it.key());
      write(it.value());
      pointer_.resize(mark);
    }
    out_.push_back('}');
  }

  // Extends the RFC 6901 pointer used in error messages; returns the length to restore.
  std::size_t push_pointer(std::string_view token) {
    const std::size_t mark = pointer_.size();
    pointer_.push_back('/');
    for (const char c : token) {
      if (c == '~') {
        pointer_.append("~0");
      } else if (c == '/') {
        pointer_.append("~1");
      } else {
        pointer_.push_back(c);
      }
    }
    return mark;
  }

  std::string& out_;
  std::string pointer_;
};

}  // namespace

std::string canonicalize_json(const nlohmann::json& value) {
  std::string out;
  Canonicalizer(out).write(value);
  return out;
}

}  // namespace aviso::state
