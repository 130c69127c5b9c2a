// The header of one OMA TLV (Core TS §7.4.3): a type byte, an 8- or 16-bit
// identifier and a 0/8/16/24-bit length field.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/core/status.h"

namespace lwm2m {

// Bits 7-6 of the type byte.
enum class TlvKind : uint8_t {
  kObjectInstance = 0,    // contains Resource / Multiple Resource TLVs
  kResourceInstance = 1,  // a value inside a Multiple Resource TLV
  kMultipleResource = 2,  // contains Resource Instance TLVs
  kResourceValue = 3,     // a single-instance resource with its value
};

// The LwM2M path depth an item of this kind addresses (/o/i = 2, /o/i/r = 3, /o/i/r/ri = 4).
constexpr uint8_t tlv_path_depth(TlvKind kind) {
  switch (kind) {
    case TlvKind::kObjectInstance: return 2;
    case TlvKind::kMultipleResource:
    case TlvKind::kResourceValue: return 3;
    case TlvKind::kResourceInstance: return 4;
  }
  return 0;
}

constexpr bool tlv_is_container(TlvKind kind) {
  return kind == TlvKind::kObjectInstance || kind == TlvKind::kMultipleResource;
}

// The largest length a 24-bit length field can hold.
inline constexpr size_t kTlvMaxLength = 0xFFFFFF;
// Type byte + 16-bit id + 24-bit length.
inline constexpr size_t kTlvMaxHeaderSize = 6;

struct TlvHeader {
  TlvKind kind = TlvKind::kResourceValue;
  uint16_t id = 0;
  size_t length = 0;       // of the value (or the nested TLVs)
  size_t header_size = 0;  // bytes before the value
};

// Reads the header at the start of `in` and checks that the value fits in
// `in`. kTruncated when the header or the value runs past the end.
Result<TlvHeader> parse_tlv_header(std::span<const uint8_t> in);

// Size of the shortest header for this id and value length.
size_t tlv_header_size(uint16_t id, size_t length);

// Writes the shortest header into `out` (which must hold tlv_header_size bytes);
// returns its size. kOutOfRange when length exceeds 24 bits.
Result<size_t> write_tlv_header(TlvKind kind, uint16_t id, size_t length, std::span<uint8_t> out);

}  // namespace lwm2m
