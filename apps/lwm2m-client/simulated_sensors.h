// Simulated IPSO sensors whose values move like real ones: temperature
// follows a daily sine with a mean-reverting random walk on top, humidity
// moves against the temperature, pressure drifts slowly around sea level.
// Deterministic for a seed; time advances only through step().
#pragma once

#include <cstdint>
#include <random>

#include "lwm2m/core/status.h"
#include "objects/sensor_object.h"

namespace lwm2m::client {

// Plausible indoor bounds; values never leave them.
inline constexpr double kTemperatureMin = 10.0, kTemperatureMax = 35.0;  // Cel
inline constexpr double kHumidityMin = 20.0, kHumidityMax = 80.0;        // %RH
inline constexpr double kPressureMin = 960.0, kPressureMax = 1050.0;     // hPa

class SimulatedSensors {
 public:
  // The objects must be constructed over kTemperatureObject, kHumidityObject
  // and kBarometerObject. `time_of_day` (seconds after midnight) places the
  // start on the daily cycle.
  SimulatedSensors(objects::SensorObject& temperature, objects::SensorObject& humidity,
                   objects::SensorObject& barometer, uint64_t seed, double time_of_day = 8 * 3600.0);

  // Creates instance `instance` in each of the three objects with units,
  // measurable range and the starting value.
  Status add_instances(uint16_t instance = 0);
  // Advances simulated time by `seconds` (in sub-steps of at most a minute)
  // and updates the objects.
  Status step(double seconds);

  double temperature() const { return temperature_; }
  double humidity() const { return humidity_; }
  double pressure() const { return pressure_; }

 private:
  double gaussian();
  void advance(double dt);
  double daily_temperature() const;

  objects::SensorObject& temperature_object_;
  objects::SensorObject& humidity_object_;
  objects::SensorObject& barometer_object_;
  uint16_t instance_ = 0;
  std::mt19937_64 random_;
  double time_of_day_;
  // Deviations from the deterministic part, each a mean-reverting walk.
  double temperature_noise_ = 0, humidity_noise_ = 0, pressure_offset_ = 0;
  double temperature_ = 0, humidity_ = 0, pressure_ = 0;
};

}  // namespace lwm2m::client
