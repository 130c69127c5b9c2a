#include "record_checks.h"

#include <cstdio>

#include "check.h"

namespace qemu {

using namespace lwm2m;

Record record(Path path, Value value) {
  Record r;
  r.path = path;
  r.value = value;
  return r;
}

Record timed(Path path, double value, double time) {
  Record r = record(path, Value::of_float(value));
  r.time = time;
  r.has_time = true;
  return r;
}

namespace {

const Record kDeviceSubset[] = {
    record(Path(3, 0, 0), Value::of_string("Open Mobile Alliance")),
    record(Path(3, 0, 6, 0), Value::of_integer(1)),
    record(Path(3, 0, 6, 1), Value::of_integer(5)),
    record(Path(3, 0, 9), Value::of_integer(100)),
};

}  // namespace

std::span<const Record> device_subset_records() { return kDeviceSubset; }

DataType device_subset_type(const Path& path) {
  return path.resource() == 0 ? DataType::kString : DataType::kInteger;
}

DataType float_type(const Path&) { return DataType::kFloat; }

Result<size_t> encode_all(RecordEncoder& encoder, const Path& request, std::span<const Record> records) {
  Status s = encoder.begin(request);
  for (const Record& r : records)
    if (s.ok()) s = encoder.add(r);
  return s.ok() ? encoder.finish() : Result<size_t>(s);
}

bool check_encode(RecordEncoder& encoder, std::span<const uint8_t> buffer, const Path& request,
                  std::span<const Record> records, std::span<const uint8_t> want, const char* what) {
  Result<size_t> n = encode_all(encoder, request, records);
  if (!n.ok()) {
    check(false, what);
    std::printf("     encoder error %s\n", error_name(n.error()));
    return false;
  }
  return check_bytes(buffer.first(*n), want, what);
}

bool check_decode(RecordDecoder& decoder, std::span<const Record> want, DataType (*type_of)(const Path&),
                  const char* what) {
  uint8_t scratch[64];
  DecodedRecord out;
  size_t count = 0;
  for (;;) {
    Result<bool> more = decoder.next(out);
    if (!more.ok()) {
      check(false, what);
      std::printf("     record %u: %s\n", static_cast<unsigned>(count), error_name(more.error()));
      return false;
    }
    if (!*more) break;
    bool same = count < want.size() && out.path == want[count].path;
    if (same) {
      Result<Value> v = convert(out.value, type_of(out.path), scratch);
      same = v.ok() && *v == want[count].value && out.has_time == want[count].has_time &&
             (!out.has_time || out.time == want[count].time);
    }
    if (!same) {
      check(false, what);
      std::printf("     record %u differs\n", static_cast<unsigned>(count));
      return false;
    }
    ++count;
  }
  return check(count == want.size(), what);
}

Error decode_error(RecordDecoder& decoder) {
  DecodedRecord out;
  for (;;) {
    Result<bool> more = decoder.next(out);
    if (!more.ok()) return more.error();
    if (!*more) return Error::kOk;
  }
}

}  // namespace qemu
