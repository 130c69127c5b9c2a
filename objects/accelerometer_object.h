// IPSO Accelerometer (3313): X, Y and Z values of each sensor instance.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "lwm2m/model/stored_object.h"
#include "objects/definitions/accelerometer.h"

namespace lwm2m::objects {

// Pools: 2 instances, 18 values (X, Y, Z, units, range and application
// type of each), 96 bytes of unit and application type text.
class AccelerometerObject final : public StoredObject<2, 18, 96> {
 public:
  AccelerometerObject() : StoredObject(kAccelerometerObject) {}

  // Creates an instance at (0, 0, 0); `units` like "m/s2" or "g" (empty leaves it out).
  Status add_sensor(uint16_t instance, std::string_view units, std::optional<double> min_range = std::nullopt,
                    std::optional<double> max_range = std::nullopt);
  Status update(uint16_t instance, double x, double y, double z);
};

}  // namespace lwm2m::objects
