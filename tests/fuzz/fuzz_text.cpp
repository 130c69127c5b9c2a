// Fuzzes the text/plain and opaque decoders: the payload is converted to the
// data type the second byte picks; what converts is re-encoded and must
// convert back to the same value.
#include <cstdint>
#include <cstring>
#include <vector>

#include "lwm2m/text/opaque_codec.h"
#include "lwm2m/text/plain_text_codec.h"

using namespace lwm2m;

namespace {

Path request_path(uint8_t selector) {
  switch (selector % 4) {
    case 0: return Path(3, 0);  // not a single value: refused
    case 1: return Path(3, 0, 9);
    default: return Path(3, 0, 7, 1);
  }
}

template <typename Decoder, typename Encoder>
void round_trip(std::span<const uint8_t> payload, const Path& request, DataType type) {
  Decoder decoder(payload, request);
  DecodedRecord record;
  Result<bool> got = decoder.next(record);
  if (request.depth() < Path::kResource) {
    if (got.error() != Error::kBadRequest) __builtin_trap();
    return;
  }
  if (!got.ok() || !*got || !(record.path == request)) __builtin_trap();
  Result<bool> end = decoder.next(record);
  if (!end.ok() || *end) __builtin_trap();

  std::vector<uint8_t> scratch(payload.size());
  Result<Value> value = convert(record.value, type, scratch);
  if (!value.ok()) return;

  std::vector<uint8_t> out(payload.size() * 2 + 64);
  Encoder encoder(out);
  if (!encoder.begin(request).ok()) __builtin_trap();
  Record again;
  again.path = request;
  again.value = *value;
  if (!encoder.add(again).ok()) __builtin_trap();
  Result<size_t> n = encoder.finish();
  if (!n.ok()) __builtin_trap();

  Decoder redecoder(std::span<const uint8_t>(out.data(), *n), request);
  if (!redecoder.next(record).value()) __builtin_trap();
  std::vector<uint8_t> scratch2(*n);
  Result<Value> back = convert(record.value, type, scratch2);
  if (!back.ok() || !(*back == *value)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Byte 0: format (bit 0) and request path; byte 1: the resource's data type.
  if (size < 2) return 0;
  const Path request = request_path(static_cast<uint8_t>(data[0] >> 1));
  std::span<const uint8_t> payload(data + 2, size - 2);
  if (data[0] & 1) {
    round_trip<OpaqueDecoder, OpaqueEncoder>(payload, request, DataType::kOpaque);
  } else {
    const auto type = static_cast<DataType>(1 + data[1] % 9);  // kString .. kCorelnk
    round_trip<PlainTextDecoder, PlainTextEncoder>(payload, request, type);
  }
  return 0;
}
