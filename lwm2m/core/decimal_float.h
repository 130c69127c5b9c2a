// Exact conversions between binary64 and decimal digits, without libc:
// correctly rounded (round-half-even) both ways, no heap, stack under 1 KB.
// number_text.cpp adds the text grammar and layout around them.
#pragma once

#include <cstdint>
#include <string_view>

#include "lwm2m/core/status.h"

namespace lwm2m {

// A positive decimal: 0.d1d2...dn x 10^exponent, d1 != 0, no trailing zeros.
struct DecimalDigits {
  static constexpr int kMaxDigits = 17;  // enough to identify every double
  char digits[kMaxDigits] = {};          // ASCII '0'..'9'
  int count = 0;
  int exponent = 0;
};

// The double nearest to digits x 10^exponent10, ties to even. `digits` holds
// only ASCII digits (at most 63; leading and trailing zeros allowed).
// Magnitudes that round past DBL_MAX give kOutOfRange; tiny ones give 0 or a
// correctly rounded subnormal. Any exponent10 is fine: one saturated by
// the caller at, say, +-100000 decides the same way as the true one.
Result<double> decimal_to_double(std::string_view digits, int32_t exponent10);

// The fewest significant digits p (1..17) whose correctly rounded value
// (round-half-even on the exact binary value) reads back as v.
// v must be finite and > 0.
Result<DecimalDigits> shortest_decimal(double v);

}  // namespace lwm2m
