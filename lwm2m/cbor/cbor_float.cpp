#include "lwm2m/cbor/cbor_float.h"

#include <cmath>
#include <cstring>

namespace lwm2m::cbor {

double half_to_double(uint16_t half) {
  const unsigned exponent = (half >> 10) & 0x1f;
  const unsigned mantissa = half & 0x3ff;
  double magnitude;
  if (exponent == 0) magnitude = std::ldexp(static_cast<double>(mantissa), -24);  // subnormal
  else if (exponent == 31) magnitude = mantissa == 0 ? INFINITY : NAN;
  else magnitude = std::ldexp(static_cast<double>(mantissa + 1024), static_cast<int>(exponent) - 25);
  return (half & 0x8000) ? -magnitude : magnitude;
}

double single_to_double(uint32_t single) {
  float f;
  std::memcpy(&f, &single, sizeof f);
  return static_cast<double>(f);
}

double double_from_bits(uint64_t bits) {
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

uint64_t double_to_bits(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  return bits;
}

bool double_to_single_exact(double v, uint32_t& out) {
  if (std::isnan(v)) return false;
  // Casting a finite double beyond float's range is undefined; rule it out first.
  if (std::isfinite(v) && std::fabs(v) > 3.4028234663852886e+38) return false;
  const float f = static_cast<float>(v);
  if (static_cast<double>(f) != v) return false;
  std::memcpy(&out, &f, sizeof out);
  return true;
}

bool double_to_half_exact(double v, uint16_t& out) {
  uint32_t single;
  if (!double_to_single_exact(v, single)) return false;
  const uint16_t sign = static_cast<uint16_t>((single >> 16) & 0x8000);
  const int exponent = static_cast<int>((single >> 23) & 0xff);
  const uint32_t mantissa = single & 0x7fffff;
  if (exponent == 0xff) {  // infinity (NaN was excluded above)
    out = static_cast<uint16_t>(sign | 0x7c00);
    return true;
  }
  if (exponent == 0 && mantissa == 0) {  // signed zero
    out = sign;
    return true;
  }
  if (exponent == 0) return false;  // single subnormals are far below half's range
  const int unbiased = exponent - 127;
  if (unbiased >= -14 && unbiased <= 15) {  // half normal: 13 low mantissa bits must be zero
    if (mantissa & 0x1fff) return false;
    out = static_cast<uint16_t>(sign | (unbiased + 15) << 10 | mantissa >> 13);
    return true;
  }
  if (unbiased >= -24 && unbiased < -14) {  // half subnormal: value = m * 2^-24
    const uint32_t significand = mantissa | 0x800000;
    const int shift = 13 + (-14 - unbiased);
    if (significand & ((uint32_t{1} << shift) - 1)) return false;
    out = static_cast<uint16_t>(sign | significand >> shift);
    return true;
  }
  return false;
}

}  // namespace lwm2m::cbor
