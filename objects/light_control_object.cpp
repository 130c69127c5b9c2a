#include "objects/light_control_object.h"

#include "objects/ipso_resources.h"
#include "objects/object_setup.h"

namespace lwm2m::objects {

using namespace ipso;

Status LightControlObject::add_light(uint16_t instance, std::string_view application_type) {
  return create_filled(*this, instance, [&]() -> Status {
    LWM2M_TRY(set(instance, kOnOff, Value::of_boolean(false)));
    LWM2M_TRY(set(instance, kDimmer, Value::of_integer(100)));
    LWM2M_TRY(set(instance, kOnTime, Value::of_integer(0)));
    return set_string_if_given(*this, instance, kApplicationType, application_type);
  });
}

void LightControlObject::notify(uint16_t instance) {
  if (handler_ == nullptr) return;
  Result<bool> on = read_boolean(*this, instance, kOnOff);
  Result<int64_t> dimmer = read_integer(*this, instance, kDimmer);
  handler_->light_changed(instance, on.ok() && *on, dimmer.ok() ? *dimmer : 100);
}

Status LightControlObject::set_on(uint16_t instance, bool on) {
  LWM2M_TRY(set(instance, kOnOff, Value::of_boolean(on)));
  notify(instance);
  return kOk;
}

Status LightControlObject::set_dimmer(uint16_t instance, int64_t percent) {
  Value v = Value::of_integer(percent);
  LWM2M_TRY(check_range(*def().find(kDimmer), v));
  LWM2M_TRY(set(instance, kDimmer, v));
  notify(instance);
  return kOk;
}

void LightControlObject::advance(uint32_t seconds) {
  for (size_t i = 0; i < instance_count(); ++i) {
    uint16_t instance = instance_id(i);
    Result<bool> on = read_boolean(*this, instance, kOnOff);
    Result<int64_t> on_time = read_integer(*this, instance, kOnTime);
    if (on.ok() && *on && on_time.ok()) (void)set(instance, kOnTime, Value::of_integer(*on_time + seconds));
  }
}

Status LightControlObject::set_power(uint16_t instance, double cumulative_wh, double power_factor) {
  if (!has_instance(instance)) return Error::kNotFound;
  if (!can_accept(2, 0)) return Error::kCapacityExceeded;
  LWM2M_TRY(set(instance, kCumulativeActivePower, Value::of_float(cumulative_wh)));
  return set(instance, kPowerFactor, Value::of_float(power_factor));
}

Status LightControlObject::validate(const Path& path, const Value& value) const {
  // "Writing a value of 0 resets the counter" (3311, On time): no other value.
  if (path.depth() == Path::kResource && path.resource() == kOnTime && value.integer != 0) return Error::kBadRequest;
  return kOk;
}

Status LightControlObject::write(const Path& path, const Value& value) {
  LWM2M_TRY(StoredObject::write(path, value));
  if (path.depth() == Path::kResource && (path.resource() == kOnOff || path.resource() == kDimmer))
    notify(path.instance());
  return kOk;
}

}  // namespace lwm2m::objects
