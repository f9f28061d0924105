// UTF-8 validation: env values must be valid UTF-8 to be rendered (EnvNotUnicode otherwise).
#pragma once

#include <string_view>

namespace aviso::templates {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text) noexcept;

}  // namespace aviso::templates
