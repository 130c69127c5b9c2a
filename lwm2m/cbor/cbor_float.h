// IEEE 754 half/single/double conversions for CBOR floats (RFC 8949 §3.3,
// Appendix D), done on bit patterns so they behave the same on every target.
#pragma once

#include <cstdint>

namespace lwm2m::cbor {

// The value of a binary16 bit pattern, exactly.
double half_to_double(uint16_t half);
double single_to_double(uint32_t single);
double double_from_bits(uint64_t bits);
uint64_t double_to_bits(double v);

// True when `v` is exactly representable in binary16 / binary32; the bit
// pattern is stored in `out`. NaN is never "exact" here: callers pick the
// canonical NaN themselves.
bool double_to_half_exact(double v, uint16_t& out);
bool double_to_single_exact(double v, uint32_t& out);

}  // namespace lwm2m::cbor
