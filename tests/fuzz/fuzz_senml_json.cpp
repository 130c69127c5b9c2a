// Fuzzes SenmlJsonDecoder: decode every record (twice, through rewind), re-encode
// what decoded with SenmlJsonEncoder (root request path: absolute names) and
// check that the encoding decodes again to the same records.
#include <cstddef>
#include <cstdint>

#include "lwm2m/senml/senml_json_decoder.h"
#include "lwm2m/senml/senml_json_encoder.h"
#include "tests/fuzz/record_fuzz_checks.h"

using record_fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static uint8_t scratch[2048];
  static record_fuzz::RecordStore<64> stored;
  static uint8_t out[65536];

  lwm2m::SenmlJsonDecoder decoder({data, size}, lwm2m::Path{}, scratch);
  if (!record_fuzz::decode_twice(decoder, stored)) return 0;

  lwm2m::SenmlJsonEncoder encoder(out);
  lwm2m::Result<size_t> n = record_fuzz::encode_all(encoder, lwm2m::Path{}, stored.records());
  check(n.ok());

  lwm2m::SenmlJsonDecoder again({out, *n}, lwm2m::Path{}, scratch);
  record_fuzz::check_decodes_to(again, stored.records(), [](const lwm2m::Record& want, const lwm2m::DecodedRecord& got) {
    // "v":1.0 comes back as the integer 1: compare in the first decode's type.
    lwm2m::Result<lwm2m::Value> same = lwm2m::convert(got.value, want.value.type, {});
    if (!same.ok() || !(*same == want.value)) return false;
    return got.has_time == want.has_time && (!got.has_time || got.time == want.time);
  });
  return 0;
}
