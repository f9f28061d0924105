// Small string helpers used across the CLI.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aviso::cli {

// `text` without leading and trailing blanks (space, tab, CR, LF).
std::string trim(std::string_view text);

// "a, b, c"
std::string join(const std::vector<std::string>& parts, std::string_view separator);

bool starts_with(std::string_view text, std::string_view prefix) noexcept;
bool ends_with(std::string_view text, std::string_view suffix) noexcept;

}  // namespace aviso::cli
