// IPSO objects: the shared sensor class on 3300/3303/3304/3315, the
// accelerometer (3313), light control (3311) and push button (3347).
#include <gtest/gtest.h>

#include <vector>

#include "object_test_util.h"
#include "objects/accelerometer_object.h"
#include "objects/light_control_object.h"
#include "objects/push_button_object.h"
#include "objects/sensor_object.h"

namespace lwm2m::objects {
namespace {

using testing::expect_mandatory_resources;
using testing::read_value;
using testing::server_execute;
using testing::server_write;
using testing::text;

class SensorKinds : public ::testing::TestWithParam<const ObjectDef*> {};

TEST_P(SensorKinds, SensorKeepsMinAndMaxAndResets) {
  SensorObject sensors(*GetParam());
  EXPECT_TRUE(sensors.def().multiple_instances);
  SensorSetup setup;
  setup.units = "Cel";
  setup.min_range = -40;
  setup.max_range = 125;
  setup.application_type = "room";
  ASSERT_TRUE(sensors.add_sensor(0, setup, 21.5).ok());
  ASSERT_TRUE(sensors.add_sensor(1, SensorSetup{}, 0).ok());
  expect_mandatory_resources(sensors, 0);
  expect_mandatory_resources(sensors, 1);
  EXPECT_EQ(read_value(sensors, 0, 5700).floating, 21.5);
  EXPECT_EQ(text(read_value(sensors, 0, 5701)), "Cel");
  EXPECT_EQ(read_value(sensors, 0, 5603).floating, -40);
  EXPECT_EQ(read_value(sensors, 0, 5604).floating, 125);
  EXPECT_FALSE(sensors.has_resource(1, 5701));
  ASSERT_TRUE(sensors.update(0, 25).ok());
  ASSERT_TRUE(sensors.update(0, 18).ok());
  ASSERT_TRUE(sensors.update(0, 20).ok());
  EXPECT_EQ(read_value(sensors, 0, 5700).floating, 20);
  EXPECT_EQ(read_value(sensors, 0, 5601).floating, 18);
  EXPECT_EQ(read_value(sensors, 0, 5602).floating, 25);
  EXPECT_EQ(read_value(sensors, 1, 5700).floating, 0);  // the other instance is untouched
  EXPECT_TRUE(sensors.has_resource(0, 5605));
  ASSERT_TRUE(server_execute(sensors, 0, 5605).ok());
  EXPECT_EQ(read_value(sensors, 0, 5601).floating, 20);
  EXPECT_EQ(read_value(sensors, 0, 5602).floating, 20);
  // Application Type is the one resource a server writes.
  ASSERT_TRUE(server_write(sensors, Path(sensors.id(), 0, 5750), Value::of_string("hall")).ok());
  EXPECT_EQ(text(read_value(sensors, 0, 5750)), "hall");
  EXPECT_EQ(server_write(sensors, Path(sensors.id(), 0, 5700), Value::of_float(1)), Error::kMethodNotAllowed);
  EXPECT_EQ(server_execute(sensors, 0, 5700), Error::kMethodNotAllowed);
}

INSTANTIATE_TEST_SUITE_P(Ipso, SensorKinds,
                         ::testing::Values(&kGenericSensorObject, &kTemperatureObject, &kHumidityObject,
                                           &kBarometerObject));

TEST(SensorObject, SensorTypeOnlyWhereDefined) {
  SensorSetup setup;
  setup.sensor_type = "PT100";
  SensorObject generic(kGenericSensorObject);
  ASSERT_TRUE(generic.add_sensor(0, setup, 1).ok());
  EXPECT_EQ(text(read_value(generic, 0, 5751)), "PT100");
  SensorObject temperature(kTemperatureObject);
  ASSERT_TRUE(temperature.add_sensor(0, setup, 1).ok());
  EXPECT_FALSE(temperature.has_resource(0, 5751));
}

TEST(SensorObject, RejectsBadInput) {
  SensorObject sensors(kTemperatureObject);
  SensorSetup setup;
  setup.min_range = 10;
  setup.max_range = 0;
  EXPECT_EQ(sensors.add_sensor(0, setup, 1), Error::kOutOfRange);
  EXPECT_EQ(sensors.instance_count(), 0u);
  EXPECT_EQ(sensors.update(0, 1), Error::kNotFound);
  ASSERT_TRUE(sensors.add_sensor(0, SensorSetup{}, 1).ok());
  EXPECT_EQ(sensors.update(0, 0.0 / 0.0), Error::kOutOfRange);
  EXPECT_EQ(read_value(sensors, 0, 5700).floating, 1);
  for (uint16_t i = 1; i < 4; ++i) ASSERT_TRUE(sensors.add_sensor(i, SensorSetup{}, 0).ok());
  EXPECT_EQ(sensors.add_sensor(4, SensorSetup{}, 0), Error::kCapacityExceeded);  // 4 instances
  EXPECT_EQ(sensors.execute(9, 5605, {}), Error::kNotFound);
}

TEST(AccelerometerObject, XyzUpdates) {
  AccelerometerObject accel;
  ASSERT_TRUE(accel.add_sensor(0, "m/s2", -20.0, 20.0).ok());
  expect_mandatory_resources(accel, 0);
  ASSERT_TRUE(accel.update(0, 0.1, -9.81, 0.5).ok());
  EXPECT_EQ(read_value(accel, 0, 5702).floating, 0.1);
  EXPECT_EQ(read_value(accel, 0, 5703).floating, -9.81);
  EXPECT_EQ(read_value(accel, 0, 5704).floating, 0.5);
  EXPECT_EQ(text(read_value(accel, 0, 5701)), "m/s2");
  EXPECT_EQ(read_value(accel, 0, 5604).floating, 20);
  EXPECT_EQ(accel.update(1, 0, 0, 0), Error::kNotFound);
  EXPECT_EQ(accel.add_sensor(1, "", 5.0, 1.0), Error::kOutOfRange);
  ASSERT_TRUE(accel.add_sensor(1, "").ok());
  EXPECT_FALSE(accel.has_resource(1, 5701));
}

struct RecordingLights final : LightControlHandler {
  std::vector<std::tuple<uint16_t, bool, int64_t>> changes;
  void light_changed(uint16_t instance, bool on, int64_t dimmer) override { changes.emplace_back(instance, on, dimmer); }
};

TEST(LightControlObject, ServerWritesReachTheHandler) {
  RecordingLights handler;
  LightControlObject lights(&handler);
  ASSERT_TRUE(lights.add_light(0, "desk").ok());
  expect_mandatory_resources(lights, 0);
  EXPECT_FALSE(read_value(lights, 0, 5850).boolean);
  EXPECT_EQ(read_value(lights, 0, 5851).integer, 100);
  ASSERT_TRUE(server_write(lights, Path(3311, 0, 5850), Value::of_boolean(true)).ok());
  ASSERT_TRUE(server_write(lights, Path(3311, 0, 5851), Value::of_integer(40)).ok());
  EXPECT_EQ(server_write(lights, Path(3311, 0, 5851), Value::of_integer(101)), Error::kOutOfRange);  // 0..100
  EXPECT_EQ(server_write(lights, Path(3311, 0, 5850), Value::of_integer(1)), Error::kTypeMismatch);
  ASSERT_EQ(handler.changes.size(), 2u);
  EXPECT_EQ(handler.changes[0], std::make_tuple(uint16_t{0}, true, int64_t{100}));
  EXPECT_EQ(handler.changes[1], std::make_tuple(uint16_t{0}, true, int64_t{40}));
  ASSERT_TRUE(server_write(lights, Path(3311, 0, 5706), Value::of_string("#ff8800")).ok());
  EXPECT_EQ(handler.changes.size(), 2u);  // colour is not an on/off change
}

TEST(LightControlObject, OnTimeCountsWhileOnAndResetsWithZero) {
  LightControlObject lights;
  ASSERT_TRUE(lights.add_light(0).ok());
  ASSERT_TRUE(lights.add_light(1).ok());
  lights.advance(5);
  EXPECT_EQ(read_value(lights, 0, 5852).integer, 0);  // off: no time counted
  ASSERT_TRUE(lights.set_on(0, true).ok());
  lights.advance(7);
  lights.advance(3);
  EXPECT_EQ(read_value(lights, 0, 5852).integer, 10);
  EXPECT_EQ(read_value(lights, 1, 5852).integer, 0);
  EXPECT_EQ(server_write(lights, Path(3311, 0, 5852), Value::of_integer(3)), Error::kBadRequest);
  ASSERT_TRUE(server_write(lights, Path(3311, 0, 5852), Value::of_integer(0)).ok());
  EXPECT_EQ(read_value(lights, 0, 5852).integer, 0);
  EXPECT_EQ(lights.set_dimmer(0, -1), Error::kOutOfRange);
  ASSERT_TRUE(lights.set_dimmer(0, 0).ok());
  EXPECT_EQ(lights.set_on(5, true), Error::kNotFound);
  ASSERT_TRUE(lights.set_power(0, 12.5, 0.9).ok());
  EXPECT_EQ(read_value(lights, 0, 5805).floating, 12.5);
}

TEST(PushButtonObject, CountsPressEdges) {
  PushButtonObject buttons;
  ASSERT_TRUE(buttons.add_button(0, "door").ok());
  expect_mandatory_resources(buttons, 0);
  EXPECT_FALSE(read_value(buttons, 0, 5500).boolean);
  EXPECT_EQ(read_value(buttons, 0, 5501).integer, 0);
  ASSERT_TRUE(buttons.set_pressed(0, true).ok());
  ASSERT_TRUE(buttons.set_pressed(0, true).ok());  // still held: no new press
  EXPECT_TRUE(read_value(buttons, 0, 5500).boolean);
  ASSERT_TRUE(buttons.set_pressed(0, false).ok());
  ASSERT_TRUE(buttons.set_pressed(0, true).ok());
  EXPECT_EQ(read_value(buttons, 0, 5501).integer, 2);
  EXPECT_EQ(text(read_value(buttons, 0, 5750)), "door");
  EXPECT_EQ(buttons.set_pressed(1, true), Error::kNotFound);
  EXPECT_EQ(server_write(buttons, Path(3347, 0, 5500), Value::of_boolean(true)), Error::kMethodNotAllowed);
}

}  // namespace
}  // namespace lwm2m::objects
