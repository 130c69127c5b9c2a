// Location object (6): the device's position as the application last
// reported it (from GNSS, cell positioning or configuration).
#pragma once

#include <cstdint>
#include <span>

#include "lwm2m/model/stored_object.h"
#include "objects/definitions/location.h"

namespace lwm2m::objects {

// Pools: the single instance, 8 values (all seven resources), 32 bytes for
// the Velocity opaque (3GPP TS 23.032 encodings are at most 7 bytes long).
class LocationObject final : public StoredObject<1, 8, 32> {
 public:
  // Creates instance 0 at latitude 0, longitude 0, timestamp 0.
  LocationObject();

  // Latitude -90..90 and longitude -180..180 degrees; `timestamp` UNIX seconds.
  Status set_position(double latitude, double longitude, int64_t timestamp);
  Status set_altitude(double meters);
  Status set_radius(double meters);  // accuracy radius, >= 0
  Status set_speed(double meters_per_second);  // >= 0
  Status set_velocity(std::span<const uint8_t> encoded);  // 3GPP TS 23.032 velocity
};

}  // namespace lwm2m::objects
