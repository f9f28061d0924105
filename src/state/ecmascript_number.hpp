// ECMAScript Number-to-String formatting (ECMA-262 Number::toString, radix 10), the number form
// RFC 8785 requires for canonical JSON.
#pragma once

#include <string>

namespace aviso::state {

// Appends the ECMAScript rendering of a finite double: the shortest digits that round-trip,
// plain notation for 1e-6 <= |x| < 1e21 ("0.000001", "123.45", "100000000000000000000"),
// exponent notation outside it ("1e-7", "1.5e+21"), and "0" for both zeros.
// Precondition: std::isfinite(value).
void append_ecmascript_number(std::string& out, double value);

}  // namespace aviso::state
