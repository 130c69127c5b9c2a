#include "lwm2m/text/plain_text_codec.h"

#include <cstring>

#include "lwm2m/core/base64.h"
#include "lwm2m/core/number_text.h"
#include "lwm2m/core/objlnk_text.h"

namespace lwm2m {

namespace {

Result<size_t> copy_bytes(std::span<const uint8_t> bytes, std::span<uint8_t> out) {
  if (bytes.size() > out.size()) return Error::kBufferTooSmall;
  if (!bytes.empty()) std::memcpy(out.data(), bytes.data(), bytes.size());
  return bytes.size();
}

}  // namespace

Result<size_t> format_plain_text(const Value& value, std::span<uint8_t> out) {
  std::span<char> text(reinterpret_cast<char*>(out.data()), out.size());
  switch (value.type) {
    case DataType::kInteger:
    case DataType::kTime: return format_int64(value.integer, text);
    case DataType::kUnsignedInteger: return format_uint64(value.unsigned_integer, text);
    case DataType::kFloat: return format_double(value.floating, text);
    case DataType::kBoolean: {
      static constexpr uint8_t kDigits[] = {'0', '1'};
      return copy_bytes(std::span<const uint8_t>(&kDigits[value.boolean ? 1 : 0], 1), out);
    }
    case DataType::kObjlnk: {
      ObjlnkText link = objlnk_text(value.link);
      return copy_bytes({reinterpret_cast<const uint8_t*>(link.chars), link.size}, out);
    }
    case DataType::kOpaque: return base64_encode(value.bytes, text);
    case DataType::kString:
    case DataType::kCorelnk: return copy_bytes(value.bytes, out);
    case DataType::kNone: break;
  }
  return Error::kTypeMismatch;
}

}  // namespace lwm2m
