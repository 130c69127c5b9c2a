// lwm2m_lwcbor on the target: LwM2M CBOR (11544, Core TS 1.2 §7.4.6) nested
// maps keyed by ids or id arrays, encoded byte for byte and decoded back, and
// malformed payloads refused.
#include <cstdint>

#include "check.h"
#include "lwm2m/lwcbor/lwm2m_cbor_decoder.h"
#include "lwm2m/lwcbor/lwm2m_cbor_encoder.h"
#include "record_checks.h"

using namespace lwm2m;
using qemu::check_error;
using qemu::record;

namespace {

// Read /3/0 of three Device resources (Core TS §7.4.6 Device example, shortened):
// {[3, 0]: {0: "Open Mobile Alliance", 6: {0: 1, 1: 5}, 9: 100}}
constexpr uint8_t kDevice[] = {
    0xa1, 0x82, 0x03, 0x00, 0xa3,                                                  // {[3, 0]: {
    0x00, 0x74, 'O', 'p', 'e', 'n', ' ', 'M', 'o', 'b', 'i', 'l', 'e', ' ',
    'A', 'l', 'l', 'i', 'a', 'n', 'c', 'e',                                         //   0: "Open Mobile Alliance"
    0x06, 0xa2, 0x00, 0x01, 0x01, 0x05,                                             //   6: {0: 1, 1: 5}
    0x09, 0x18, 0x64,                                                               //   9: 100
};

void device_vectors() {
  uint8_t buf[64];
  Lwm2mCborEncoder encoder(buf);
  qemu::check_encode(encoder, buf, Path(3, 0), qemu::device_subset_records(), kDevice,
                     "lwm2m cbor encode Read /3/0 (Core TS §7.4.6)");
  Lwm2mCborDecoder decoder(kDevice, Path(3, 0));
  qemu::check_decode(decoder, qemu::device_subset_records(), qemu::device_subset_type,
                     "lwm2m cbor decode Read /3/0 back to typed records");
}

// The same path written as nested maps or as id arrays (Core TS §7.4.6).
void key_form_vectors() {
  static constexpr uint8_t kNested[] = {0xa1, 0x03, 0xa1, 0x00, 0xa1, 0x09, 0x18, 0x64};  // {3: {0: {9: 100}}}
  static constexpr uint8_t kArray[] = {0xa1, 0x83, 0x03, 0x00, 0x09, 0x18, 0x64};        // {[3, 0, 9]: 100}
  static constexpr uint8_t kMixed[] = {0xa1, 0x03, 0xa1, 0x82, 0x00, 0x09, 0x18, 0x64};  // {3: {[0, 9]: 100}}
  const Record want[] = {record(Path(3, 0, 9), Value::of_integer(100))};
  Lwm2mCborDecoder nested(kNested, Path());
  qemu::check_decode(nested, want, qemu::device_subset_type, "lwm2m cbor decode {3: {0: {9: 100}}}");
  Lwm2mCborDecoder array(kArray, Path());
  qemu::check_decode(array, want, qemu::device_subset_type, "lwm2m cbor decode {[3, 0, 9]: 100}");
  Lwm2mCborDecoder mixed(kMixed, Path());
  qemu::check_decode(mixed, want, qemu::device_subset_type, "lwm2m cbor decode {3: {[0, 9]: 100}}");

  uint8_t buf[16];
  Lwm2mCborEncoder encoder(buf);
  qemu::check_encode(encoder, buf, Path(3, 0, 9), want, kArray, "lwm2m cbor encode Read /3/0/9 as {[3, 0, 9]: 100}");
}

Error decode_error(std::span<const uint8_t> payload) {
  Lwm2mCborDecoder decoder(payload, Path());
  return qemu::decode_error(decoder);
}

void malformed_vectors() {
  static constexpr uint8_t kTextKey[] = {0xa1, 0x61, 0x61, 0x01};
  check_error(decode_error(kTextKey), Error::kMalformed, "lwm2m cbor refuses a text key");
  static constexpr uint8_t kReservedId[] = {0xa1, 0x83, 0x03, 0x00, 0x19, 0xff, 0xff, 0x01};
  check_error(decode_error(kReservedId), Error::kInvalidPath, "lwm2m cbor refuses id 65535");
  static constexpr uint8_t kTrailing[] = {0xa1, 0x83, 0x03, 0x00, 0x09, 0x18, 0x64, 0x00};
  check_error(decode_error(kTrailing), Error::kMalformed, "lwm2m cbor refuses bytes after the map");
  static constexpr uint8_t kTruncated[] = {0xa1, 0x83, 0x03, 0x00};
  check_error(decode_error(kTruncated), Error::kTruncated, "lwm2m cbor refuses a truncated payload");
}

void lwcbor_vectors() {
  device_vectors();
  key_form_vectors();
  malformed_vectors();
}

}  // namespace

QEMU_VECTOR_SUITE("lwm2m_lwcbor", lwcbor_vectors);
