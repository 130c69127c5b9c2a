// Simulated IPSO sensors: bounded, realistic and reproducible.
#include "apps/lwm2m-client/simulated_sensors.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using lwm2m::Path;
using lwm2m::Value;
using lwm2m::client::SimulatedSensors;
using lwm2m::objects::SensorObject;

namespace {

struct Bench {
  SensorObject temperature{lwm2m::objects::kTemperatureObject};
  SensorObject humidity{lwm2m::objects::kHumidityObject};
  SensorObject barometer{lwm2m::objects::kBarometerObject};
  SimulatedSensors sensors;
  explicit Bench(uint64_t seed, double time_of_day = 0) : sensors(temperature, humidity, barometer, seed, time_of_day) {
    EXPECT_TRUE(sensors.add_instances(0).ok());
  }
  std::vector<double> run(int steps, double seconds) {
    std::vector<double> trace;
    for (int i = 0; i < steps; ++i) {
      EXPECT_TRUE(sensors.step(seconds).ok());
      trace.insert(trace.end(), {sensors.temperature(), sensors.humidity(), sensors.pressure()});
    }
    return trace;
  }
};

}  // namespace

TEST(SimulatedSensors, InstancesHaveUnitsAndRanges) {
  Bench b(1);
  Value v;
  ASSERT_TRUE(b.temperature.read(Path(3303, 0, 5701), v).ok());
  EXPECT_EQ(v.text(), "Cel");
  ASSERT_TRUE(b.humidity.read(Path(3304, 0, 5701), v).ok());
  EXPECT_EQ(v.text(), "%RH");
  ASSERT_TRUE(b.barometer.read(Path(3315, 0, 5701), v).ok());
  EXPECT_EQ(v.text(), "hPa");
  ASSERT_TRUE(b.barometer.read(Path(3315, 0, 5604), v).ok());
  EXPECT_DOUBLE_EQ(v.floating, 1100.0);
}

TEST(SimulatedSensors, StaysInRangeForAMonth) {
  Bench b(12345);
  for (int minute = 0; minute < 30 * 24 * 60; ++minute) {
    ASSERT_TRUE(b.sensors.step(60).ok());
    ASSERT_GE(b.sensors.temperature(), lwm2m::client::kTemperatureMin);
    ASSERT_LE(b.sensors.temperature(), lwm2m::client::kTemperatureMax);
    ASSERT_GE(b.sensors.humidity(), lwm2m::client::kHumidityMin);
    ASSERT_LE(b.sensors.humidity(), lwm2m::client::kHumidityMax);
    ASSERT_GE(b.sensors.pressure(), lwm2m::client::kPressureMin);
    ASSERT_LE(b.sensors.pressure(), lwm2m::client::kPressureMax);
  }
}

TEST(SimulatedSensors, ObjectsFollowTheSimulation) {
  Bench b(7);
  ASSERT_TRUE(b.sensors.step(600).ok());
  EXPECT_DOUBLE_EQ(*b.temperature.value(0), b.sensors.temperature());
  EXPECT_DOUBLE_EQ(*b.humidity.value(0), b.sensors.humidity());
  EXPECT_DOUBLE_EQ(*b.barometer.value(0), b.sensors.pressure());
  Value min, max;
  b.run(500, 60);
  ASSERT_TRUE(b.temperature.read(Path(3303, 0, 5601), min).ok());
  ASSERT_TRUE(b.temperature.read(Path(3303, 0, 5602), max).ok());
  EXPECT_LT(min.floating, max.floating);  // it moved, and the extremes followed
}

TEST(SimulatedSensors, SameSeedSameValues) {
  Bench a(99), b(99), c(100);
  std::vector<double> ta = a.run(1000, 30), tb = b.run(1000, 30), tc = c.run(1000, 30);
  EXPECT_EQ(ta, tb);
  EXPECT_NE(ta, tc);
}

TEST(SimulatedSensors, MovesGentlyBetweenMinutes) {
  Bench b(5);
  double last_t = b.sensors.temperature(), last_p = b.sensors.pressure();
  double total_change = 0;
  for (int i = 0; i < 2000; ++i) {
    ASSERT_TRUE(b.sensors.step(60).ok());
    EXPECT_LT(std::fabs(b.sensors.temperature() - last_t), 1.0);  // no jumps within a minute
    EXPECT_LT(std::fabs(b.sensors.pressure() - last_p), 2.0);
    total_change += std::fabs(b.sensors.temperature() - last_t);
    last_t = b.sensors.temperature();
    last_p = b.sensors.pressure();
  }
  EXPECT_GT(total_change, 5.0);  // but it does move
}

TEST(SimulatedSensors, AfternoonIsWarmerThanNight) {
  Bench b(3, 0);
  double afternoon = 0, night = 0;
  for (int day = 0; day < 20; ++day) {
    ASSERT_TRUE(b.sensors.step(3 * 3600).ok());  // 03:00
    night += b.sensors.temperature();
    ASSERT_TRUE(b.sensors.step(12 * 3600).ok());  // 15:00
    afternoon += b.sensors.temperature();
    ASSERT_TRUE(b.sensors.step(9 * 3600).ok());  // midnight
  }
  EXPECT_GT(afternoon / 20, night / 20 + 3.0);  // the daily swing is 2 x 2.5 Cel
}

TEST(SimulatedSensors, BadStepsAreRefusedAndHugeOnesAreCheap) {
  Bench b(1);
  double before = b.sensors.temperature();
  EXPECT_EQ(b.sensors.step(-1).error(), lwm2m::Error::kOutOfRange);
  EXPECT_EQ(b.sensors.step(NAN).error(), lwm2m::Error::kOutOfRange);
  EXPECT_EQ(b.sensors.step(INFINITY).error(), lwm2m::Error::kOutOfRange);
  EXPECT_EQ(b.sensors.temperature(), before);
  EXPECT_TRUE(b.sensors.step(1e12).ok());  // a day of sub-steps at most
  EXPECT_TRUE(b.sensors.step(0).ok());
}
