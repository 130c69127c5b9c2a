// Fuzzes SenmlCborDecoder: decode every record (twice, through rewind), re-encode
// what decoded with SenmlCborEncoder (root request path: absolute names) and
// check that the encoding decodes again to the same records.
#include <cstddef>
#include <cstdint>

#include "lwm2m/senml/senml_cbor_decoder.h"
#include "lwm2m/senml/senml_cbor_encoder.h"
#include "tests/fuzz/record_fuzz_checks.h"

using record_fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static uint8_t scratch[2048];
  static record_fuzz::RecordStore<64> stored;
  static uint8_t out[65536];

  lwm2m::SenmlCborDecoder decoder({data, size}, lwm2m::Path{}, scratch);
  if (!record_fuzz::decode_twice(decoder, stored)) return 0;

  lwm2m::SenmlCborEncoder encoder(out);
  lwm2m::Result<size_t> n = record_fuzz::encode_all(encoder, lwm2m::Path{}, stored.records());
  check(n.ok());

  lwm2m::SenmlCborDecoder again({out, *n}, lwm2m::Path{}, scratch);
  record_fuzz::check_decodes_to(again, stored.records(), [](const lwm2m::Record& want, const lwm2m::DecodedRecord& got) {
    // CBOR keeps the major type, so values come back exactly (NaN aside).
    const lwm2m::Value& v = got.value.value;
    bool both_nan = want.value.type == lwm2m::DataType::kFloat && v.type == lwm2m::DataType::kFloat &&
                    want.value.floating != want.value.floating && v.floating != v.floating;
    if (!both_nan && !(v == want.value)) return false;
    return got.has_time == want.has_time && (!got.has_time || got.time == want.time);
  });
  return 0;
}
