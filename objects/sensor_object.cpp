#include "objects/sensor_object.h"

#include "objects/ipso_resources.h"
#include "objects/object_setup.h"

namespace lwm2m::objects {

using namespace ipso;

Status SensorObject::set_if_defined(uint16_t instance, uint16_t resource, const Value& value) {
  if (def().find(resource) == nullptr) return kOk;
  return set(instance, resource, value);
}

Status SensorObject::add_sensor(uint16_t instance, const SensorSetup& setup, double initial) {
  if (setup.min_range && setup.max_range && *setup.min_range > *setup.max_range) return Error::kOutOfRange;
  return create_filled(*this, instance, [&]() -> Status {
    LWM2M_TRY(set(instance, kSensorValue, Value::of_float(initial)));
    LWM2M_TRY(set_if_defined(instance, kMinMeasuredValue, Value::of_float(initial)));
    LWM2M_TRY(set_if_defined(instance, kMaxMeasuredValue, Value::of_float(initial)));
    if (setup.min_range) LWM2M_TRY(set_if_defined(instance, kMinRangeValue, Value::of_float(*setup.min_range)));
    if (setup.max_range) LWM2M_TRY(set_if_defined(instance, kMaxRangeValue, Value::of_float(*setup.max_range)));
    if (!setup.units.empty()) LWM2M_TRY(set_if_defined(instance, kSensorUnits, Value::of_string(setup.units)));
    if (!setup.application_type.empty())
      LWM2M_TRY(set_if_defined(instance, kApplicationType, Value::of_string(setup.application_type)));
    if (!setup.sensor_type.empty())
      LWM2M_TRY(set_if_defined(instance, kSensorType, Value::of_string(setup.sensor_type)));
    return kOk;
  });
}

Result<double> SensorObject::value(uint16_t instance) const { return read_float(*this, instance, kSensorValue); }

Status SensorObject::update(uint16_t instance, double value) {
  if (!has_instance(instance)) return Error::kNotFound;
  if (value != value) return Error::kOutOfRange;  // NaN would poison min and max
  // Existing entries are replaced in place: none of these sets can run out of room.
  LWM2M_TRY(set(instance, kSensorValue, Value::of_float(value)));
  Result<double> low = read_float(*this, instance, kMinMeasuredValue);
  if (low.ok() && value < *low) LWM2M_TRY(set(instance, kMinMeasuredValue, Value::of_float(value)));
  Result<double> high = read_float(*this, instance, kMaxMeasuredValue);
  if (high.ok() && value > *high) LWM2M_TRY(set(instance, kMaxMeasuredValue, Value::of_float(value)));
  return kOk;
}

Status SensorObject::reset_min_max(uint16_t instance) {
  Result<double> current = value(instance);
  if (!current.ok()) return current.error();
  LWM2M_TRY(set_if_defined(instance, kMinMeasuredValue, Value::of_float(*current)));
  return set_if_defined(instance, kMaxMeasuredValue, Value::of_float(*current));
}

bool SensorObject::has_resource(uint16_t instance, uint16_t resource) const {
  if (resource == kResetMinMaxMeasuredValues)
    return has_instance(instance) && def().find(resource) != nullptr;
  return StoredObject::has_resource(instance, resource);
}

Status SensorObject::execute(uint16_t instance, uint16_t resource, std::span<const uint8_t>) {
  if (!has_instance(instance)) return Error::kNotFound;
  if (resource != kResetMinMaxMeasuredValues) return Error::kMethodNotAllowed;
  return reset_min_max(instance);
}

}  // namespace lwm2m::objects
