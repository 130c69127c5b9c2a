// Helpers shared by the SenML tests: decode a whole pack, build records,
// encode them and check what came back.
#pragma once

#include <gtest/gtest.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lwm2m/core/path.h"
#include "lwm2m/core/value.h"

#include "lwm2m/core/record.h"
#include "tests/unit/common/record_test_util.h"

namespace senml_test {

using record_test::bytes;

struct Decoded {
  std::vector<lwm2m::DecodedRecord> records;
  std::vector<std::vector<uint8_t>> copies;  // values outlive the decoder's scratch
  lwm2m::Error error = lwm2m::Error::kOk;
};

// Reads every record; string and opaque values are copied so they stay valid.
template <typename Decoder>
Decoded decode_all(Decoder& d) {
  Decoded out;
  out.copies.reserve(64);
  for (int guard = 0; guard < 1000; ++guard) {
    lwm2m::DecodedRecord r;
    auto more = d.next(r);
    if (!more.ok()) {
      out.error = more.error();
      return out;
    }
    if (!*more) return out;
    auto& b = r.value.value.bytes;
    if (!b.empty()) {
      out.copies.emplace_back(b.begin(), b.end());
      b = out.copies.back();
    }
    out.records.push_back(r);
  }
  out.error = lwm2m::Error::kInternal;
  return out;
}

inline lwm2m::Record rec(lwm2m::Path p, lwm2m::Value v) { return record_test::record(p, v); }

// Encodes `records` with an Encoder over a buffer of `capacity` bytes; every
// step must succeed. Returns the payload (empty on failure).
template <typename Encoder>
std::vector<uint8_t> encode_ok(const lwm2m::Path& request, const std::vector<lwm2m::Record>& records,
                               size_t capacity) {
  record_test::Encoded e = record_test::encode_with<Encoder>(request, records, capacity);
  EXPECT_EQ(e.error, lwm2m::Error::kOk);
  return e.bytes;
}

// What a decoder gives for an encoded value: v and vs carry no LwM2M type,
// so Time comes back as Integer and Corelnk as String.
inline lwm2m::Value as_decoded(lwm2m::Value v) {
  if (v.type == lwm2m::DataType::kTime) return lwm2m::Value::of_integer(v.integer);
  if (v.type == lwm2m::DataType::kCorelnk) return lwm2m::Value::of_string(v.text());
  return v;
}

// The pack decoded to `want`, in order, values as as_decoded() says.
inline void expect_records(const Decoded& d, const std::vector<lwm2m::Record>& want) {
  ASSERT_EQ(d.error, lwm2m::Error::kOk);
  ASSERT_EQ(d.records.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(d.records[i].path, want[i].path) << i;
    EXPECT_EQ(d.records[i].value.value, as_decoded(want[i].value)) << i;
  }
}

// Each decoded value converts back to the type it was encoded from.
inline void expect_converts_back(const Decoded& d, const std::vector<lwm2m::Record>& want) {
  ASSERT_EQ(d.records.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    auto converted = lwm2m::convert(d.records[i].value, want[i].value.type, {});
    ASSERT_TRUE(converted.ok()) << i;
    EXPECT_EQ(*converted, want[i].value) << i;
  }
}

// /3303/0/5700 = 20.5 at each of `times`, then an untimed /3303/0/5701 "Cel".
inline std::vector<lwm2m::Record> timed_temperatures(std::span<const double> times) {
  std::vector<lwm2m::Record> records;
  for (double t : times) {
    lwm2m::Record r = rec(lwm2m::Path(3303, 0, 5700), lwm2m::Value::of_float(20.5));
    r.has_time = true;
    r.time = t;
    records.push_back(r);
  }
  records.push_back(rec(lwm2m::Path(3303, 0, 5701), lwm2m::Value::of_string("Cel")));
  return records;
}

// timed_temperatures(times) decoded: the timed records keep their times.
inline void expect_timed_temperatures(const Decoded& d, std::span<const double> times) {
  ASSERT_EQ(d.error, lwm2m::Error::kOk);
  ASSERT_EQ(d.records.size(), times.size() + 1);
  for (size_t i = 0; i < times.size(); ++i) {
    EXPECT_TRUE(d.records[i].has_time);
    EXPECT_EQ(d.records[i].time, times[i]);
  }
  EXPECT_FALSE(d.records[times.size()].has_time);
}

using record_test::core_ts_device_records;  // the values of the Core TS §7.4.4 example

inline std::string text_of(const lwm2m::Value& v) { return std::string(v.text()); }

}  // namespace senml_test
