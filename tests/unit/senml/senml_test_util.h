// Helpers shared by the SenML tests: decode a whole pack, build records.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lwm2m/core/path.h"
#include "lwm2m/core/value.h"

#include "lwm2m/core/record.h"

namespace senml_test {

inline std::span<const uint8_t> bytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

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

inline lwm2m::Record rec(lwm2m::Path p, lwm2m::Value v) {
  lwm2m::Record r;
  r.path = p;
  r.value = v;
  return r;
}

// The values of the Core TS §7.4.4 example: Read on the Device Object Instance /3/0.
inline std::vector<lwm2m::Record> core_ts_device_records() {
  return {
      rec(lwm2m::Path(3, 0, 0), lwm2m::Value::of_string("Open Mobile Alliance")),
      rec(lwm2m::Path(3, 0, 1), lwm2m::Value::of_string("Lightweight M2M Client")),
      rec(lwm2m::Path(3, 0, 2), lwm2m::Value::of_string("345000123")),
      rec(lwm2m::Path(3, 0, 3), lwm2m::Value::of_string("1.0")),
      rec(lwm2m::Path(3, 0, 6, 0), lwm2m::Value::of_integer(1)),
      rec(lwm2m::Path(3, 0, 6, 1), lwm2m::Value::of_integer(5)),
      rec(lwm2m::Path(3, 0, 7, 0), lwm2m::Value::of_integer(3800)),
      rec(lwm2m::Path(3, 0, 7, 1), lwm2m::Value::of_integer(5000)),
      rec(lwm2m::Path(3, 0, 8, 0), lwm2m::Value::of_integer(125)),
      rec(lwm2m::Path(3, 0, 8, 1), lwm2m::Value::of_integer(900)),
      rec(lwm2m::Path(3, 0, 9), lwm2m::Value::of_integer(100)),
      rec(lwm2m::Path(3, 0, 10), lwm2m::Value::of_integer(15)),
      rec(lwm2m::Path(3, 0, 11, 0), lwm2m::Value::of_integer(0)),
      rec(lwm2m::Path(3, 0, 13), lwm2m::Value::of_time(1367491215)),
      rec(lwm2m::Path(3, 0, 14), lwm2m::Value::of_string("+02:00")),
      rec(lwm2m::Path(3, 0, 16), lwm2m::Value::of_string("U")),
  };
}

inline std::string text_of(const lwm2m::Value& v) { return std::string(v.text()); }

}  // namespace senml_test
