// Fuzzes the OMA TLV decoder: every record is read and converted to each data
// type; what decodes is re-encoded (values as raw bytes, in path order) and
// must decode again to the same records.
#include <cstdint>
#include <cstring>
#include <vector>

#include "lwm2m/tlv/tlv_decoder.h"
#include "lwm2m/tlv/tlv_encoder.h"
#include "tests/fuzz/record_fuzz_checks.h"

using namespace lwm2m;
using record_fuzz::check;

namespace {

// The first bytes pick the request path: depth, then small ids so that the
// payload's ids can match them.
Path request_path(const uint8_t* data) {
  switch (data[0] % 5) {
    case 0: return Path();
    case 1: return Path(data[1]);
    case 2: return Path(data[1], data[2]);
    case 3: return Path(data[1], data[2], data[3]);
    default: return Path(data[1], data[2], data[3], data[4]);
  }
}

bool same_bytes(std::span<const uint8_t> a, std::span<const uint8_t> b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size()) == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 5) return 0;
  const Path request = request_path(data);
  std::span<const uint8_t> payload(data + 5, size - 5);

  TlvDecoder decoder(payload, request);
  std::vector<DecodedRecord> records;
  DecodedRecord record;
  for (;;) {
    Result<bool> more = decoder.next(record);
    if (!more.ok()) return 0;
    if (!*more) break;
    check(record.path.is_within(request) && record.path.depth() >= Path::kResource);
    record_fuzz::convert_to_every_type(record.value, {});
    records.push_back(record);
  }

  // A second pass after rewind sees the same records.
  record_fuzz::check_rewind_replays(decoder, records);
  check(!decoder.next(record).value());

  record_fuzz::sort_by_path(records);
  std::vector<uint8_t> out(payload.size() + 64);
  TlvEncoder encoder(out);
  // Values go back as raw bytes: TLV does not say their type.
  Result<size_t> n = record_fuzz::encode_all(encoder, request, records, [](const DecodedRecord& r) {
    Record again;
    again.path = r.path;
    again.value = Value::of_opaque(r.value.value.bytes);
    return again;
  });
  check(n.ok());

  TlvDecoder redecoder(std::span<const uint8_t>(out.data(), *n), request);
  record_fuzz::check_decodes_to(redecoder, records, [](const DecodedRecord& expected, const DecodedRecord& got) {
    return same_bytes(got.value.value.bytes, expected.value.value.bytes);
  });
  return 0;
}
