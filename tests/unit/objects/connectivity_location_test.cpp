// Connectivity Monitoring (4) and Location (6): storage with setters that
// keep the DDF ranges.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "object_test_util.h"
#include "objects/connectivity_monitoring_object.h"
#include "objects/location_object.h"

namespace lwm2m::objects {
namespace {

using testing::expect_mandatory_resources;
using testing::read_value;
using testing::server_write;
using testing::text;

TEST(ConnectivityMonitoringObject, FreshObjectHasMandatoryResources) {
  ConnectivityMonitoringObject conn;
  expect_mandatory_resources(conn, 0);
  EXPECT_EQ(read_value(conn, 0, 0).integer, 41);  // Ethernet
  EXPECT_EQ(read_value(conn, 0, 1, 0).integer, 41);
  EXPECT_EQ(read_value(conn, 0, 2).integer, 0);
  uint16_t ids[4];
  EXPECT_EQ(conn.resource_instances(0, 4, ids), 0u);
  EXPECT_TRUE(conn.has_resource(0, 4));  // mandatory multiple: present while empty
  ConnectivityMonitoringObject nbiot(kBearerNbIot);
  EXPECT_EQ(read_value(nbiot, 0, 0).integer, 7);
  ConnectivityMonitoringObject bad(99);
  EXPECT_EQ(read_value(bad, 0, 0).integer, 41);  // out of the DDF range: the default
}

TEST(ConnectivityMonitoringObject, SettersKeepRanges) {
  ConnectivityMonitoringObject conn;
  ASSERT_TRUE(conn.set_network_bearer(6).ok());
  EXPECT_EQ(conn.set_network_bearer(51), Error::kOutOfRange);
  EXPECT_EQ(read_value(conn, 0, 0).integer, 6);
  ASSERT_TRUE(conn.set_radio_signal_strength(-93).ok());
  EXPECT_EQ(read_value(conn, 0, 2).integer, -93);
  EXPECT_EQ(conn.set_link_utilization(101), Error::kOutOfRange);
  ASSERT_TRUE(conn.set_link_utilization(30).ok());
  ASSERT_TRUE(conn.set_link_quality(7).ok());
  ASSERT_TRUE(conn.set_signal_snr(12).ok());
  EXPECT_EQ(conn.set_cell(1234, 1000, 262, 55), Error::kOutOfRange);  // SMNC 0..999
  EXPECT_FALSE(conn.has_resource(0, 8));  // nothing of the refused set was applied
  ASSERT_TRUE(conn.set_cell(1234, 1, 262, 55).ok());
  EXPECT_EQ(read_value(conn, 0, 10).integer, 262);
  const int64_t bearers[] = {6, 7, 41};
  ASSERT_TRUE(conn.set_available_bearers(bearers).ok());
  uint16_t ids[8];
  EXPECT_EQ(conn.resource_instances(0, 1, ids), 3u);
  const int64_t bad[] = {6, 60};
  EXPECT_EQ(conn.set_available_bearers(bad), Error::kOutOfRange);
  EXPECT_EQ(conn.resource_instances(0, 1, ids), 3u);
  // Nothing is writable by a server.
  EXPECT_EQ(server_write(conn, Path(4, 0, 0), Value::of_integer(1)), Error::kMethodNotAllowed);
}

TEST(ConnectivityMonitoringObject, AddressListsReplaceTheOldList) {
  ConnectivityMonitoringObject conn;
  const std::string_view two[] = {"192.0.2.10", "2001:db8::10"};
  ASSERT_TRUE(conn.set_ip_addresses(two).ok());
  EXPECT_EQ(text(read_value(conn, 0, 4, 1)), "2001:db8::10");
  const std::string_view one[] = {"198.51.100.7"};
  ASSERT_TRUE(conn.set_ip_addresses(one).ok());
  uint16_t ids[8];
  ASSERT_EQ(conn.resource_instances(0, 4, ids), 1u);
  EXPECT_EQ(text(read_value(conn, 0, 4, 0)), "198.51.100.7");
  const std::string_view five[] = {"a", "b", "c", "d", "e"};
  EXPECT_EQ(conn.set_ip_addresses(five), Error::kCapacityExceeded);
  EXPECT_EQ(conn.resource_instances(0, 4, ids), 1u);  // unchanged
  const std::string_view apns[] = {"internet"};
  ASSERT_TRUE(conn.set_apns(apns).ok());
  ASSERT_TRUE(conn.set_router_ip_addresses(one).ok());
  EXPECT_EQ(text(read_value(conn, 0, 7, 0)), "internet");
  // More text than the arena holds is refused before the old list is dropped.
  std::string big(300, 'x');
  const std::string_view huge[] = {big, big};
  EXPECT_EQ(conn.set_apns(huge), Error::kCapacityExceeded);
  EXPECT_EQ(text(read_value(conn, 0, 7, 0)), "internet");
}

TEST(LocationObject, FreshObjectHasMandatoryResources) {
  LocationObject location;
  expect_mandatory_resources(location, 0);
  EXPECT_EQ(read_value(location, 0, 0).floating, 0);
  EXPECT_EQ(read_value(location, 0, 5).type, DataType::kTime);
  EXPECT_FALSE(location.has_resource(0, 2));
}

TEST(LocationObject, SettersCheckRanges) {
  LocationObject location;
  ASSERT_TRUE(location.set_position(52.52, 13.405, 1700000000).ok());
  EXPECT_EQ(read_value(location, 0, 0).floating, 52.52);
  EXPECT_EQ(read_value(location, 0, 1).floating, 13.405);
  EXPECT_EQ(read_value(location, 0, 5).integer, 1700000000);
  EXPECT_EQ(location.set_position(91, 0, 1), Error::kOutOfRange);
  EXPECT_EQ(location.set_position(0, -180.5, 1), Error::kOutOfRange);
  EXPECT_EQ(location.set_position(0.0 / 0.0, 0, 1), Error::kOutOfRange);
  EXPECT_EQ(read_value(location, 0, 0).floating, 52.52);  // unchanged
  ASSERT_TRUE(location.set_altitude(34).ok());
  ASSERT_TRUE(location.set_radius(5).ok());
  EXPECT_EQ(location.set_radius(-1), Error::kOutOfRange);
  ASSERT_TRUE(location.set_speed(1.5).ok());
  EXPECT_EQ(location.set_speed(-0.1), Error::kOutOfRange);
  const uint8_t velocity[] = {0x00, 0x5A, 0x00, 0x10};
  ASSERT_TRUE(location.set_velocity(velocity).ok());
  EXPECT_EQ(read_value(location, 0, 4).bytes.size(), 4u);
  EXPECT_EQ(read_value(location, 0, 6).floating, 1.5);
  EXPECT_EQ(server_write(location, Path(6, 0, 0), Value::of_float(1)), Error::kMethodNotAllowed);
}

}  // namespace
}  // namespace lwm2m::objects
