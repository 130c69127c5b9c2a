// Helpers shared by the SenML tests: decode a whole pack, build records.
#pragma once

#include <string>
#include <string_view>
#include <vector>

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

inline std::string text_of(const lwm2m::Value& v) { return std::string(v.text()); }

}  // namespace senml_test
