#include "lwm2m/core/number_text.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace lwm2m {

namespace {

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
  // Validate the grammar ourselves (JSON number grammar, leading zeros allowed
  // for text/plain), then let strtod do the correctly rounded conversion.
  char buf[64];
  if (text.empty() || text.size() >= sizeof buf) return Error::kMalformed;
  size_t i = 0;
  if (text[i] == '-') ++i;
  size_t int_digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++int_digits;
  size_t frac_digits = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++frac_digits;
    if (frac_digits == 0) return Error::kMalformed;
  }
  if (int_digits == 0) return Error::kMalformed;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++exp_digits;
    if (exp_digits == 0) return Error::kMalformed;
  }
  if (i != text.size()) return Error::kMalformed;
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  double v = std::strtod(buf, nullptr);
  if (std::isinf(v)) return Error::kOutOfRange;
  return v;
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
  if (!std::isfinite(v)) return Error::kOutOfRange;
  // Integral values within 2^53 print as integers: exact and what servers expect.
  if (v == std::trunc(v) && std::fabs(v) < 9007199254740992.0) {
    if (v == 0 && std::signbit(v)) return copy_out("-0.0", 4, out);
    return format_int64(static_cast<int64_t>(v), out);
  }
  char buf[kMaxNumberText];
  for (int precision = 15; precision <= 17; ++precision) {
    int n = std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (n <= 0 || static_cast<size_t>(n) >= sizeof buf) return Error::kInternal;
    if (precision == 17 || std::strtod(buf, nullptr) == v) return copy_out(buf, static_cast<size_t>(n), out);
  }
  return Error::kInternal;
}

}  // namespace lwm2m
