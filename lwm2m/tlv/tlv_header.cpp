#include "lwm2m/tlv/tlv_header.h"

namespace lwm2m {

namespace {

constexpr uint8_t kId16Bit = 0x20;

// Bytes of the length field: 0 when the length fits in the type byte's 3 bits.
size_t length_field_size(size_t length) {
  if (length <= 7) return 0;
  if (length <= 0xFF) return 1;
  if (length <= 0xFFFF) return 2;
  return 3;
}

}  // namespace

Result<TlvHeader> parse_tlv_header(std::span<const uint8_t> in) {
  if (in.empty()) return Error::kTruncated;
  uint8_t type = in[0];
  TlvHeader h;
  h.kind = static_cast<TlvKind>(type >> 6);
  size_t id_size = (type & kId16Bit) ? 2 : 1;
  size_t length_size = (type >> 3) & 0x3;
  h.header_size = 1 + id_size + length_size;
  if (in.size() < h.header_size) return Error::kTruncated;

  h.id = id_size == 2 ? static_cast<uint16_t>(in[1] << 8 | in[2]) : in[1];
  if (length_size == 0) {
    h.length = type & 0x7;
  } else {
    for (size_t i = 0; i < length_size; ++i) h.length = h.length << 8 | in[1 + id_size + i];
  }
  if (h.length > in.size() - h.header_size) return Error::kTruncated;
  return h;
}

size_t tlv_header_size(uint16_t id, size_t length) {
  return 1 + (id > 0xFF ? 2 : 1) + length_field_size(length);
}

Result<size_t> write_tlv_header(TlvKind kind, uint16_t id, size_t length, std::span<uint8_t> out) {
  if (length > kTlvMaxLength) return Error::kOutOfRange;
  size_t needed = tlv_header_size(id, length);
  if (out.size() < needed) return Error::kBufferTooSmall;

  size_t length_size = length_field_size(length);
  uint8_t type = static_cast<uint8_t>(static_cast<uint8_t>(kind) << 6);
  if (id > 0xFF) type |= kId16Bit;
  if (length_size == 0) type |= static_cast<uint8_t>(length);
  else type |= static_cast<uint8_t>(length_size << 3);

  size_t n = 0;
  out[n++] = type;
  if (id > 0xFF) out[n++] = static_cast<uint8_t>(id >> 8);
  out[n++] = static_cast<uint8_t>(id);
  for (size_t i = length_size; i > 0; --i) out[n++] = static_cast<uint8_t>(length >> ((i - 1) * 8));
  return n;
}

}  // namespace lwm2m
