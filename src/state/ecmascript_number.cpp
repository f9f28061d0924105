#include "state/ecmascript_number.hpp"

#include <array>
#include <charconv>
#include <cstdlib>
#include <string_view>

namespace aviso::state {

void append_ecmascript_number(std::string& out, double value) {
  if (value == 0) {  // +0 and -0 alike
    out.push_back('0');
    return;
  }
  if (value < 0) {
    out.push_back('-');
    value = -value;
  }
  // std::to_chars without a precision gives the shortest representation that round-trips and,
  // among those, the one closest to the value: exactly the digits ECMAScript asks for. The
  // scientific form "d.ddde+XX" hands us the digits and the exponent separately.
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                    std::chars_format::scientific);
  const std::string_view text(buffer.data(), static_cast<std::size_t>(result.ptr - buffer.data()));
  const std::size_t e_pos = text.find('e');
  std::string digits;
  digits.reserve(20);
  for (const char c : text.substr(0, e_pos)) {
    if (c != '.') digits.push_back(c);
  }
  const int exponent = std::atoi(std::string(text.substr(e_pos + 1)).c_str());

  // ECMA-262 names: k digits, the value is 0.d1d2..dk * 10^n.
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;
  if (k <= n && n <= 21) {
    out.append(digits).append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out.append(digits, 0, static_cast<std::size_t>(n)).push_back('.');
    out.append(digits, static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out.append("0.").append(static_cast<std::size_t>(-n), '0').append(digits);
  } else {
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out.append(digits, 1);
    }
    out.push_back('e');
    out.push_back(n - 1 >= 0 ? '+' : '-');
    out.append(std::to_string(std::abs(n - 1)));
  }
}

}  // namespace aviso::state
