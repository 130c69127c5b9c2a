#include "objects/access_control_object.h"

#include "objects/object_setup.h"

namespace lwm2m::objects {

namespace {
enum Resource : uint16_t { kObjectId = 0, kObjectInstanceId = 1, kAcl = 2, kOwner = 3 };
}  // namespace

Status AccessControlObject::add_control(uint16_t instance, uint16_t object_id, uint16_t object_instance,
                                        uint16_t owner) {
  if (object_id < 1 || object_id > kMaxId) return Error::kOutOfRange;  // the DDF's 1..65534
  return create_filled(*this, instance, [&]() -> Status {
    LWM2M_TRY(set(instance, kObjectId, Value::of_integer(object_id)));
    LWM2M_TRY(set(instance, kObjectInstanceId, Value::of_integer(object_instance)));
    LWM2M_TRY(set(instance, kOwner, Value::of_integer(owner)));
    return kOk;
  });
}

Status AccessControlObject::set_acl(uint16_t instance, uint16_t short_server_id, int64_t rights) {
  if (rights < 0 || rights > 31) return Error::kOutOfRange;
  if (short_server_id > kMaxId) return Error::kInvalidPath;
  return set(instance, kAcl, short_server_id, Value::of_integer(rights));
}

}  // namespace lwm2m::objects
