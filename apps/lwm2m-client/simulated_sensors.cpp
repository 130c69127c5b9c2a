#include "apps/lwm2m-client/simulated_sensors.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace lwm2m::client {
namespace {

constexpr double kDay = 86400.0;
constexpr double kMeanTemperature = 21.5, kDailySwing = 2.5;  // indoor: warmest mid-afternoon
constexpr double kWarmestAt = 15 * 3600.0;
constexpr double kMeanHumidity = 45.0;
constexpr double kMeanPressure = 1013.25;

// One Ornstein-Uhlenbeck step: pulls `x` back to 0 with time constant `tau`
// seconds while `sigma` per sqrt(second) of noise pushes it around.
double revert(double x, double dt, double tau, double sigma, double normal) {
  return x - x * dt / tau + sigma * std::sqrt(dt) * normal;
}

double round_to(double value, double step) { return std::round(value / step) * step; }

}  // namespace

SimulatedSensors::SimulatedSensors(objects::SensorObject& temperature, objects::SensorObject& humidity,
                                   objects::SensorObject& barometer, uint64_t seed, double time_of_day)
    : temperature_object_(temperature),
      humidity_object_(humidity),
      barometer_object_(barometer),
      random_(seed),
      time_of_day_(std::fmod(std::max(time_of_day, 0.0), kDay)) {
  advance(0);
}

// Box-Muller over the engine's raw output: the same numbers on every
// standard library (std::normal_distribution is implementation-defined).
double SimulatedSensors::gaussian() {
  constexpr double kScale = 1.0 / 18446744073709551616.0;  // 2^-64
  double u1 = (static_cast<double>(random_()) + 1.0) * kScale;  // (0, 1]
  double u2 = static_cast<double>(random_()) * kScale;
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double SimulatedSensors::daily_temperature() const {
  return kMeanTemperature + kDailySwing * std::cos(2.0 * std::numbers::pi * (time_of_day_ - kWarmestAt) / kDay);
}

void SimulatedSensors::advance(double dt) {
  if (dt > 0) {
    time_of_day_ = std::fmod(time_of_day_ + dt, kDay);
    temperature_noise_ = std::clamp(revert(temperature_noise_, dt, 1800.0, 0.02, gaussian()), -4.0, 4.0);
    humidity_noise_ = std::clamp(revert(humidity_noise_, dt, 3600.0, 0.08, gaussian()), -15.0, 15.0);
    pressure_offset_ = std::clamp(revert(pressure_offset_, dt, 6 * 3600.0, 0.05, gaussian()), -40.0, 30.0);
  }
  temperature_ = std::clamp(round_to(daily_temperature() + temperature_noise_, 0.1), kTemperatureMin, kTemperatureMax);
  // Warmer air at the same moisture has lower relative humidity: ~ -2 %RH per degree.
  double humidity = kMeanHumidity - 2.0 * (temperature_ - kMeanTemperature) + humidity_noise_;
  humidity_ = std::clamp(round_to(humidity, 0.1), kHumidityMin, kHumidityMax);
  pressure_ = std::clamp(round_to(kMeanPressure + pressure_offset_, 0.01), kPressureMin, kPressureMax);
}

Status SimulatedSensors::add_instances(uint16_t instance) {
  instance_ = instance;
  LWM2M_TRY(temperature_object_.add_sensor(instance, {"Cel", -40.0, 85.0, "", ""}, temperature_));
  LWM2M_TRY(humidity_object_.add_sensor(instance, {"%RH", 0.0, 100.0, "", ""}, humidity_));
  return barometer_object_.add_sensor(instance, {"hPa", 300.0, 1100.0, "", ""}, pressure_);
}

Status SimulatedSensors::step(double seconds) {
  if (!(seconds >= 0) || !std::isfinite(seconds)) return Error::kOutOfRange;
  constexpr double kMaxSubstep = 60.0;
  // The walks forget their past within hours: simulating the last day of a
  // long gap is enough and keeps a huge step cheap.
  if (seconds > kDay) {
    time_of_day_ = std::fmod(time_of_day_ + (seconds - kDay), kDay);
    seconds = kDay;
  }
  while (seconds > 0) {
    double dt = std::min(seconds, kMaxSubstep);
    advance(dt);
    seconds -= dt;
  }
  LWM2M_TRY(temperature_object_.update(instance_, temperature_));
  LWM2M_TRY(humidity_object_.update(instance_, humidity_));
  return barometer_object_.update(instance_, pressure_);
}

}  // namespace lwm2m::client
