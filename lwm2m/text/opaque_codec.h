// application/octet-stream content format (42), Core TS §7.4.2: the raw
// bytes of one Opaque resource or resource instance.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/text/single_value_codec.h"

namespace lwm2m {

// Encodes the single record of a Read on /o/i/r or /o/i/r/ri as its raw
// bytes; see SingleValueEncoder for what is refused. A value of any data type
// but Opaque is kNotAcceptable.
class OpaqueEncoder final : public SingleValueEncoder {
 public:
  explicit OpaqueEncoder(std::span<uint8_t> out) : SingleValueEncoder(out) {}

 private:
  Result<size_t> write_value(const Value& value, std::span<uint8_t> out) override;
};

// Yields one record at the request path: a typed Opaque value viewing the
// whole payload, so convert() accepts it only for Opaque resources. A request
// path that is not a resource or resource instance gives kBadRequest.
class OpaqueDecoder final : public SingleValueDecoder {
 public:
  OpaqueDecoder(std::span<const uint8_t> payload, const Path& request_path)
      : SingleValueDecoder(request_path, DecodedValue{Value::of_opaque(payload), WireEncoding::kTyped}) {}
};

}  // namespace lwm2m
