// Fuzzes the OMA TLV decoder: every record is read and converted to each data
// type; what decodes is re-encoded (values as raw bytes, in path order) and
// must decode again to the same records.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "lwm2m/tlv/tlv_decoder.h"
#include "lwm2m/tlv/tlv_encoder.h"

using namespace lwm2m;

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
    if (!record.path.is_within(request) || record.path.depth() < Path::kResource) __builtin_trap();
    for (uint8_t t = 0; t <= static_cast<uint8_t>(DataType::kCorelnk); ++t)
      (void)convert(record.value, static_cast<DataType>(t), {});
    records.push_back(record);
  }

  // A second pass after rewind sees the same records.
  decoder.rewind();
  for (const DecodedRecord& expected : records) {
    if (!decoder.next(record).value() || !(record.path == expected.path)) __builtin_trap();
  }
  if (decoder.next(record).value()) __builtin_trap();

  std::sort(records.begin(), records.end(),
            [](const DecodedRecord& a, const DecodedRecord& b) { return a.path < b.path; });
  std::vector<uint8_t> out(payload.size() + 64);
  TlvEncoder encoder(out);
  if (!encoder.begin(request).ok()) __builtin_trap();
  for (const DecodedRecord& r : records) {
    Record again;
    again.path = r.path;
    again.value = Value::of_opaque(r.value.value.bytes);
    if (!encoder.add(again).ok()) __builtin_trap();
  }
  Result<size_t> n = encoder.finish();
  if (!n.ok()) __builtin_trap();

  TlvDecoder redecoder(std::span<const uint8_t>(out.data(), *n), request);
  for (const DecodedRecord& expected : records) {
    Result<bool> more = redecoder.next(record);
    if (!more.ok() || !*more) __builtin_trap();
    if (!(record.path == expected.path) || !same_bytes(record.value.value.bytes, expected.value.value.bytes))
      __builtin_trap();
  }
  Result<bool> end = redecoder.next(record);
  if (!end.ok() || *end) __builtin_trap();
  return 0;
}
