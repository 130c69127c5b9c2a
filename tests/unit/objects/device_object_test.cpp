// Device (3): stored identity, live readings through DeviceInfoSource, the
// Error Code list (Device object text of /3/0/11) and the executes.
#include <gtest/gtest.h>

#include <optional>

#include "object_test_util.h"
#include "objects/device_object.h"

namespace lwm2m::objects {
namespace {

using testing::expect_mandatory_resources;
using testing::read_value;
using testing::server_execute;
using testing::server_write;
using testing::text;

struct FakeInfo final : DeviceInfoSource {
  std::optional<int64_t> clock;
  std::optional<int64_t> battery;
  std::optional<int64_t> memory;
  std::optional<int64_t> current_time() const override { return clock; }
  Status set_current_time(int64_t t) override {
    clock = t;
    return kOk;
  }
  std::optional<int64_t> battery_level() const override { return battery; }
  std::optional<int64_t> memory_free() const override { return memory; }
};

struct FakeActions final : DeviceActions {
  int reboots = 0;
  int resets = 0;
  Status reboot() override {
    ++reboots;
    return kOk;
  }
  Status factory_reset() override {
    ++resets;
    return kOk;
  }
};

std::vector<int64_t> error_codes(const DeviceObject& device) {
  uint16_t ids[16];
  size_t count = device.resource_instances(0, 11, ids);
  std::vector<int64_t> codes;
  for (size_t i = 0; i < count && i < 16; ++i) codes.push_back(read_value(device, 0, 11, ids[i]).integer);
  return codes;
}

TEST(DeviceObject, FreshObjectHasMandatoryResources) {
  DeviceObject device;
  ASSERT_EQ(device.instance_count(), 1u);
  expect_mandatory_resources(device, 0);
  EXPECT_EQ(error_codes(device), std::vector<int64_t>{0});  // instance 0 holding "no error"
  EXPECT_EQ(text(read_value(device, 0, 16)), "U");
  EXPECT_TRUE(device.has_resource(0, 4));
  EXPECT_FALSE(device.has_resource(0, 0));   // no manufacturer until set
  EXPECT_FALSE(device.has_resource(0, 13));  // no clock without a source
  EXPECT_FALSE(device.has_resource(0, 5));   // no factory reset without actions
}

TEST(DeviceObject, IdentityIsStored) {
  DeviceObject device;
  DeviceIdentity id;
  id.manufacturer = "Example Co";
  id.model_number = "X1";
  id.serial_number = "SN-0001";
  id.firmware_version = "1.4.2";
  id.supported_binding_and_modes = "UQ";
  id.memory_total_kb = 512;
  ASSERT_TRUE(device.set_identity(id).ok());
  EXPECT_EQ(text(read_value(device, 0, 0)), "Example Co");
  EXPECT_EQ(text(read_value(device, 0, 1)), "X1");
  EXPECT_EQ(text(read_value(device, 0, 2)), "SN-0001");
  EXPECT_EQ(text(read_value(device, 0, 3)), "1.4.2");
  EXPECT_EQ(text(read_value(device, 0, 16)), "UQ");
  EXPECT_EQ(read_value(device, 0, 21).integer, 512);
  EXPECT_FALSE(device.has_resource(0, 17));  // not given
  id.supported_binding_and_modes = "";
  EXPECT_EQ(device.set_identity(id), Error::kBadRequest);
}

TEST(DeviceObject, LiveResourcesComeFromTheSource) {
  FakeInfo info;
  DeviceObject device(&info);
  EXPECT_FALSE(device.has_resource(0, 9));
  info.clock = 1700000000;
  info.battery = 87;
  info.memory = 12;
  EXPECT_TRUE(device.has_resource(0, 13));
  Value now = read_value(device, 0, 13);
  EXPECT_EQ(now.type, DataType::kTime);
  EXPECT_EQ(now.integer, 1700000000);
  EXPECT_EQ(read_value(device, 0, 9).integer, 87);
  EXPECT_EQ(read_value(device, 0, 10).integer, 12);
  info.battery = 55;  // read again: live, not a copy
  EXPECT_EQ(read_value(device, 0, 9).integer, 55);
  Value v;
  EXPECT_EQ(device.read(Path(3, 0, 20), v), Error::kNotFound);  // battery status not given
  EXPECT_EQ(device.read(Path(3, 0, 13, 0), v), Error::kNotFound);
}

TEST(DeviceObject, WritingCurrentTimeSetsTheClock) {
  FakeInfo info;
  DeviceObject device(&info);
  EXPECT_EQ(server_write(device, Path(3, 0, 13), Value::of_time(5)), Error::kNotFound);  // no clock
  info.clock = 100;
  ASSERT_TRUE(server_write(device, Path(3, 0, 13), Value::of_time(1700000123)).ok());
  EXPECT_EQ(info.clock, 1700000123);
  EXPECT_EQ(server_write(device, Path(3, 0, 13), Value::of_integer(1)), Error::kTypeMismatch);
}

TEST(DeviceObject, UtcOffsetAndTimezone) {
  DeviceObject device;
  EXPECT_TRUE(server_write(device, Path(3, 0, 14), Value::of_string("+02:00")).ok());
  EXPECT_EQ(text(read_value(device, 0, 14)), "+02:00");
  EXPECT_TRUE(server_write(device, Path(3, 0, 14), Value::of_string("UTC-05")).ok());
  EXPECT_EQ(server_write(device, Path(3, 0, 14), Value::of_string("+2")), Error::kBadRequest);
  EXPECT_EQ(text(read_value(device, 0, 14)), "UTC-05");  // unchanged by the refused write
  EXPECT_TRUE(server_write(device, Path(3, 0, 15), Value::of_string("Europe/Berlin")).ok());
  EXPECT_EQ(server_write(device, Path(3, 0, 15), Value::of_string("")), Error::kBadRequest);
  EXPECT_TRUE(device.set_utc_offset("Z").ok());
  EXPECT_EQ(device.set_timezone(""), Error::kBadRequest);
}

TEST(DeviceObject, UtcOffsetSyntax) {
  for (const char* good : {"Z", "+00", "-12", "+0530", "+05:30", "UTC+14:00", "UTC-03"})
    EXPECT_TRUE(is_valid_utc_offset(good)) << good;
  for (const char* bad : {"", "UTC", "+", "+1", "+1a", "+15", "+05:3", "+05:60", "+05::30", "05:00", "+05:30x", "+053"})
    EXPECT_FALSE(is_valid_utc_offset(bad)) << bad;
}

TEST(DeviceObject, ReadOnlyResourcesRefuseServerWrites) {
  DeviceObject device;
  EXPECT_EQ(server_write(device, Path(3, 0, 0), Value::of_string("x")), Error::kMethodNotAllowed);
  EXPECT_EQ(server_write(device, Path(3, 0, 11, 0), Value::of_integer(1)), Error::kMethodNotAllowed);
}

TEST(DeviceObject, ErrorCodesFollowTheObjectText) {
  DeviceObject device;
  ASSERT_TRUE(device.add_error(1).ok());                       // the first error takes over instance 0
  EXPECT_EQ(error_codes(device), (std::vector<int64_t>{1}));
  ASSERT_TRUE(device.add_error(5).ok());
  ASSERT_TRUE(device.add_error(5).ok());                       // once only
  EXPECT_EQ(error_codes(device), (std::vector<int64_t>{1, 5}));
  EXPECT_EQ(device.add_error(0), Error::kOutOfRange);
  EXPECT_EQ(device.add_error(33), Error::kOutOfRange);
  ASSERT_TRUE(device.remove_error(1).ok());
  EXPECT_EQ(error_codes(device), (std::vector<int64_t>{5}));
  uint16_t ids[4];
  ASSERT_EQ(device.resource_instances(0, 11, ids), 1u);
  EXPECT_EQ(ids[0], 1);  // the remaining error keeps its instance id
  EXPECT_EQ(device.remove_error(7), Error::kNotFound);
  ASSERT_TRUE(device.remove_error(5).ok());
  EXPECT_EQ(error_codes(device), (std::vector<int64_t>{0}));  // back to "no error" in instance 0
  ASSERT_EQ(device.resource_instances(0, 11, ids), 1u);
  EXPECT_EQ(ids[0], 0);
}

TEST(DeviceObject, ErrorCodePoolIsBounded) {
  DeviceObject device;
  for (int64_t code = 1; code <= static_cast<int64_t>(DeviceObject::kMaxErrorCodes); ++code)
    ASSERT_TRUE(device.add_error(code).ok()) << code;
  EXPECT_EQ(device.add_error(20), Error::kCapacityExceeded);
  EXPECT_EQ(error_codes(device).size(), DeviceObject::kMaxErrorCodes);
}

TEST(DeviceObject, ResetErrorCodeExecute) {
  DeviceObject device;
  ASSERT_TRUE(device.add_error(2).ok());
  ASSERT_TRUE(device.add_error(3).ok());
  ASSERT_TRUE(server_execute(device, 0, 12).ok());
  EXPECT_EQ(error_codes(device), (std::vector<int64_t>{0}));
}

TEST(DeviceObject, RebootAndFactoryResetExecutes) {
  FakeActions actions;
  DeviceObject device(nullptr, &actions);
  ASSERT_TRUE(server_execute(device, 0, 4).ok());
  ASSERT_TRUE(server_execute(device, 0, 5).ok());
  EXPECT_EQ(actions.reboots, 1);
  EXPECT_EQ(actions.resets, 1);
  EXPECT_EQ(server_execute(device, 0, 0), Error::kMethodNotAllowed);
  EXPECT_EQ(device.execute(1, 4, {}), Error::kNotFound);
  DeviceObject bare;
  EXPECT_EQ(server_execute(bare, 0, 4), Error::kMethodNotAllowed);
}

TEST(DeviceObject, PowerSourcesShareInstanceIds) {
  DeviceObject device;
  ASSERT_TRUE(device.set_power_source(0, PowerSource::kDc, 5000, 120).ok());
  ASSERT_TRUE(device.set_power_source(1, PowerSource::kInternalBattery, 3700, 40).ok());
  EXPECT_EQ(read_value(device, 0, 6, 1).integer, 1);
  EXPECT_EQ(read_value(device, 0, 7, 1).integer, 3700);
  EXPECT_EQ(read_value(device, 0, 8, 0).integer, 120);
  EXPECT_EQ(device.set_power_source(3, PowerSource::kUsb, 5000, 1), Error::kCapacityExceeded);
}

}  // namespace
}  // namespace lwm2m::objects
