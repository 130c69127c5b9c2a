#include "objects/push_button_object.h"

#include "objects/ipso_resources.h"
#include "objects/object_setup.h"

namespace lwm2m::objects {

using namespace ipso;

Status PushButtonObject::add_button(uint16_t instance, std::string_view application_type) {
  return create_filled(*this, instance, [&]() -> Status {
    LWM2M_TRY(set(instance, kDigitalInputState, Value::of_boolean(false)));
    LWM2M_TRY(set(instance, kDigitalInputCounter, Value::of_integer(0)));
    return set_string_if_given(*this, instance, kApplicationType, application_type);
  });
}

Status PushButtonObject::set_pressed(uint16_t instance, bool pressed) {
  Result<bool> was = read_boolean(*this, instance, kDigitalInputState);
  if (!was.ok()) return was.error();
  Result<int64_t> count = read_integer(*this, instance, kDigitalInputCounter);
  if (!count.ok()) return count.error();
  LWM2M_TRY(set(instance, kDigitalInputState, Value::of_boolean(pressed)));
  if (pressed && !*was) LWM2M_TRY(set(instance, kDigitalInputCounter, Value::of_integer(*count + 1)));
  return kOk;
}

}  // namespace lwm2m::objects
