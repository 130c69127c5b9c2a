#include "lwm2m/core/decimal_float.h"

#include <bit>
#include <cfloat>

#include "lwm2m/core/big_uint.h"

namespace lwm2m {

namespace {

constexpr uint64_t kFractionMask = (uint64_t{1} << 52) - 1;
constexpr uint64_t kHiddenBit = uint64_t{1} << 52;
constexpr int kMaxDecimalDigits = 63;  // parse_double's text limit
constexpr int32_t kExponentClamp = 100000;

// The double nearest to (mantissa + a little, when sticky) x 2^exp2, ties to
// even. `sticky` says non-zero bits were dropped below the mantissa.
Result<double> round_to_double(uint64_t mantissa, int32_t exp2, bool sticky) {
  const int leading_zeros = std::countl_zero(mantissa);
  mantissa <<= leading_zeros;
  const int32_t top = exp2 - leading_zeros + 63;  // the leading bit's weight is 2^top
  if (top > 1023) return Error::kOutOfRange;
  // Bits of the 64-bit mantissa that do not fit the 53-bit significand; a
  // subnormal holds fewer significant bits.
  const int32_t drop = top >= -1022 ? 11 : 11 + (-1022 - top);
  if (drop > 64) return 0.0;  // below half the smallest subnormal
  uint64_t kept = 0;
  uint64_t rest = mantissa;
  uint64_t half = uint64_t{1} << 63;
  if (drop < 64) {
    kept = mantissa >> drop;
    rest = mantissa & ((uint64_t{1} << drop) - 1);
    half = uint64_t{1} << (drop - 1);
  }
  const bool round_up = rest > half || (rest == half && (sticky || (kept & 1) != 0));
  if (round_up) ++kept;
  // A normal significand carries the hidden bit, so adding it to exponent-1
  // lands on the right exponent, also when rounding carried into 2^53.
  // A subnormal that rounds up to 2^52 is exactly DBL_MIN's bit pattern.
  const uint64_t bits = top >= -1022 ? (static_cast<uint64_t>(top + 1022) << 52) + kept : kept;
  if ((bits >> 52) >= 0x7FF) return Error::kOutOfRange;
  return std::bit_cast<double>(bits);
}

#if FLT_EVAL_METHOD == 0
// Powers of ten a double holds exactly: one multiplication or division by
// them is a single correctly rounded operation.
constexpr double kExactPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
#endif

}  // namespace

Result<double> decimal_to_double(std::string_view digits, int32_t exponent10) {
  if (digits.size() > kMaxDecimalDigits) return Error::kMalformed;
  // Past these every outcome is already overflow or zero; clamping keeps the
  // exponent arithmetic below far from int32 limits.
  if (exponent10 > kExponentClamp) exponent10 = kExponentClamp;
  if (exponent10 < -kExponentClamp) exponent10 = -kExponentClamp;
  while (!digits.empty() && digits.front() == '0') digits.remove_prefix(1);
  while (!digits.empty() && digits.back() == '0') {
    digits.remove_suffix(1);
    ++exponent10;
  }
  if (digits.empty()) return 0.0;
  const int32_t count = static_cast<int32_t>(digits.size());
  // value = d1.d2... x 10^leading; 10^309 is past DBL_MAX and 10^-324 is
  // below half the smallest subnormal (4.9e-324).
  const int32_t leading = exponent10 + count - 1;
  if (leading > 308) return Error::kOutOfRange;
  if (leading < -324) return 0.0;

#if FLT_EVAL_METHOD == 0
  // Fast path: an integer below 10^15 < 2^53 and 10^|e| <= 10^22 are exact.
  if (count <= 15 && exponent10 >= -22 && exponent10 <= 22) {
    uint64_t n = 0;
    for (char c : digits) n = n * 10 + static_cast<uint64_t>(c - '0');
    const double x = static_cast<double>(n);
    return exponent10 >= 0 ? x * kExactPow10[exponent10] : x / kExactPow10[-exponent10];
  }
#endif

  // Exact path: value = D x 5^e x 2^e with D the decimal integer. Take 64
  // leading bits of the exact value plus a sticky bit, then round once.
  BigUint value;
  for (char c : digits) {
    value.multiply_small(10);
    value.add_small(static_cast<uint32_t>(c - '0'));
  }
  uint64_t mantissa = 0;
  int32_t exp2 = 0;
  bool sticky = false;
  if (exponent10 >= 0) {
    value.multiply_pow5(static_cast<unsigned>(exponent10));
    const unsigned length = value.bit_length();
    const unsigned low = length > 64 ? length - 64 : 0;
    mantissa = value.bits_from(low);
    sticky = value.any_bit_below(low);
    exp2 = exponent10 + static_cast<int32_t>(low);
  } else {
    // value = D x 2^e / 5^-e: divide D x 2^shift by 5^-e, with shift chosen
    // so the quotient falls in (2^62, 2^64), in two 32-bit quotient steps.
    BigUint divisor(1);
    divisor.multiply_pow5(static_cast<unsigned>(-exponent10));
    const int32_t shift =
        63 + static_cast<int32_t>(divisor.bit_length()) - static_cast<int32_t>(value.bit_length());
    if (shift >= 32) {
      value.shift_left(static_cast<unsigned>(shift - 32));
    } else {
      divisor.shift_left(static_cast<unsigned>(32 - shift));
    }
    const uint64_t high = value.divide_small_quotient(divisor);
    value.shift_left(32);
    const uint64_t low = value.divide_small_quotient(divisor);
    mantissa = high << 32 | low;
    sticky = !value.is_zero();
    exp2 = exponent10 - shift;
    if (divisor.overflowed()) return Error::kInternal;
  }
  if (value.overflowed()) return Error::kInternal;
  return round_to_double(mantissa, exp2, sticky);
}

Result<DecimalDigits> shortest_decimal(double v) {
  const uint64_t bits = std::bit_cast<uint64_t>(v);
  const int biased = static_cast<int>(bits >> 52);
  const uint64_t fraction = bits & kFractionMask;
  if (biased >= 0x7FF || bits == 0) return Error::kOutOfRange;  // sign set, inf, NaN or zero
  const uint64_t f = biased == 0 ? fraction : fraction | kHiddenBit;
  const int e = biased == 0 ? -1074 : biased - 1075;  // v = f x 2^e
  // An odd significand's neighbours do not read back to v at the exact midpoint.
  const bool even = (f & 1) == 0;
  // At a power of two (not the smallest normal) the gap below is half the gap above.
  const bool narrow_below = fraction == 0 && biased > 1;

  // Scale so that r / s = v / 10^k lands in [0.1, 1): v = 0.d1d2... x 10^k.
  // The estimate floor(log10(2^floor_log2)) + 1 is at most one off either way.
  const int floor_log2 = e + static_cast<int>(64 - std::countl_zero(f)) - 1;
  int k = ((floor_log2 * 78913) >> 18) + 1;

  // v / 10^k = r / s exactly, and high / s, low / s are the half-gaps to the
  // next double above and below: anything strictly inside reads back as v.
  // Each is 5^a x 2^b times a small factor; doubling everything (twice with
  // narrow_below) makes the half-gaps integers. Common powers of two cancel,
  // which keeps the numbers (and the work per digit) small.
  const int extra = narrow_below ? 2 : 1;
  const int k_pos = k > 0 ? k : 0;
  const int k_neg = k < 0 ? -k : 0;
  int r2 = e + extra + k_neg;
  int s2 = extra + k_pos;
  int high2 = e + extra - 1 + k_neg;
  int low2 = e + k_neg;
  int common = r2 < s2 ? r2 : s2;
  if (low2 < common) common = low2;  // low2 <= high2
  r2 -= common;
  s2 -= common;
  high2 -= common;
  low2 -= common;
  BigUint low(1);
  low.multiply_pow5(static_cast<unsigned>(k_neg));
  BigUint high = low;  // differs from low only when narrow_below
  BigUint r = low;  // times f, 53 bits, in two 32-bit halves
  r.multiply_small(static_cast<uint32_t>(f >> 32));
  r.shift_left(32);
  r.add_multiple(low, static_cast<uint32_t>(f));
  BigUint s(1);
  s.multiply_pow5(static_cast<unsigned>(k_pos));
  r.shift_left(static_cast<unsigned>(r2));
  s.shift_left(static_cast<unsigned>(s2));
  high.shift_left(static_cast<unsigned>(high2));
  low.shift_left(static_cast<unsigned>(low2));
  if (BigUint::compare(r, s) >= 0) {
    s.multiply_small(10);
    ++k;
  }

  // One digit at a time: after p digits the tail r / s (in units of the p-th
  // digit) decides both the correctly rounded p-digit value and whether it
  // stays inside the half-gaps, that is, reads back as v.
  DecimalDigits out;
  for (int step = 0; step <= DecimalDigits::kMaxDigits && out.count < DecimalDigits::kMaxDigits; ++step) {
    r.multiply_small(10);
    low.multiply_small(10);
    if (narrow_below) high.multiply_small(10);
    const uint32_t digit = r.divide_small_quotient(s);
    if (out.count == 0 && digit == 0) {
      --k;  // k was estimated one too high: the scaling by 10 just now fixes it
      continue;
    }
    out.digits[out.count++] = static_cast<char>('0' + digit);
    const int tail_vs_half = BigUint::compare_sum(r, r, s);
    const bool round_up = tail_vs_half > 0 || (tail_vs_half == 0 && (digit & 1) != 0);
    const int margin = round_up ? BigUint::compare_sum(r, narrow_below ? high : low, s) : -BigUint::compare(r, low);
    const bool reads_back = margin > 0 || (margin == 0 && even);
    if (!reads_back) continue;
    if (r.overflowed() || s.overflowed() || high.overflowed() || low.overflowed()) return Error::kInternal;
    if (round_up) {
      int i = out.count - 1;
      while (i >= 0 && out.digits[i] == '9') out.digits[i--] = '0';
      if (i < 0) {  // 0.99..9 rounds up to 1.0: one more decimal place
        out.digits[0] = '1';
        out.count = 1;
        ++k;
      } else {
        ++out.digits[i];
      }
    }
    while (out.count > 1 && out.digits[out.count - 1] == '0') --out.count;
    out.exponent = k;
    return out;
  }
  return Error::kInternal;  // 17 digits always read back
}

}  // namespace lwm2m
