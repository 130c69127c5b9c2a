// Checks shared by the record-codec fuzz targets (TLV, LwM2M CBOR, OMA JSON,
// SenML JSON and CBOR): decode every record, rewind and decode again,
// re-encode what decoded and check that it decodes to the same records.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/core/record.h"
#include "lwm2m/core/value.h"

namespace record_fuzz {

// A failed check is a finding: stop right here.
inline void check(bool condition) {
  if (!condition) __builtin_trap();
}

// Converting to a data type may fail, but must not crash or overrun `scratch`.
inline void convert_to_every_type(const lwm2m::DecodedValue& value, std::span<uint8_t> scratch) {
  for (int t = 0; t <= static_cast<int>(lwm2m::DataType::kCorelnk); ++t)
    (void)lwm2m::convert(value, static_cast<lwm2m::DataType>(t), scratch);
}

// Encoders want records in ascending path order; decoders give payload order.
// Stable, so records at the same path keep their payload order.
template <typename Records>
void sort_by_path(Records& records) {
  std::stable_sort(std::begin(records), std::end(records), [](const auto& a, const auto& b) { return a.path < b.path; });
}

// After rewind() the decoder yields the same paths again, in the same order.
template <typename Records>
void check_rewind_replays(lwm2m::RecordDecoder& decoder, const Records& records) {
  decoder.rewind();
  for (const auto& expected : records) {
    lwm2m::DecodedRecord got;
    lwm2m::Result<bool> more = decoder.next(got);
    check(more.ok() && *more && got.path == expected.path);
  }
}

// Encodes `records` under `request` (to_record turns each into an
// lwm2m::Record); begin() and add() must succeed, finish() may fail.
template <typename Records, typename ToRecord>
lwm2m::Result<size_t> encode_all(lwm2m::RecordEncoder& encoder, const lwm2m::Path& request, const Records& records,
                                 ToRecord&& to_record) {
  check(encoder.begin(request).ok());
  for (const auto& record : records) check(encoder.add(to_record(record)).ok());
  return encoder.finish();
}

template <typename Records>
lwm2m::Result<size_t> encode_all(lwm2m::RecordEncoder& encoder, const lwm2m::Path& request, const Records& records) {
  return encode_all(encoder, request, records, [](const lwm2m::Record& r) { return r; });
}

// The decoder yields exactly `expected`: same paths, in order, each value
// passing same_value(expected, got); then the end of the payload.
template <typename Records, typename SameValue>
void check_decodes_to(lwm2m::RecordDecoder& decoder, const Records& expected, SameValue&& same_value) {
  for (const auto& want : expected) {
    lwm2m::DecodedRecord got;
    lwm2m::Result<bool> more = decoder.next(got);
    check(more.ok() && *more);
    check(got.path == want.path);
    check(same_value(want, got));
  }
  lwm2m::DecodedRecord got;
  lwm2m::Result<bool> end = decoder.next(got);
  check(end.ok() && !*end);
}

// Up to N decoded records kept past the decoder's next call: value bytes are
// copied into the store. Records whose bytes do not fit are left out.
template <size_t N, size_t kMaxBytes = 512>
class RecordStore {
 public:
  void clear() { count_ = 0; }
  void add(const lwm2m::DecodedRecord& r) {
    const std::span<const uint8_t> from = r.value.value.bytes;
    if (count_ == N || from.size() > kMaxBytes) return;
    lwm2m::Record& kept = records_[count_];
    kept.path = r.path;
    kept.value = r.value.value;
    kept.time = r.time;
    kept.has_time = r.has_time;
    std::copy(from.begin(), from.end(), bytes_[count_]);
    kept.value.bytes = {bytes_[count_], from.size()};
    ++count_;
  }
  std::span<const lwm2m::Record> records() const { return {records_, count_}; }

 private:
  lwm2m::Record records_[N];
  uint8_t bytes_[N][kMaxBytes];
  size_t count_ = 0;
};

// Decodes the payload twice (the second pass after rewind(), even after an
// error), keeping the records of the last pass; false when it does not decode.
template <size_t N, size_t kMaxBytes>
bool decode_twice(lwm2m::RecordDecoder& decoder, RecordStore<N, kMaxBytes>& store) {
  bool ok = true;
  for (int pass = 0; pass < 2; ++pass) {
    decoder.rewind();
    store.clear();
    for (;;) {
      lwm2m::DecodedRecord r;
      lwm2m::Result<bool> more = decoder.next(r);
      if (!more.ok()) {
        ok = false;
        break;
      }
      if (!*more) break;
      store.add(r);
    }
  }
  return ok;
}

}  // namespace record_fuzz
