// An env value is rendered only when it is well-formed UTF-8 (spec 3.2: EnvNotUnicode otherwise).
// The check is the library's one validator (src/core/utf8.hpp), so this table pins its boundaries
// for every layer that uses it: the last and first code point of each sequence length, and each
// kind of ill-formed sequence RFC 3629 excludes.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <variant>

#include "core/utf8.hpp"
#include "fixtures.hpp"
#include "template/render.hpp"
#include "template/template.hpp"

namespace aviso::templates {
namespace {

struct Case {
  const char* what;
  std::string bytes;
  bool well_formed;
  std::size_t first_bad = std::string::npos;  // expected offset when ill-formed
};

std::string b(std::initializer_list<unsigned char> bytes) {
  return std::string(bytes.begin(), bytes.end());
}

const Case kCases[] = {
    {"empty", "", true},
    {"ASCII up to U+007F", b({'a', 0x7F}), true},
    {"U+0080, first two-byte", b({0xC2, 0x80}), true},
    {"U+07FF, last two-byte", b({0xDF, 0xBF}), true},
    {"U+0800, first three-byte", b({0xE0, 0xA0, 0x80}), true},
    {"U+D7FF, below the surrogates", b({0xED, 0x9F, 0xBF}), true},
    {"U+E000, above the surrogates", b({0xEE, 0x80, 0x80}), true},
    {"U+FFFF, last three-byte", b({0xEF, 0xBF, 0xBF}), true},
    {"U+10000, first four-byte", b({0xF0, 0x90, 0x80, 0x80}), true},
    {"U+10FFFF, last code point", b({0xF4, 0x8F, 0xBF, 0xBF}), true},
    {"NUL is a code point", std::string("a\0b", 3), true},
    {"Latin-1 byte", b({'c', 'a', 'f', 0xE9}), false, 3},
    {"lone continuation byte", b({'x', 0x80}), false, 1},
    {"overlong two-byte (C0)", b({0xC0, 0xAF}), false, 0},
    {"overlong two-byte (C1)", b({0xC1, 0xBF}), false, 0},
    {"overlong three-byte", b({0xE0, 0x80, 0xAF}), false, 0},
    {"overlong four-byte", b({0xF0, 0x80, 0x80, 0xAF}), false, 0},
    {"high surrogate U+D800", b({0xED, 0xA0, 0x80}), false, 0},
    {"low surrogate U+DFFF", b({0xED, 0xBF, 0xBF}), false, 0},
    {"above U+10FFFF", b({0xF4, 0x90, 0x80, 0x80}), false, 0},
    {"F5 lead byte", b({0xF5, 0x80, 0x80, 0x80}), false, 0},
    {"FF byte", b({'o', 'k', 0xFF}), false, 2},
    {"truncated two-byte at the end", b({'a', 0xC3}), false, 1},
    {"truncated four-byte at the end", b({0xF0, 0x9F, 0x98}), false, 0},
    {"ASCII where a continuation belongs", b({0xE2, 0x82, 'A'}), false, 0},
    {"bad sequence after a good one", b({0xC3, 0xA9, 0xC3}), false, 2},
};

TEST(EnvUtf8, EveryBoundaryIsRenderedOrRefusedAsRfc3629Says) {
  const Template compiled = Template::compile("[{{ env.VALUE }}]");
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.what);
    const EnvLookup env = [&](const std::string&) { return std::optional<std::string>(c.bytes); };
    const RenderResult result =
        render(compiled, RenderContext::Raw, TemplateInput(test::fixture_a()), env);
    if (c.well_formed) {
      ASSERT_TRUE(std::holds_alternative<std::string>(result));
      EXPECT_EQ(std::get<std::string>(result), "[" + c.bytes + "]");
    } else {
      ASSERT_TRUE(std::holds_alternative<TemplateError>(result));
      EXPECT_EQ(std::get<TemplateError>(result),
                (TemplateError{TemplateErrorKind::EnvNotUnicode, "VALUE"}));
    }
    EXPECT_EQ(find_invalid_utf8(c.bytes), c.first_bad);
  }
}

}  // namespace
}  // namespace aviso::templates
