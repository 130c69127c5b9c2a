// Fuzzes the OMA LwM2M JSON decoder: every record is visited and converted to
// each data type; a payload that decodes is re-encoded (typed values as
// decoded, "sv" as String) and the result must decode to the same paths and values.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "lwm2m/omajson/oma_json_decoder.h"
#include "lwm2m/omajson/oma_json_encoder.h"

namespace {

void check(bool condition) {
  if (!condition) std::abort();
}

constexpr lwm2m::DataType kTypes[] = {
    lwm2m::DataType::kString, lwm2m::DataType::kInteger, lwm2m::DataType::kUnsignedInteger,
    lwm2m::DataType::kFloat,  lwm2m::DataType::kBoolean, lwm2m::DataType::kOpaque,
    lwm2m::DataType::kTime,   lwm2m::DataType::kObjlnk,  lwm2m::DataType::kCorelnk,
};

// The request path comes from the first input byte so that all levels are tried.
lwm2m::Path request_for(uint8_t selector) {
  switch (selector % 4) {
    case 0: return lwm2m::Path();
    case 1: return lwm2m::Path(3);
    case 2: return lwm2m::Path(3, 0);
    default: return lwm2m::Path(3, 0, 7);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  lwm2m::Path request = request_for(data[0]);
  std::span<const uint8_t> payload(data + 1, size - 1);

  static uint8_t scratch[512];
  lwm2m::OmaJsonDecoder decoder(payload, request, scratch);
  std::vector<lwm2m::Record> records;
  std::vector<std::vector<uint8_t>> storage;  // keeps string bytes past the next record
  lwm2m::DecodedRecord r;
  while (true) {
    auto more = decoder.next(r);
    if (!more.ok()) return 0;
    if (!*more) break;
    check(r.path.is_within(request) && r.path.depth() >= lwm2m::Path::kResource);
    for (lwm2m::DataType t : kTypes) {
      uint8_t conv[512];
      (void)lwm2m::convert(r.value, t, conv);
    }
    lwm2m::Record copy;
    copy.path = r.path;
    copy.time = r.time;
    copy.has_time = r.has_time;
    if (r.value.encoding == lwm2m::WireEncoding::kPlainText) {
      storage.emplace_back(r.value.value.bytes.begin(), r.value.value.bytes.end());
      auto v = lwm2m::convert(r.value, lwm2m::DataType::kString, {});
      if (!v.ok()) return 0;  // e.g. not UTF-8: nothing to re-encode
      copy.value = lwm2m::Value::of_opaque(storage.back());
      copy.value.type = lwm2m::DataType::kString;
    } else {
      copy.value = r.value.value;
    }
    records.push_back(copy);
  }
  // rewind() must give the same first record.
  decoder.rewind();
  if (!records.empty()) {
    check(*decoder.next(r));
    check(r.path == records[0].path);
  }

  // The encoder wants ascending untimed paths; sort-free check: skip otherwise.
  for (size_t i = 1; i < records.size(); ++i)
    if (!(records[i - 1].path < records[i].path)) return 0;

  static uint8_t out[1 << 16];
  lwm2m::OmaJsonEncoder encoder(out);
  check(encoder.begin(request).ok());
  for (const lwm2m::Record& rec : records) check(encoder.add(rec).ok());
  auto n = encoder.finish();
  if (!n.ok()) {
    check(n.error() == lwm2m::Error::kBufferTooSmall);
    return 0;
  }

  lwm2m::OmaJsonDecoder again(std::span<const uint8_t>(out, *n), request, scratch);
  for (const lwm2m::Record& rec : records) {
    check(*again.next(r));
    check(r.path == rec.path);
    check(r.has_time == rec.has_time);
    auto v = lwm2m::convert(r.value, rec.value.type, {});
    check(v.ok());
    if (rec.value.type == lwm2m::DataType::kFloat && v->type == lwm2m::DataType::kFloat)
      check(v->floating == rec.value.floating);
    else if (rec.value.type != lwm2m::DataType::kFloat)
      check(*v == rec.value);
  }
  check(!*again.next(r));
  return 0;
}
