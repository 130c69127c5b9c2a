// lwm2m_omajson on the target: OMA LwM2M JSON (11543, Core TS 1.0 §6.4.4)
// Device object example encoded byte for byte and decoded back, the base-time
// history example, and malformed payloads refused.
#include <cstdint>
#include <string_view>

#include "check.h"
#include "lwm2m/omajson/oma_json_decoder.h"
#include "lwm2m/omajson/oma_json_encoder.h"
#include "record_checks.h"

using namespace lwm2m;
using qemu::check_error;
using qemu::record;
using qemu::span_of;

namespace {

// Read /3/0, three resources of the Core TS Device object example.
constexpr std::string_view kDevice =
    R"({"bn":"/3/0/","e":[{"n":"0","sv":"Open Mobile Alliance"},{"n":"6/0","v":1},{"n":"6/1","v":5},)"
    R"({"n":"9","v":100}]})";

using qemu::float_type;

Record timed(double value, double time) { return qemu::timed(Path(3303, 0, 5700), value, time); }

void device_vectors() {
  uint8_t buf[160];
  OmaJsonEncoder encoder(buf);
  qemu::check_encode(encoder, buf, Path(3, 0), qemu::device_subset_records(), span_of(kDevice),
                     "omajson encode Read /3/0 (Core TS 1.0 §6.4.4 example)");
  uint8_t scratch[64];
  OmaJsonDecoder decoder(span_of(kDevice), Path(3, 0), scratch);
  qemu::check_decode(decoder, qemu::device_subset_records(), qemu::device_subset_type,
                     "omajson decode Read /3/0 back to typed records");
}

// Core TS 1.0 §6.4.4: a history of one resource under a base time.
void history_vectors() {
  constexpr std::string_view kHistory =
      R"({"bn":"/3303/0/5700","bt":1000,"e":[{"v":22.4,"t":-5},{"v":22.9,"t":-30},{"v":24.1}]})";
  const Record want[] = {timed(22.4, 995), timed(22.9, 970), timed(24.1, 1000)};
  uint8_t scratch[64];
  OmaJsonDecoder decoder(span_of(kHistory), Path(3303, 0, 5700), scratch);
  qemu::check_decode(decoder, want, float_type, "omajson decode base time + t history (Core TS 1.0 §6.4.4)");
}

Error decode_error(std::string_view json, const Path& request) {
  uint8_t scratch[64];
  OmaJsonDecoder decoder(span_of(json), request, scratch);
  return qemu::decode_error(decoder);
}

void malformed_vectors() {
  check_error(decode_error(R"({"bn":"/3/0/","e":[{"n":"0","v":1,"bv":true}]})", Path(3, 0)), Error::kMalformed,
              "omajson refuses an entry with two values");
  check_error(decode_error(R"({"bn":"/3/0/","bn":"/3/0/","e":[]})", Path(3, 0)), Error::kDuplicate,
              "omajson refuses a key given twice");
  check_error(decode_error(R"({"bn":"/4/0/","e":[{"n":"1","v":1}]})", Path(3, 0)), Error::kBadRequest,
              "omajson refuses a path outside the request");
  check_error(decode_error(R"({"bn":"/3/0/","e":[{"n":"0","v":1})", Path(3, 0)), Error::kTruncated,
              "omajson refuses a truncated payload");
}

void omajson_vectors() {
  device_vectors();
  history_vectors();
  malformed_vectors();
}

}  // namespace

QEMU_VECTOR_SUITE("lwm2m_omajson", omajson_vectors);
