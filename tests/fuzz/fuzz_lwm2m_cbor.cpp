// Fuzzes the LwM2M CBOR decoder: iterate every record (twice, via rewind, and
// the passes must agree), convert each value to every data type, then
// re-encode the records and check the result decodes to the same records.
#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/core/value.h"
#include "lwm2m/lwcbor/lwm2m_cbor_decoder.h"
#include "lwm2m/lwcbor/lwm2m_cbor_encoder.h"

namespace {

constexpr size_t kMaxRecords = 128;

void check(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

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
    for (int t = 0; t <= static_cast<int>(lwm2m::DataType::kCorelnk); ++t)
      (void)lwm2m::convert(r.value, static_cast<lwm2m::DataType>(t), scratch);
    if (count < kMaxRecords) records[count] = r;
    ++count;
  }

  // A second pass after rewind yields the same records.
  decoder.rewind();
  for (size_t i = 0; i < count && i < kMaxRecords; ++i) {
    lwm2m::DecodedRecord r;
    lwm2m::Result<bool> more = decoder.next(r);
    check(more.ok() && *more && r.path == records[i].path);
  }
  if (!ok || count > kMaxRecords) return 0;

  // Re-encode in ascending order (the decoder yields payload order) and decode again.
  for (size_t i = 1; i < count; ++i)
    for (size_t j = i; j > 0 && records[j].path < records[j - 1].path; --j) {
      lwm2m::DecodedRecord tmp = records[j];
      records[j] = records[j - 1];
      records[j - 1] = tmp;
    }
  static uint8_t out[8192];
  lwm2m::Lwm2mCborEncoder encoder(out);
  check(encoder.begin(request).ok());
  for (size_t i = 0; i < count; ++i) {
    lwm2m::Record rec;
    rec.path = records[i].path;
    rec.value = records[i].value.value;
    check(encoder.add(rec).ok());
  }
  lwm2m::Result<size_t> encoded = encoder.finish();
  check(encoded.ok());
  lwm2m::Lwm2mCborDecoder again(std::span<const uint8_t>(out, *encoded), request);
  for (size_t i = 0; i < count; ++i) {
    lwm2m::DecodedRecord r;
    lwm2m::Result<bool> more = again.next(r);
    check(more.ok() && *more);
    check(r.path == records[i].path);
    // Floats may come back as another width but the same value; NaN stays NaN.
    const lwm2m::Value& a = records[i].value.value;
    if (a.type == lwm2m::DataType::kFloat && a.floating != a.floating) check(r.value.value.floating != r.value.value.floating);
    else check(r.value.value == a);
  }
  lwm2m::DecodedRecord r;
  lwm2m::Result<bool> end = again.next(r);
  check(end.ok() && !*end);
  return 0;
}
