// IPSO sensors that report one value with its extremes: Generic Sensor
// (3300), Temperature (3303), Humidity (3304) and Barometer (3315) share
// resources 5700/5601/5602/5603/5604/5701/5750/5605, so one class serves all.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "lwm2m/model/stored_object.h"
#include "objects/definitions/barometer.h"
#include "objects/definitions/generic_sensor.h"
#include "objects/definitions/humidity.h"
#include "objects/definitions/temperature.h"

namespace lwm2m::objects {

struct SensorSetup {
  std::string_view units;                 // "Cel", "%RH", "hPa" ...; empty leaves 5701 out
  std::optional<double> min_range;        // the sensor's measurable span (5603/5604)
  std::optional<double> max_range;
  std::string_view application_type;      // 5750, writable by the server
  std::string_view sensor_type;           // 5751, only where the definition has it (3300)
};

// Pools: 4 instances (sensors of one kind), 44 values (10 per sensor and
// room for a server-written application type), 256 bytes of unit and
// application type text.
class SensorObject final : public StoredObject<4, 44, 256> {
 public:
  // `def` is one of kGenericSensorObject, kTemperatureObject,
  // kHumidityObject, kBarometerObject (or another with the same resources).
  explicit SensorObject(const ObjectDef& def) : StoredObject(def) {}

  // Creates an instance reading `initial` with min and max measured equal to it.
  Status add_sensor(uint16_t instance, const SensorSetup& setup, double initial);
  // A new measurement: Sensor Value changes and the measured extremes widen.
  Status update(uint16_t instance, double value);
  // Reset Min and Max Measured Values (5605): both become the current value.
  Status reset_min_max(uint16_t instance);
  Result<double> value(uint16_t instance) const;

  bool has_resource(uint16_t instance, uint16_t resource) const override;
  Status execute(uint16_t instance, uint16_t resource, std::span<const uint8_t> arguments) override;

 private:
  Status set_if_defined(uint16_t instance, uint16_t resource, const Value& value);
};

}  // namespace lwm2m::objects
