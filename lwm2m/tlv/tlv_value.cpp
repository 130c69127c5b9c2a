#include "lwm2m/tlv/tlv_value.h"

#include <cfloat>
#include <cmath>
#include <cstring>

namespace lwm2m {

namespace {

size_t signed_width(int64_t v) {
  if (v >= INT8_MIN && v <= INT8_MAX) return 1;
  if (v >= INT16_MIN && v <= INT16_MAX) return 2;
  if (v >= INT32_MIN && v <= INT32_MAX) return 4;
  return 8;
}

size_t unsigned_width(uint64_t v) {
  if (v <= UINT8_MAX) return 1;
  if (v <= UINT16_MAX) return 2;
  if (v <= UINT32_MAX) return 4;
  return 8;
}

// True when the double survives a round trip through float unchanged.
bool is_exact_float(double d) {
  if (std::isnan(d)) return false;  // keep the payload bits as they are: 8 bytes
  if (std::isinf(d)) return true;
  if (std::fabs(d) > FLT_MAX) return false;  // the cast would be undefined
  return static_cast<double>(static_cast<float>(d)) == d;
}

}  // namespace

Result<TlvValue> TlvValue::of(const Value& value) {
  TlvValue t;
  auto put_be = [&t](uint64_t v, size_t width) {
    for (size_t i = 0; i < width; ++i) t.scalar_[i] = static_cast<uint8_t>(v >> ((width - 1 - i) * 8));
    t.scalar_size_ = width;
  };
  switch (value.type) {
    case DataType::kInteger:
    case DataType::kTime:
      put_be(static_cast<uint64_t>(value.integer), signed_width(value.integer));
      return t;
    case DataType::kUnsignedInteger:
      put_be(value.unsigned_integer, unsigned_width(value.unsigned_integer));
      return t;
    case DataType::kFloat:
      if (is_exact_float(value.floating)) {
        float f = static_cast<float>(value.floating);
        uint32_t raw;
        std::memcpy(&raw, &f, sizeof raw);
        put_be(raw, 4);
      } else {
        uint64_t raw;
        std::memcpy(&raw, &value.floating, sizeof raw);
        put_be(raw, 8);
      }
      return t;
    case DataType::kBoolean:
      put_be(value.boolean ? 1 : 0, 1);
      return t;
    case DataType::kObjlnk:
      put_be(static_cast<uint64_t>(value.link.object_id) << 16 | value.link.instance_id, 4);
      return t;
    case DataType::kString:
    case DataType::kCorelnk:
    case DataType::kOpaque:
      t.external_ = true;
      t.external_bytes_ = value.bytes;
      return t;
    case DataType::kNone: break;
  }
  return Error::kTypeMismatch;
}

Result<size_t> encode_tlv_value(const Value& value, std::span<uint8_t> out) {
  Result<TlvValue> t = TlvValue::of(value);
  if (!t.ok()) return t.error();
  std::span<const uint8_t> bytes = t->bytes();
  if (bytes.size() > out.size()) return Error::kBufferTooSmall;
  if (!bytes.empty()) std::memcpy(out.data(), bytes.data(), bytes.size());
  return bytes.size();
}

}  // namespace lwm2m
