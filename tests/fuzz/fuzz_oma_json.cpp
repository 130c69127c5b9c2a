// Fuzzes the OMA LwM2M JSON decoder: every record is visited and converted to
// each data type; a payload that decodes is re-encoded (typed values as
// decoded, "sv" as String) and the result must decode to the same paths and values.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "lwm2m/omajson/oma_json_decoder.h"
#include "lwm2m/omajson/oma_json_encoder.h"
#include "tests/fuzz/record_fuzz_checks.h"

namespace {

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

using record_fuzz::check;

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
    uint8_t conv[512];
    record_fuzz::convert_to_every_type(r.value, conv);
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
  // rewind() must give the same records again.
  record_fuzz::check_rewind_replays(decoder, records);

  // The encoder wants ascending untimed paths; sort-free check: skip otherwise.
  for (size_t i = 1; i < records.size(); ++i)
    if (!(records[i - 1].path < records[i].path)) return 0;

  static uint8_t out[1 << 16];
  lwm2m::OmaJsonEncoder encoder(out);
  auto n = record_fuzz::encode_all(encoder, request, records);
  if (!n.ok()) {
    check(n.error() == lwm2m::Error::kBufferTooSmall);
    return 0;
  }

  lwm2m::OmaJsonDecoder again(std::span<const uint8_t>(out, *n), request, scratch);
  record_fuzz::check_decodes_to(again, records, [](const lwm2m::Record& rec, const lwm2m::DecodedRecord& got) {
    if (got.has_time != rec.has_time) return false;
    auto v = lwm2m::convert(got.value, rec.value.type, {});
    if (!v.ok()) return false;
    if (rec.value.type == lwm2m::DataType::kFloat && v->type == lwm2m::DataType::kFloat)
      return v->floating == rec.value.floating;
    return rec.value.type == lwm2m::DataType::kFloat || *v == rec.value;
  });
  return 0;
}
