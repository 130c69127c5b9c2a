#include "lwm2m/text/opaque_codec.h"

#include <cstring>

namespace lwm2m {

Result<size_t> OpaqueEncoder::write_value(const Value& value, std::span<uint8_t> out) {
  if (value.type != DataType::kOpaque) return Error::kNotAcceptable;
  if (value.bytes.size() > out.size()) return Error::kBufferTooSmall;
  if (!value.bytes.empty()) std::memcpy(out.data(), value.bytes.data(), value.bytes.size());
  return value.bytes.size();
}

}  // namespace lwm2m
