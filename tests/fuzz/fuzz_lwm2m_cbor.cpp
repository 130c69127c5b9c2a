// Fuzzes the LwM2M CBOR decoder: iterate every record (twice, via rewind, and
// the passes must agree), convert each value to every data type, then
// re-encode the records and check the result decodes to the same records.
#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/core/value.h"
#include "lwm2m/lwcbor/lwm2m_cbor_decoder.h"
#include "lwm2m/lwcbor/lwm2m_cbor_encoder.h"
#include "tests/fuzz/record_fuzz_checks.h"

namespace {

constexpr size_t kMaxRecords = 128;

}  // namespace

using record_fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The first byte picks the request path depth, so paths outside it are exercised.
  if (size == 0) return 0;
  const uint8_t selector = data[0];
  std::span<const uint8_t> payload(data + 1, size - 1);
  lwm2m::Path request;
  if (selector % 3 == 1) request = lwm2m::Path(3);
  if (selector % 3 == 2) request = lwm2m::Path(3, 0);

  lwm2m::Lwm2mCborDecoder decoder(payload, request);
  static lwm2m::DecodedRecord records[kMaxRecords];
  size_t count = 0;
  bool ok = true;
  for (;;) {
    lwm2m::DecodedRecord r;
    lwm2m::Result<bool> more = decoder.next(r);
    if (!more.ok()) {
      ok = false;
      check(decoder.next(r).error() == more.error());  // errors are sticky
      break;
    }
    if (!*more) break;
    check(r.path.depth() >= 3 && r.path.is_within(request));
    uint8_t scratch[64];
    record_fuzz::convert_to_every_type(r.value, scratch);
    if (count < kMaxRecords) records[count] = r;
    ++count;
  }

  // A second pass after rewind yields the same records.
  std::span<lwm2m::DecodedRecord> kept(records, count < kMaxRecords ? count : kMaxRecords);
  record_fuzz::check_rewind_replays(decoder, kept);
  if (!ok || count > kMaxRecords) return 0;

  // Re-encode in ascending order (the decoder yields payload order) and decode again.
  record_fuzz::sort_by_path(kept);
  static uint8_t out[8192];
  lwm2m::Lwm2mCborEncoder encoder(out);
  lwm2m::Result<size_t> encoded = record_fuzz::encode_all(encoder, request, kept, [](const lwm2m::DecodedRecord& r) {
    lwm2m::Record rec;
    rec.path = r.path;
    rec.value = r.value.value;
    return rec;
  });
  check(encoded.ok());
  lwm2m::Lwm2mCborDecoder again(std::span<const uint8_t>(out, *encoded), request);
  record_fuzz::check_decodes_to(again, kept, [](const lwm2m::DecodedRecord& want, const lwm2m::DecodedRecord& got) {
    // Floats may come back as another width but the same value; NaN stays NaN.
    const lwm2m::Value& a = want.value.value;
    if (a.type == lwm2m::DataType::kFloat && a.floating != a.floating)
      return got.value.value.floating != got.value.value.floating;
    return got.value.value == a;
  });
  return 0;
}
