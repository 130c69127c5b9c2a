// Helpers shared by the content-format tests: build records, the Core TS
// Device object example, and run an encoder over a list of records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "lwm2m/core/path.h"
#include "lwm2m/core/record.h"
#include "lwm2m/core/status.h"
#include "lwm2m/core/value.h"

namespace record_test {

inline lwm2m::Record record(lwm2m::Path path, lwm2m::Value value) {
  lwm2m::Record r;
  r.path = path;
  r.value = value;
  return r;
}

inline std::span<const uint8_t> bytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// The Device object instance /3/0 that the Core TS §7.4 examples read.
inline std::vector<lwm2m::Record> core_ts_device_records() {
  using lwm2m::Path;
  using lwm2m::Value;
  return {
      record(Path(3, 0, 0), Value::of_string("Open Mobile Alliance")),
      record(Path(3, 0, 1), Value::of_string("Lightweight M2M Client")),
      record(Path(3, 0, 2), Value::of_string("345000123")),
      record(Path(3, 0, 3), Value::of_string("1.0")),
      record(Path(3, 0, 6, 0), Value::of_integer(1)),
      record(Path(3, 0, 6, 1), Value::of_integer(5)),
      record(Path(3, 0, 7, 0), Value::of_integer(3800)),
      record(Path(3, 0, 7, 1), Value::of_integer(5000)),
      record(Path(3, 0, 8, 0), Value::of_integer(125)),
      record(Path(3, 0, 8, 1), Value::of_integer(900)),
      record(Path(3, 0, 9), Value::of_integer(100)),
      record(Path(3, 0, 10), Value::of_integer(15)),
      record(Path(3, 0, 11, 0), Value::of_integer(0)),
      record(Path(3, 0, 13), Value::of_time(1367491215)),
      record(Path(3, 0, 14), Value::of_string("+02:00")),
      record(Path(3, 0, 16), Value::of_string("U")),
  };
}

// An encoder's payload, or the first error it gave (and no bytes).
struct Encoded {
  lwm2m::Error error = lwm2m::Error::kOk;
  std::vector<uint8_t> bytes;
};

// Runs an Encoder over a buffer of `capacity` bytes: begin(request), add()
// each record, finish(); stops at the first error.
template <typename Encoder>
Encoded encode_with(const lwm2m::Path& request, const std::vector<lwm2m::Record>& records, size_t capacity) {
  std::vector<uint8_t> out(capacity);
  Encoder encoder(out);
  if (lwm2m::Status s = encoder.begin(request); !s.ok()) return {s.error(), {}};
  for (const lwm2m::Record& r : records)
    if (lwm2m::Status s = encoder.add(r); !s.ok()) return {s.error(), {}};
  lwm2m::Result<size_t> n = encoder.finish();
  if (!n.ok()) return {n.error(), {}};
  out.resize(*n);
  return {lwm2m::Error::kOk, out};
}

}  // namespace record_test
