// Small helpers the standard objects share for filling and reading their stores.
#pragma once

#include <cstdint>
#include <string_view>

#include "lwm2m/core/status.h"
#include "lwm2m/core/value.h"
#include "lwm2m/model/stored_object.h"

namespace lwm2m::objects {

// Creates `instance` and runs `fill()` on it. When filling fails the instance
// is removed again, so no half-filled instance is ever visible.
template <typename Fill>
Status create_filled(StoredObjectBase& object, uint16_t instance, Fill fill) {
  LWM2M_TRY(object.create_instance(instance));
  Status filled = fill();
  if (!filled.ok()) (void)object.delete_instance(instance);
  return filled;
}

// Stores an optional string resource only when `text` is given (non-empty),
// so optional resources the application does not use stay absent.
Status set_string_if_given(StoredObjectBase& object, uint16_t instance, uint16_t resource, std::string_view text);

// Reads a single resource of the expected type from an object's own store.
Result<int64_t> read_integer(const Object& object, uint16_t instance, uint16_t resource);
Result<double> read_float(const Object& object, uint16_t instance, uint16_t resource);
Result<bool> read_boolean(const Object& object, uint16_t instance, uint16_t resource);

}  // namespace lwm2m::objects
