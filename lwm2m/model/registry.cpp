#include "lwm2m/model/registry.h"

namespace lwm2m {

Status Registry::add(Object& object) {
  if (find(object.id()) != nullptr) return Error::kAlreadyExists;
  if (count_ == slots_.size()) return Error::kCapacityExceeded;
  size_t at = count_;
  while (at > 0 && slots_[at - 1]->id() > object.id()) {
    slots_[at] = slots_[at - 1];
    --at;
  }
  slots_[at] = &object;
  ++count_;
  return kOk;
}

Object* Registry::find(uint16_t object_id) const {
  for (size_t i = 0; i < count_; ++i)
    if (slots_[i]->id() == object_id) return slots_[i];
  return nullptr;
}

}  // namespace lwm2m
