// A fixed-size unsigned big integer on the stack, just big enough for exact
// conversions between binary64 and decimal text (decimal_float.cpp).
#pragma once

#include <cstddef>
#include <cstdint>

namespace lwm2m {

class BigUint {
 public:
  // 1152 bits. The largest value the conversions build is about 2^1080: a
  // subnormal's 2^1076 denominator times 10 while generating a digit.
  static constexpr size_t kLimbs = 36;

  BigUint() = default;
  explicit BigUint(uint64_t v);

  // Arithmetic in place. A result that would not fit sets a sticky overflow
  // flag instead of writing past the limbs; callers check overflowed() once.
  void multiply_small(uint32_t m);
  void add_small(uint32_t a);
  void multiply_pow5(unsigned n);
  void multiply_pow10(unsigned n);
  void shift_left(unsigned bits);
  void add(const BigUint& other);
  void add_multiple(const BigUint& other, uint32_t m);  // *this += other * m
  void subtract(const BigUint& smaller);  // requires *this >= smaller

  // Floor of *this / divisor when that quotient is below 2^32; *this keeps the
  // remainder. Estimates from the top bits, then corrects by at most a few steps.
  uint32_t divide_small_quotient(const BigUint& divisor);

  bool is_zero() const { return size_ == 0; }
  bool overflowed() const { return overflowed_; }
  unsigned bit_length() const;
  // The 64 bits starting at bit `low` (bits above low+63 are dropped).
  uint64_t bits_from(unsigned low) const;
  // Whether any bit below bit `count` is set.
  bool any_bit_below(unsigned count) const;

  // -1, 0 or 1 as a < b, a == b, a > b.
  static int compare(const BigUint& a, const BigUint& b);
  // Compares a + b with c without building the sum.
  static int compare_sum(const BigUint& a, const BigUint& b, const BigUint& c);

 private:
  uint32_t limb(size_t i) const { return i < size_ ? limbs_[i] : 0; }
  void trim();
  void subtract_multiple(const BigUint& divisor, uint32_t q);  // *this -= q * divisor, no underflow

  uint32_t limbs_[kLimbs] = {};
  size_t size_ = 0;  // limbs in use; the top one is non-zero
  bool overflowed_ = false;
};

}  // namespace lwm2m
