#include "lwm2m/model/definitions.h"

namespace lwm2m {

Status check_range(const ResourceDef& def, const Value& value) {
  if (value.type != def.type) return Error::kTypeMismatch;
  if (!def.has_range) return kOk;
  double v;
  switch (value.type) {
    case DataType::kInteger:
    case DataType::kTime: v = static_cast<double>(value.integer); break;
    case DataType::kUnsignedInteger: v = static_cast<double>(value.unsigned_integer); break;
    case DataType::kFloat: v = value.floating; break;
    case DataType::kString:
    case DataType::kOpaque: v = static_cast<double>(value.bytes.size()); break;
    default: return kOk;
  }
  if (v < def.range_min || v > def.range_max) return Error::kOutOfRange;
  return kOk;
}

}  // namespace lwm2m
