#include "lwm2m/core/big_uint.h"

#include <bit>

namespace lwm2m {

namespace {

constexpr uint32_t kPow5[14] = {1,       5,        25,        125,        625,        3125,       15625,
                                78125,   390625,   1953125,   9765625,    48828125,   244140625, 1220703125};

}  // namespace

BigUint::BigUint(uint64_t v) {
  limbs_[0] = static_cast<uint32_t>(v);
  limbs_[1] = static_cast<uint32_t>(v >> 32);
  size_ = 2;
  trim();
}

void BigUint::trim() {
  while (size_ > 0 && limbs_[size_ - 1] == 0) --size_;
}

void BigUint::multiply_small(uint32_t m) {
  uint64_t carry = 0;
  for (size_t i = 0; i < size_; ++i) {
    uint64_t product = static_cast<uint64_t>(limbs_[i]) * m + carry;
    limbs_[i] = static_cast<uint32_t>(product);
    carry = product >> 32;
  }
  if (carry == 0) {
    trim();  // m may be 0
  } else if (size_ < kLimbs) {
    limbs_[size_++] = static_cast<uint32_t>(carry);
  } else {
    overflowed_ = true;
  }
}

void BigUint::add_small(uint32_t a) {
  uint64_t carry = a;
  for (size_t i = 0; i < size_ && carry != 0; ++i) {
    uint64_t sum = static_cast<uint64_t>(limbs_[i]) + carry;
    limbs_[i] = static_cast<uint32_t>(sum);
    carry = sum >> 32;
  }
  if (carry == 0) return;
  if (size_ < kLimbs) {
    limbs_[size_++] = static_cast<uint32_t>(carry);
  } else {
    overflowed_ = true;
  }
}

void BigUint::multiply_pow5(unsigned n) {
  for (; n >= 13; n -= 13) multiply_small(kPow5[13]);
  if (n > 0) multiply_small(kPow5[n]);
}

void BigUint::multiply_pow10(unsigned n) {
  multiply_pow5(n);
  shift_left(n);
}

void BigUint::shift_left(unsigned bits) {
  if (size_ == 0 || bits == 0) return;
  const size_t words = bits / 32;
  const unsigned rest = bits % 32;
  const bool spills = rest != 0 && (limbs_[size_ - 1] >> (32 - rest)) != 0;
  const size_t new_size = size_ + words + (spills ? 1 : 0);
  if (new_size > kLimbs) {
    overflowed_ = true;
    return;
  }
  if (spills) limbs_[new_size - 1] = limbs_[size_ - 1] >> (32 - rest);
  for (size_t i = size_; i-- > 0;) {
    uint32_t lower = (rest != 0 && i > 0) ? limbs_[i - 1] >> (32 - rest) : 0;
    limbs_[i + words] = (rest != 0 ? limbs_[i] << rest : limbs_[i]) | lower;
  }
  for (size_t i = 0; i < words; ++i) limbs_[i] = 0;
  size_ = new_size;
}

void BigUint::add(const BigUint& other) { add_multiple(other, 1); }

void BigUint::subtract(const BigUint& smaller) { subtract_multiple(smaller, 1); }

void BigUint::subtract_multiple(const BigUint& divisor, uint32_t q) {
  uint64_t carry = 0;
  uint64_t borrow = 0;
  for (size_t i = 0; i < size_; ++i) {
    uint64_t product = static_cast<uint64_t>(divisor.limb(i)) * q + carry;
    carry = product >> 32;
    uint64_t diff = static_cast<uint64_t>(limbs_[i]) - static_cast<uint32_t>(product) - borrow;
    limbs_[i] = static_cast<uint32_t>(diff);
    borrow = diff >> 63;  // a negative difference wrapped around
  }
  trim();
}

uint32_t BigUint::divide_small_quotient(const BigUint& divisor) {
  const unsigned n = divisor.bit_length();
  if (n == 0) {
    overflowed_ = true;  // division by zero: no caller does this
    return 0;
  }
  // Both tops are taken at the same bit, so their ratio approximates ours.
  const unsigned low = n > 32 ? n - 32 : 0;
  const uint64_t top = bits_from(low);
  const uint64_t divisor_top = divisor.bits_from(low);
  // With nothing dropped the small division is exact; otherwise rounding the
  // divisor up keeps the estimate at or below the true quotient (by at most a few).
  uint64_t q = low == 0 ? top / divisor_top : top / (divisor_top + 1);
  if (q > UINT32_MAX) {
    overflowed_ = true;  // precondition broken: quotient must fit 32 bits
    return 0;
  }
  subtract_multiple(divisor, static_cast<uint32_t>(q));
  while (compare(*this, divisor) >= 0) {
    subtract(divisor);
    ++q;
  }
  return static_cast<uint32_t>(q);
}

unsigned BigUint::bit_length() const {
  if (size_ == 0) return 0;
  return static_cast<unsigned>(32 * (size_ - 1)) + 32u - static_cast<unsigned>(std::countl_zero(limbs_[size_ - 1]));
}

uint64_t BigUint::bits_from(unsigned low) const {
  const size_t word = low / 32;
  const unsigned rest = low % 32;
  uint64_t lo = limb(word) | static_cast<uint64_t>(limb(word + 1)) << 32;
  if (rest == 0) return lo;
  return (lo >> rest) | static_cast<uint64_t>(limb(word + 2)) << (64 - rest);
}

bool BigUint::any_bit_below(unsigned count) const {
  const size_t word = count / 32;
  for (size_t i = 0; i < word && i < size_; ++i) {
    if (limbs_[i] != 0) return true;
  }
  const unsigned rest = count % 32;
  return rest != 0 && (limb(word) & ((uint32_t{1} << rest) - 1)) != 0;
}

int BigUint::compare(const BigUint& a, const BigUint& b) {
  if (a.size_ != b.size_) return a.size_ < b.size_ ? -1 : 1;
  for (size_t i = a.size_; i-- > 0;) {
    if (a.limbs_[i] != b.limbs_[i]) return a.limbs_[i] < b.limbs_[i] ? -1 : 1;
  }
  return 0;
}

int BigUint::compare_sum(const BigUint& a, const BigUint& b, const BigUint& c) {
  size_t n = a.size_ > b.size_ ? a.size_ : b.size_;
  if (c.size_ > n) n = c.size_;
  // From the top: `difference` is (a + b - c) over the limbs seen so far. The
  // limbs still below add something in (-1, 2) of the current unit, so once it
  // reaches 1 or -2 the sign is settled. Usually that is at the first limb.
  int64_t difference = 0;
  for (size_t i = n; i-- > 0;) {
    difference = difference * (int64_t{1} << 32) + a.limb(i) + b.limb(i) - c.limb(i);
    if (difference >= 1) return 1;
    if (difference <= -2) return -1;
  }
  return difference == 0 ? 0 : -1;
}

void BigUint::add_multiple(const BigUint& other, uint32_t m) {
  const size_t n = size_ > other.size_ ? size_ : other.size_;
  uint64_t carry = 0;
  for (size_t i = 0; i < n; ++i) {
    // limb + limb * m + carry stays below 2^64.
    uint64_t sum = static_cast<uint64_t>(limb(i)) + static_cast<uint64_t>(other.limb(i)) * m + carry;
    limbs_[i] = static_cast<uint32_t>(sum);
    carry = sum >> 32;
  }
  size_ = n;
  if (carry != 0) {
    if (size_ < kLimbs) {
      limbs_[size_++] = static_cast<uint32_t>(carry);
    } else {
      overflowed_ = true;
    }
  }
  trim();
}

}  // namespace lwm2m
