// Fuzzes the number text conversions against the host's libc:
//  - the input as text: parse_double must agree with strtod to the bit
//    (inf meaning kOutOfRange) whenever it accepts the grammar, and the
//    integer parsers must never crash;
//  - the input's bytes as doubles: format_double must give text that
//    parse_double and strtod both read back to the same bits.
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "lwm2m/core/number_text.h"

namespace {

void check(bool condition) {
  if (!condition) std::abort();
}

void check_parse(std::string_view text) {
  (void)lwm2m::parse_int64(text);
  (void)lwm2m::parse_uint64(text);
  lwm2m::Result<double> ours = lwm2m::parse_double(text);
  if (!ours.ok() && ours.error() == lwm2m::Error::kMalformed) return;
  // Accepted grammar is a subset of strtod's, which must consume it all.
  std::string copy(text);
  char* end = nullptr;
  double host = std::strtod(copy.c_str(), &end);
  check(end == copy.c_str() + copy.size());
  if (std::isinf(host)) {
    check(ours.error() == lwm2m::Error::kOutOfRange);
  } else {
    check(ours.ok() && std::bit_cast<uint64_t>(*ours) == std::bit_cast<uint64_t>(host));
  }
}

void check_format(double v) {
  char buf[lwm2m::kMaxNumberText];
  lwm2m::Result<size_t> n = lwm2m::format_double(v, buf);
  if (!std::isfinite(v)) {
    check(!n.ok());
    return;
  }
  check(n.ok() && *n <= sizeof buf);
  std::string_view text(buf, *n);
  lwm2m::Result<double> back = lwm2m::parse_double(text);
  check(back.ok() && std::bit_cast<uint64_t>(*back) == std::bit_cast<uint64_t>(v));
  std::string copy(text);
  check(std::bit_cast<uint64_t>(std::strtod(copy.c_str(), nullptr)) == std::bit_cast<uint64_t>(v));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  check_parse(std::string_view(reinterpret_cast<const char*>(data), size));
  for (size_t i = 0; i + 8 <= size; i += 8) {
    uint64_t bits;
    std::memcpy(&bits, data + i, 8);
    check_format(std::bit_cast<double>(bits));
  }
  return 0;
}
