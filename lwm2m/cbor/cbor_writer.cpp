#include "lwm2m/cbor/cbor_writer.h"

#include <cmath>

#include "lwm2m/cbor/cbor_float.h"

namespace lwm2m::cbor {

namespace {

uint8_t initial_byte(MajorType major, uint8_t info) {
  return static_cast<uint8_t>(static_cast<uint8_t>(major) << 5 | info);
}

}  // namespace

void CborWriter::write_head(MajorType major, uint64_t argument) {
  if (argument < kInfoOneByte) {
    out_->put(initial_byte(major, static_cast<uint8_t>(argument)));
  } else if (argument <= 0xff) {
    out_->put(initial_byte(major, kInfoOneByte));
    out_->put_be(argument, 1);
  } else if (argument <= 0xffff) {
    out_->put(initial_byte(major, kInfoTwoBytes));
    out_->put_be(argument, 2);
  } else if (argument <= 0xffffffff) {
    out_->put(initial_byte(major, kInfoFourBytes));
    out_->put_be(argument, 4);
  } else {
    out_->put(initial_byte(major, kInfoEightBytes));
    out_->put_be(argument, 8);
  }
}

void CborWriter::write_int(int64_t v) {
  // -1 - v computed in unsigned arithmetic so INT64_MIN does not overflow.
  if (v >= 0) write_unsigned(static_cast<uint64_t>(v));
  else write_negative(~static_cast<uint64_t>(v));
}

void CborWriter::write_bytes(std::span<const uint8_t> bytes) {
  write_head(MajorType::kBytes, bytes.size());
  out_->put(bytes);
}

void CborWriter::write_text(std::string_view text) {
  write_head(MajorType::kText, text.size());
  out_->put(text);
}

void CborWriter::write_simple(uint8_t value) {
  if (value < kInfoOneByte) {
    out_->put(initial_byte(MajorType::kSimple, value));
  } else if (value >= 32) {
    out_->put(initial_byte(MajorType::kSimple, kInfoOneByte));
    out_->put(value);
  } else {
    write_undefined();
  }
}

void CborWriter::write_float(double v) {
  if (std::isnan(v)) {
    out_->put(initial_byte(MajorType::kSimple, kInfoTwoBytes));
    out_->put_be(0x7e00, 2);
    return;
  }
  uint16_t half;
  uint32_t single;
  if (double_to_half_exact(v, half)) {
    out_->put(initial_byte(MajorType::kSimple, kInfoTwoBytes));
    out_->put_be(half, 2);
  } else if (double_to_single_exact(v, single)) {
    out_->put(initial_byte(MajorType::kSimple, kInfoFourBytes));
    out_->put_be(single, 4);
  } else {
    out_->put(initial_byte(MajorType::kSimple, kInfoEightBytes));
    out_->put_be(double_to_bits(v), 8);
  }
}

}  // namespace lwm2m::cbor
