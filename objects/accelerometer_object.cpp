#include "objects/accelerometer_object.h"

#include "objects/ipso_resources.h"
#include "objects/object_setup.h"

namespace lwm2m::objects {

using namespace ipso;

Status AccelerometerObject::add_sensor(uint16_t instance, std::string_view units, std::optional<double> min_range,
                                       std::optional<double> max_range) {
  if (min_range && max_range && *min_range > *max_range) return Error::kOutOfRange;
  return create_filled(*this, instance, [&]() -> Status {
    LWM2M_TRY(set(instance, kXValue, Value::of_float(0)));
    LWM2M_TRY(set(instance, kYValue, Value::of_float(0)));
    LWM2M_TRY(set(instance, kZValue, Value::of_float(0)));
    LWM2M_TRY(set_string_if_given(*this, instance, kSensorUnits, units));
    if (min_range) LWM2M_TRY(set(instance, kMinRangeValue, Value::of_float(*min_range)));
    if (max_range) LWM2M_TRY(set(instance, kMaxRangeValue, Value::of_float(*max_range)));
    return kOk;
  });
}

Status AccelerometerObject::update(uint16_t instance, double x, double y, double z) {
  if (!has_instance(instance)) return Error::kNotFound;
  // The three values exist from add_sensor on, so replacing them cannot fail halfway.
  LWM2M_TRY(set(instance, kXValue, Value::of_float(x)));
  LWM2M_TRY(set(instance, kYValue, Value::of_float(y)));
  return set(instance, kZValue, Value::of_float(z));
}

}  // namespace lwm2m::objects
