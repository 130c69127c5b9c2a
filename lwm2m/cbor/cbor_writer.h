// CBOR encoder (RFC 8949) into a caller-provided buffer. Heads use the
// shortest argument encoding and floats the shortest exact width (preferred
// serialization, §4.2). Overflow is remembered by the ByteWriter and reported
// once by status() as kBufferTooSmall.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "lwm2m/cbor/cbor_types.h"
#include "lwm2m/core/byte_writer.h"
#include "lwm2m/core/status.h"

namespace lwm2m::cbor {

class CborWriter {
 public:
  // Writes into `out`, which the caller owns and may share with other writers.
  explicit CborWriter(ByteWriter& out) : own_(std::span<uint8_t>()), out_(&out) {}
  // Writes into `buffer` through a ByteWriter of its own.
  explicit CborWriter(std::span<uint8_t> buffer) : own_(buffer), out_(&own_) {}
  CborWriter(const CborWriter&) = delete;
  CborWriter& operator=(const CborWriter&) = delete;

  // A head with the shortest encoding of `argument`.
  void write_head(MajorType major, uint64_t argument);

  void write_unsigned(uint64_t v) { write_head(MajorType::kUnsigned, v); }
  // Encodes the negative integer -1 - n (major type 1 with argument n).
  void write_negative(uint64_t n) { write_head(MajorType::kNegative, n); }
  void write_int(int64_t v);

  void write_bytes(std::span<const uint8_t> bytes);
  void write_text(std::string_view text);

  void begin_array(uint64_t count) { write_head(MajorType::kArray, count); }
  void begin_map(uint64_t pairs) { write_head(MajorType::kMap, pairs); }
  // Indefinite-length items; each is closed by write_break().
  void begin_indefinite_array() { write_indefinite(MajorType::kArray); }
  void begin_indefinite_map() { write_indefinite(MajorType::kMap); }
  void begin_indefinite_bytes() { write_indefinite(MajorType::kBytes); }
  void begin_indefinite_text() { write_indefinite(MajorType::kText); }
  void write_break() { out_->put(kBreakByte); }

  void write_tag(uint64_t tag) { write_head(MajorType::kTag, tag); }

  void write_bool(bool v) { write_simple(v ? kSimpleTrue : kSimpleFalse); }
  void write_null() { write_simple(kSimpleNull); }
  void write_undefined() { write_simple(kSimpleUndefined); }
  // Simple values 0..23 and 32..255 (24..31 are not well-formed; written as undefined).
  void write_simple(uint8_t value);

  // The shortest of half, single and double precision that holds `v`
  // exactly; every NaN becomes the canonical half 0xf97e00.
  void write_float(double v);

  size_t size() const { return out_->size(); }
  Status status() const { return out_->status(); }
  ByteWriter& out() { return *out_; }

 private:
  void write_indefinite(MajorType major) {
    out_->put(static_cast<uint8_t>(static_cast<uint8_t>(major) << 5 | kInfoIndefinite));
  }

  ByteWriter own_;
  ByteWriter* out_;
};

}  // namespace lwm2m::cbor
