#include "lwm2m/core/number_text.h"

#include <bit>
#include <cstring>

#include "lwm2m/core/decimal_float.h"

namespace lwm2m {

namespace {

constexpr size_t kMaxDoubleText = 63;
constexpr int32_t kExponentSaturation = 100000;

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

Result<uint64_t> parse_digits(std::string_view text) {
  if (text.empty() || text.size() > 20) return Error::kMalformed;
  uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return Error::kMalformed;
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return Error::kOutOfRange;
    v = v * 10 + d;
  }
  return v;
}

Result<size_t> copy_out(const char* s, size_t n, std::span<char> out) {
  if (n > out.size()) return Error::kBufferTooSmall;
  std::memcpy(out.data(), s, n);
  return n;
}

// printf's %g layout of 0.d1d2...dn x 10^exponent, shortest digits instead of a
// precision: plain decimal when the leading digit's power of ten X is in
// [-4, n), else d1.d2...dn followed by e-X or e+X (no zero padding: "1.5e-7").
// Writes at most 23 chars.
size_t layout_decimal(const DecimalDigits& d, std::span<char> out) {
  size_t n = 0;
  const int leading_power = d.exponent - 1;
  if (leading_power < -4 || leading_power >= d.count) {
    out[n++] = d.digits[0];
    if (d.count > 1) out[n++] = '.';
    for (int i = 1; i < d.count; ++i) out[n++] = d.digits[i];
    out[n++] = 'e';
    out[n++] = leading_power < 0 ? '-' : '+';
    const int power = leading_power < 0 ? -leading_power : leading_power;
    Result<size_t> written = format_uint64(static_cast<uint64_t>(power), out.subspan(n));
    return n + (written.ok() ? *written : 0);
  }
  if (leading_power < 0) {
    out[n++] = '0';
    out[n++] = '.';
    for (int zeros = -leading_power - 1; zeros > 0; --zeros) out[n++] = '0';
    for (int i = 0; i < d.count; ++i) out[n++] = d.digits[i];
    return n;
  }
  for (int i = 0; i < d.count; ++i) {
    out[n++] = d.digits[i];
    if (i == leading_power && i + 1 < d.count) out[n++] = '.';
  }
  return n;
}

}  // namespace

Result<int64_t> parse_int64(std::string_view text) {
  bool negative = !text.empty() && text[0] == '-';
  if (negative) text.remove_prefix(1);
  Result<uint64_t> mag = parse_digits(text);
  if (!mag.ok()) return mag.error();
  if (negative) {
    if (*mag > static_cast<uint64_t>(INT64_MAX) + 1) return Error::kOutOfRange;
    return static_cast<int64_t>(0 - *mag);
  }
  if (*mag > static_cast<uint64_t>(INT64_MAX)) return Error::kOutOfRange;
  return static_cast<int64_t>(*mag);
}

Result<uint64_t> parse_uint64(std::string_view text) { return parse_digits(text); }

Result<double> parse_double(std::string_view text) {
  // Validate the grammar (JSON number grammar, leading zeros allowed for
  // text/plain), collecting the mantissa digits and the exponent on the way;
  // decimal_to_double does the correctly rounded conversion.
  if (text.empty() || text.size() > kMaxDoubleText) return Error::kMalformed;
  char digits[kMaxDoubleText];  // integer and fraction digits, without the '.'
  size_t count = 0;
  size_t i = 0;
  const bool negative = text[i] == '-';
  if (negative) ++i;
  size_t int_digits = 0;
  while (i < text.size() && is_digit(text[i])) digits[count++] = text[i++], ++int_digits;
  size_t frac_digits = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_digit(text[i])) digits[count++] = text[i++], ++frac_digits;
    if (frac_digits == 0) return Error::kMalformed;
  }
  if (int_digits == 0) return Error::kMalformed;
  int32_t exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exponent_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) exponent_negative = text[i++] == '-';
    size_t exp_digits = 0;
    for (; i < text.size() && is_digit(text[i]); ++i, ++exp_digits) {
      // Saturate: beyond this the result is overflow or zero anyway.
      if (exponent < kExponentSaturation) exponent = exponent * 10 + (text[i] - '0');
    }
    if (exp_digits == 0) return Error::kMalformed;
    if (exponent_negative) exponent = -exponent;
  }
  if (i != text.size()) return Error::kMalformed;
  Result<double> magnitude =
      decimal_to_double({digits, count}, exponent - static_cast<int32_t>(frac_digits));
  if (!magnitude.ok()) return magnitude.error();
  return negative ? -*magnitude : *magnitude;
}

Result<size_t> format_uint64(uint64_t v, std::span<char> out) {
  char digits[20];
  size_t n = 0;
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  if (n > out.size()) return Error::kBufferTooSmall;
  for (size_t i = 0; i < n; ++i) out[i] = digits[n - 1 - i];
  return n;
}

Result<size_t> format_int64(int64_t v, std::span<char> out) {
  if (v >= 0) return format_uint64(static_cast<uint64_t>(v), out);
  if (out.empty()) return Error::kBufferTooSmall;
  out[0] = '-';
  Result<size_t> n = format_uint64(0 - static_cast<uint64_t>(v), out.subspan(1));
  if (!n.ok()) return n;
  return *n + 1;
}

Result<size_t> format_double(double v, std::span<char> out) {
  const uint64_t bits = std::bit_cast<uint64_t>(v);
  const bool negative = (bits >> 63) != 0;
  const uint64_t magnitude = bits & ~(uint64_t{1} << 63);
  const int biased = static_cast<int>(magnitude >> 52);
  if (biased == 0x7FF) return Error::kOutOfRange;  // inf or NaN
  if (magnitude == 0) return negative ? copy_out("-0.0", 4, out) : copy_out("0", 1, out);
  // Integral values within 2^53 print as integers: exact and what servers expect.
  if (biased >= 1023 && biased < 1023 + 53) {
    const unsigned fraction_bits = static_cast<unsigned>(1023 + 52 - biased);
    const uint64_t significand = (magnitude & ((uint64_t{1} << 52) - 1)) | uint64_t{1} << 52;
    if ((significand & ((uint64_t{1} << fraction_bits) - 1)) == 0) {
      const int64_t integer = static_cast<int64_t>(significand >> fraction_bits);
      return format_int64(negative ? -integer : integer, out);
    }
  }
  Result<DecimalDigits> shortest = shortest_decimal(std::bit_cast<double>(magnitude));
  if (!shortest.ok()) return Error::kInternal;
  char text[kMaxNumberText];
  size_t n = 0;
  if (negative) text[n++] = '-';
  n += layout_decimal(*shortest, std::span<char>(text).subspan(n));
  return copy_out(text, n, out);
}

}  // namespace lwm2m
