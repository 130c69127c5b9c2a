// lwm2m_tlv on the target: Core TS §7.4.3 TLV examples (Device object /3/0)
// encoded byte for byte and decoded back, and malformed payloads refused.
#include <cstdint>

#include "check.h"
#include "lwm2m/core/record.h"
#include "lwm2m/tlv/tlv_decoder.h"
#include "lwm2m/tlv/tlv_encoder.h"
#include "record_checks.h"

using namespace lwm2m;
using qemu::check;
using qemu::check_bytes;
using qemu::check_error;
using qemu::record;

namespace {

// Read /3/0 restricted to three resources of the §7.4.3 "Single Object
// Instance Request" example: Manufacturer, Available Power Sources [1, 5],
// Battery Level 100.
constexpr uint8_t kDeviceSubset[] = {
    0xC8, 0x00, 0x14, 'O', 'p', 'e', 'n', ' ', 'M', 'o', 'b', 'i', 'l', 'e', ' ',
    'A',  'l',  'l',  'i', 'a', 'n', 'c', 'e',                                      // 0 Manufacturer
    0x86, 0x06, 0x41, 0x00, 0x01, 0x41, 0x01, 0x05,                                 // 6 [1, 5]
    0xC1, 0x09, 0x64,                                                               // 9 Battery Level
};

void encode_vectors() {
  uint8_t buf[64];
  TlvEncoder encoder(buf);
  qemu::check_encode(encoder, buf, Path(3, 0), qemu::device_subset_records(), kDeviceSubset,
                     "tlv encode Read /3/0 (Core TS §7.4.3 example)");

  // The same read on /3 wraps the resources in an Object Instance TLV (length 34).
  TlvEncoder object(buf);
  Result<size_t> n = qemu::encode_all(object, Path(3), qemu::device_subset_records());
  check(n.ok() && *n == sizeof kDeviceSubset + 3 && buf[0] == 0x08 && buf[1] == 0x00 && buf[2] == sizeof kDeviceSubset,
        "tlv encode Read /3 wraps an Object Instance TLV (Core TS §7.4.3)");

  check_error(TlvEncoder(buf).begin(Path()).error(), Error::kNotAcceptable, "tlv encode refuses the root path");
}

void decode_vectors() {
  TlvDecoder decoder(kDeviceSubset, Path(3, 0));
  qemu::check_decode(decoder, qemu::device_subset_records(), qemu::device_subset_type,
                     "tlv decode Read /3/0 back to typed records (Core TS §7.4.3)");
}

Error decode_error(std::span<const uint8_t> payload, const Path& request) {
  TlvDecoder decoder(payload, request);
  return qemu::decode_error(decoder);
}

void malformed_vectors() {
  static constexpr uint8_t kTruncated[] = {0xC8, 0x00, 0x14, 'O', 'p', 'e', 'n'};
  check_error(decode_error(kTruncated, Path(3, 0)), Error::kTruncated, "tlv refuses a value past the end");
  static constexpr uint8_t kDuplicate[] = {0xC1, 0x09, 0x64, 0xC1, 0x09, 0x65};
  check_error(decode_error(kDuplicate, Path(3, 0)), Error::kDuplicate, "tlv refuses a resource given twice");
  static constexpr uint8_t kReserved[] = {0xE1, 0xFF, 0xFF, 0x01};
  check_error(decode_error(kReserved, Path(3, 0)), Error::kInvalidPath, "tlv refuses id 65535");
  static constexpr uint8_t kWrongLevel[] = {0x41, 0x00, 0x01};
  check_error(decode_error(kWrongLevel, Path(3, 0)), Error::kMalformed,
              "tlv refuses a Resource Instance among resources");
  static constexpr uint8_t kOverrun[] = {0x82, 0x06, 0x41, 0x00, 0x01};
  check_error(decode_error(kOverrun, Path(3, 0)), Error::kMalformed, "tlv refuses a child running past its container");
}

void tlv_vectors() {
  encode_vectors();
  decode_vectors();
  malformed_vectors();
}

}  // namespace

QEMU_VECTOR_SUITE("lwm2m_tlv", tlv_vectors);
