// lwm2m_senml on the target: SenML JSON (110; Core TS §7.4.4, RFC 8428 §5)
// Device object example byte for byte and back, RFC 8428 §5.1.3 base time and
// §5.1.4 data types (names replaced by LwM2M paths), malformed packs refused;
// SenML CBOR (112; Core TS §7.4.5, RFC 8428 §6) Device example both ways.
#include <cstdint>
#include <string_view>

#include "check.h"
#include "lwm2m/senml/senml_cbor_decoder.h"
#include "lwm2m/senml/senml_cbor_encoder.h"
#include "lwm2m/senml/senml_json_decoder.h"
#include "lwm2m/senml/senml_json_encoder.h"
#include "record_checks.h"

using namespace lwm2m;
using qemu::check_error;
using qemu::record;
using qemu::span_of;

namespace {

// Read /3/0, three resources of the Core TS §7.4.4 Device object example.
constexpr std::string_view kDevice =
    R"([{"bn":"/3/0/","n":"0","vs":"Open Mobile Alliance"},{"n":"6/0","v":1},{"n":"6/1","v":5},{"n":"9","v":100}])";

void device_vectors() {
  uint8_t buf[160];
  SenmlJsonEncoder encoder(buf);
  qemu::check_encode(encoder, buf, Path(3, 0), qemu::device_subset_records(), span_of(kDevice),
                     "senml json encode Read /3/0 (Core TS §7.4.4 example)");
  uint8_t scratch[64];
  SenmlJsonDecoder decoder(span_of(kDevice), Path(3, 0), scratch);
  qemu::check_decode(decoder, qemu::device_subset_records(), qemu::device_subset_type,
                     "senml json decode Read /3/0 back to typed records");
}

using qemu::float_type;
using qemu::timed;

// RFC 8428 §5.1.3: base time, relative times, a record at the base time itself.
void base_time_vectors() {
  constexpr std::string_view kPack =
      R"([{"bn":"/3303/0/","bt":1.276020076001e+09,"bu":"A","bver":5,"n":"5700","u":"V","v":120.1},)"
      R"({"n":"5701","t":-5,"v":1.2},{"n":"5701","v":1.7}])";
  const Record want[] = {timed(Path(3303, 0, 5700), 120.1, 1.276020076001e+09),
                         timed(Path(3303, 0, 5701), 1.2, 1.276020076001e+09 - 5),
                         timed(Path(3303, 0, 5701), 1.7, 1.276020076001e+09)};
  uint8_t scratch[64];
  SenmlJsonDecoder decoder(span_of(kPack), Path(), scratch);
  qemu::check_decode(decoder, want, float_type, "senml json decode base time (RFC 8428 §5.1.3)");
}

DataType sensor_type(const Path& p) {
  switch (p.resource()) {
    case 5527: return DataType::kFloat;
    case 5750: return DataType::kString;
    case 5850: return DataType::kBoolean;
    default: return DataType::kOpaque;
  }
}

// RFC 8428 §5.1.4: a number, a string, a boolean and data ("vd", base64url).
void data_type_vectors() {
  constexpr std::string_view kPack =
      R"([{"bn":"/3341/0/","n":"5527","u":"Cel","v":23.1},{"n":"5750","vs":"Machine Room"},)"
      R"({"n":"5850","vb":false},{"n":"5910","vd":"aGkgCg"}])";
  static constexpr uint8_t kHi[] = {'h', 'i', ' ', '\n'};
  const Record want[] = {record(Path(3341, 0, 5527), Value::of_float(23.1)),
                         record(Path(3341, 0, 5750), Value::of_string("Machine Room")),
                         record(Path(3341, 0, 5850), Value::of_boolean(false)),
                         record(Path(3341, 0, 5910), Value::of_opaque(kHi))};
  uint8_t scratch[64];
  SenmlJsonDecoder decoder(span_of(kPack), Path(3341, 0), scratch);
  qemu::check_decode(decoder, want, sensor_type, "senml json decode data types (RFC 8428 §5.1.4)");
}

Error decode_error(std::string_view json) {
  uint8_t scratch[64];
  SenmlJsonDecoder decoder(span_of(json), Path(), scratch);
  return qemu::decode_error(decoder);
}

void malformed_vectors() {
  check_error(decode_error(R"([{"n":"/3/0/0","v":1,"vs":"a"}])"), Error::kMalformed,
              "senml json refuses a record with two values");
  check_error(decode_error(R"([{"n":"/3/0/0","v":1,"v":2}])"), Error::kDuplicate, "senml json refuses a field twice");
  check_error(decode_error(R"([{"n":"/3/0/0","v":1,"foo_":1}])"), Error::kBadRequest,
              "senml json refuses an unknown must-understand field (RFC 8428 §4.4)");
  check_error(decode_error(R"([{"n":"/3/0/0","v":1e999}])"), Error::kOutOfRange, "senml json refuses 1e999");
  check_error(decode_error(R"([{"n":"/3/0/0","v":1})"), Error::kTruncated, "senml json refuses a truncated pack");
}

// The same records in SenML CBOR, integer labels of RFC 8428 §6 (bn -2, n 0, v 2, vs 3).
void cbor_device_vectors() {
  static constexpr uint8_t kDeviceCbor[] = {
      0x84,                                                                        // array(4)
      0xa3, 0x21, 0x65, '/', '3', '/', '0', '/', 0x00, 0x61, '0',                  // {bn: "/3/0/", n: "0",
      0x03, 0x74, 'O', 'p', 'e', 'n', ' ', 'M', 'o', 'b', 'i', 'l', 'e', ' ',
      'A', 'l', 'l', 'i', 'a', 'n', 'c', 'e',                                      //  vs: "Open Mobile Alliance"}
      0xa2, 0x00, 0x63, '6', '/', '0', 0x02, 0x01,                                 // {n: "6/0", v: 1}
      0xa2, 0x00, 0x63, '6', '/', '1', 0x02, 0x05,                                 // {n: "6/1", v: 5}
      0xa2, 0x00, 0x61, '9', 0x02, 0x18, 0x64,                                     // {n: "9", v: 100}
  };
  uint8_t buf[96];
  SenmlCborEncoder encoder(buf);
  qemu::check_encode(encoder, buf, Path(3, 0), qemu::device_subset_records(), kDeviceCbor,
                     "senml cbor encode Read /3/0 (Core TS §7.4.5)");
  uint8_t scratch[64];
  SenmlCborDecoder decoder(kDeviceCbor, Path(3, 0), scratch);
  qemu::check_decode(decoder, qemu::device_subset_records(), qemu::device_subset_type,
                     "senml cbor decode Read /3/0 back to typed records");
}

void senml_vectors() {
  device_vectors();
  cbor_device_vectors();
  base_time_vectors();
  data_type_vectors();
  malformed_vectors();
}

}  // namespace

QEMU_VECTOR_SUITE("lwm2m_senml", senml_vectors);
