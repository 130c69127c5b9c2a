// The objects a client serves, in ascending object id order. Storage for the
// object pointers is the caller's (FixedRegistry gives it a size at build time).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/core/status.h"
#include "lwm2m/model/object.h"

namespace lwm2m {

class Registry {
 public:
  explicit Registry(std::span<Object*> slots) : slots_(slots) {}
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // Adds an object; ids are unique (kAlreadyExists) and the pool bounded.
  Status add(Object& object);
  Object* find(uint16_t object_id) const;
  size_t size() const { return count_; }
  Object& at(size_t index) const { return *slots_[index]; }

 private:
  std::span<Object*> slots_;
  size_t count_ = 0;
};

template <size_t kMaxObjects>
class FixedRegistry : public Registry {
 public:
  FixedRegistry() : Registry(slots_) {}

 private:
  Object* slots_[kMaxObjects] = {};
};

}  // namespace lwm2m
