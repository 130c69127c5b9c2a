#include "objects/location_object.h"

namespace lwm2m::objects {

namespace {
constexpr uint16_t kInstance = 0;

enum Resource : uint16_t { kLatitude = 0, kLongitude = 1, kAltitude = 2, kRadius = 3, kVelocity = 4, kTimestamp = 5,
                           kSpeed = 6 };

// Rejects NaN too: every comparison with NaN is false.
bool within(double v, double lo, double hi) { return v >= lo && v <= hi; }
}  // namespace

LocationObject::LocationObject() : StoredObject(kLocationObject) {
  (void)create_instance(kInstance);
  (void)set(kInstance, kLatitude, Value::of_float(0));
  (void)set(kInstance, kLongitude, Value::of_float(0));
  (void)set(kInstance, kTimestamp, Value::of_time(0));
}

Status LocationObject::set_position(double latitude, double longitude, int64_t timestamp) {
  if (!within(latitude, -90, 90) || !within(longitude, -180, 180)) return Error::kOutOfRange;
  // The three values already exist, so replacing them cannot run out of room.
  LWM2M_TRY(set(kInstance, kLatitude, Value::of_float(latitude)));
  LWM2M_TRY(set(kInstance, kLongitude, Value::of_float(longitude)));
  return set(kInstance, kTimestamp, Value::of_time(timestamp));
}

Status LocationObject::set_altitude(double meters) {
  if (!within(meters, -1e6, 1e8)) return Error::kOutOfRange;
  return set(kInstance, kAltitude, Value::of_float(meters));
}

Status LocationObject::set_radius(double meters) {
  if (!within(meters, 0, 1e8)) return Error::kOutOfRange;
  return set(kInstance, kRadius, Value::of_float(meters));
}

Status LocationObject::set_speed(double meters_per_second) {
  if (!within(meters_per_second, 0, 1e8)) return Error::kOutOfRange;
  return set(kInstance, kSpeed, Value::of_float(meters_per_second));
}

Status LocationObject::set_velocity(std::span<const uint8_t> encoded) {
  return set(kInstance, kVelocity, Value::of_opaque(encoded));
}

}  // namespace lwm2m::objects
