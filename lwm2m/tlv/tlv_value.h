// The value field of a TLV for a typed value (Core TS §7.4.3, Appendix C).
// Decoding the other way is lwm2m::convert with WireEncoding::kTlvBytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/core/status.h"
#include "lwm2m/core/value.h"

namespace lwm2m {

// The bytes of a value as TLV carries them. Numbers are held in the object
// (so it can be copied freely); strings and opaque values stay views of the
// Value's own bytes.
//   Integer, Time:     shortest of 1, 2, 4, 8 bytes two's complement, big-endian
//                      (1.0-era servers cannot decode needlessly long integers)
//   Unsigned Integer:  shortest of 1, 2, 4, 8 bytes, big-endian
//   Float:             4 bytes when the value is exactly a float, else 8 (IEEE 754)
//   Boolean:           1 byte, 0 or 1
//   Objlnk:            object id then instance id, 16 bits each
//   String, Corelnk:   the UTF-8 bytes; Opaque: the raw bytes
class TlvValue {
 public:
  // kTypeMismatch for DataType::kNone (an execute-only resource has no value).
  static Result<TlvValue> of(const Value& value);

  std::span<const uint8_t> bytes() const {
    return external_ ? external_bytes_ : std::span<const uint8_t>(scalar_, scalar_size_);
  }

 private:
  uint8_t scalar_[8] = {};
  size_t scalar_size_ = 0;
  bool external_ = false;
  std::span<const uint8_t> external_bytes_;
};

// Writes the TLV value field of `value` into `out`; returns its size.
Result<size_t> encode_tlv_value(const Value& value, std::span<uint8_t> out);

}  // namespace lwm2m
