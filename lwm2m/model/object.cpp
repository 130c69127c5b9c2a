#include "lwm2m/model/object.h"

namespace lwm2m {

bool Object::has_instance(uint16_t instance) const {
  for (size_t i = 0; i < instance_count(); ++i)
    if (instance_id(i) == instance) return true;
  return false;
}

Result<uint16_t> Object::free_instance_id() const {
  // Ids are ascending, so the first gap is the lowest free id.
  uint32_t candidate = 0;
  for (size_t i = 0; i < instance_count(); ++i) {
    if (instance_id(i) != candidate) break;
    ++candidate;
  }
  if (candidate > kMaxId) return Error::kCapacityExceeded;
  return static_cast<uint16_t>(candidate);
}

Status Object::validate(const Path&, const Value&) const { return kOk; }

bool Object::can_accept(size_t, size_t) const { return true; }

Status Object::execute(uint16_t, uint16_t, std::span<const uint8_t>) { return Error::kMethodNotAllowed; }

}  // namespace lwm2m
