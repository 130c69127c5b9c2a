// The host's real data for Device (3) and Connectivity Monitoring (4): on
// this machine (values present, types right) and from fixture files (exact).
#include "apps/lwm2m-client/host_device_info.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "objects/definitions/device.h"

using lwm2m::Path;
using lwm2m::Value;
using lwm2m::client::HostDeviceInfo;
using lwm2m::client::HostFacts;
using lwm2m::client::HostPaths;

namespace {

int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

class Fixture {
 public:
  Fixture() {
    char name[] = "/tmp/client_host_info_XXXXXX";
    dir_ = mkdtemp(name);
    std::filesystem::create_directories(dir_ + "/dmi");
    paths.dmi_dir = dir_ + "/dmi";
    paths.os_release = dir_ + "/os-release";
    paths.meminfo = dir_ + "/meminfo";
    paths.uptime = dir_ + "/uptime";
  }
  ~Fixture() { std::filesystem::remove_all(dir_); }
  void write(const std::string& path, const std::string& content) const { std::ofstream(path) << content; }

  HostPaths paths;

 private:
  std::string dir_;
};

}  // namespace

TEST(HostDeviceInfo, ThisMachineHasTheFacts) {
  HostFacts facts = lwm2m::client::read_host_facts("9.8.7");
  EXPECT_FALSE(facts.manufacturer.empty());
  EXPECT_FALSE(facts.model_number.empty());
  EXPECT_FALSE(facts.serial_number.empty());  // "unknown" when not root
  EXPECT_EQ(facts.firmware_version, "9.8.7");
  EXPECT_FALSE(facts.software_version.empty());
  EXPECT_GT(facts.memory_total_kb, 1024);

  HostDeviceInfo info;
  std::optional<int64_t> time = info.current_time();
  ASSERT_TRUE(time.has_value());
  EXPECT_LE(std::llabs(*time - now_seconds()), 2);
  std::optional<int64_t> free_kb = info.memory_free();
  ASSERT_TRUE(free_kb.has_value());
  EXPECT_GT(*free_kb, 0);
  EXPECT_LE(*free_kb, facts.memory_total_kb);
  std::optional<int64_t> uptime = info.uptime_seconds();
  ASSERT_TRUE(uptime.has_value());
  EXPECT_GT(*uptime, 0);
  EXPECT_FALSE(info.set_current_time(0).ok());  // the host keeps its own clock
}

TEST(HostDeviceInfo, FactsFromFiles) {
  Fixture f;
  f.write(f.paths.dmi_dir + "/sys_vendor", "ACME Corp\n");
  f.write(f.paths.dmi_dir + "/product_name", "Widget 3000  \n");
  f.write(f.paths.dmi_dir + "/product_serial", "SN-42\n");
  f.write(f.paths.dmi_dir + "/product_version", "To Be Filled By O.E.M.\n");
  f.write(f.paths.os_release, "NAME=\"Debian\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n");
  f.write(f.paths.meminfo, "MemTotal:       16384 kB\nMemFree:         1000 kB\nMemAvailable:    8192 kB\n");
  f.write(f.paths.uptime, "12345.67 4000.00\n");
  HostFacts facts = lwm2m::client::read_host_facts("1.0.0", f.paths);
  EXPECT_EQ(facts.manufacturer, "ACME Corp");
  EXPECT_EQ(facts.model_number, "Widget 3000");
  EXPECT_EQ(facts.serial_number, "SN-42");
  EXPECT_EQ(facts.hardware_version, "");  // placeholder text says nothing
  EXPECT_EQ(facts.software_version, "Debian GNU/Linux 12 (bookworm)");
  EXPECT_EQ(facts.memory_total_kb, 16384);
  HostDeviceInfo info(f.paths);
  EXPECT_EQ(info.memory_free(), 8192);
  EXPECT_EQ(info.uptime_seconds(), 12345);
}

TEST(HostDeviceInfo, MissingFilesFallBack) {
  Fixture f;  // nothing written
  HostFacts facts = lwm2m::client::read_host_facts("1.0.0", f.paths);
  EXPECT_EQ(facts.manufacturer, "unknown");
  EXPECT_EQ(facts.model_number, "unknown");
  EXPECT_EQ(facts.serial_number, "unknown");
  EXPECT_EQ(facts.software_version, "Linux");
  EXPECT_EQ(facts.memory_total_kb, -1);
  HostDeviceInfo info(f.paths);
  EXPECT_FALSE(info.memory_free().has_value());
  EXPECT_FALSE(info.uptime_seconds().has_value());
  EXPECT_TRUE(info.current_time().has_value());
}

TEST(HostDeviceInfo, MemFreeWhenNoMemAvailable) {
  Fixture f;
  f.write(f.paths.meminfo, "MemTotal: 2048 kB\nMemFree: 512 kB\n");
  EXPECT_EQ(HostDeviceInfo(f.paths).memory_free(), 512);
}

TEST(HostDeviceInfo, FillsTheDeviceObject) {
  HostFacts facts = lwm2m::client::read_host_facts("2.3.4");
  HostDeviceInfo info;
  lwm2m::objects::DeviceObject device(&info);
  ASSERT_TRUE(device.set_identity(facts.identity()).ok());
  Value v;
  ASSERT_TRUE(device.read(Path(3, 0, 0), v).ok());
  EXPECT_EQ(v.text(), facts.manufacturer);
  ASSERT_TRUE(device.read(Path(3, 0, 3), v).ok());
  EXPECT_EQ(v.text(), "2.3.4");
  ASSERT_TRUE(device.read(Path(3, 0, 19), v).ok());
  EXPECT_EQ(v.text(), facts.software_version);
  ASSERT_TRUE(device.read(Path(3, 0, 21), v).ok());
  EXPECT_EQ(v.integer, facts.memory_total_kb);
  ASSERT_TRUE(device.read(Path(3, 0, 10), v).ok());  // live: Memory Free
  EXPECT_GT(v.integer, 0);
  ASSERT_TRUE(device.read(Path(3, 0, 13), v).ok());  // live: Current Time
  EXPECT_EQ(v.type, lwm2m::DataType::kTime);
  EXPECT_LE(std::llabs(v.integer - now_seconds()), 2);
}

TEST(HostDeviceInfo, InterfaceAddressesAreNumeric) {
  auto addresses = lwm2m::client::host_interface_addresses();
  ASSERT_FALSE(addresses.empty());  // at least loopback is up
  bool any_loopback = false, any_other = false;
  for (const auto& a : addresses) {
    unsigned char buffer[16];
    bool v4 = inet_pton(AF_INET, a.address.c_str(), buffer) == 1;
    bool v6 = inet_pton(AF_INET6, a.address.c_str(), buffer) == 1;
    EXPECT_TRUE(v4 || v6) << a.address;
    EXPECT_NE(a.address.rfind("fe80", 0), 0u) << "link-local is skipped";
    EXPECT_FALSE(a.interface.empty());
    (a.loopback ? any_loopback : any_other) = true;
  }
  EXPECT_FALSE(any_loopback && any_other) << "loopback only when nothing else is up";

  lwm2m::objects::ConnectivityMonitoringObject connectivity;
  ASSERT_TRUE(lwm2m::client::fill_connectivity(connectivity, addresses).ok());
  uint16_t ids[8];
  size_t count = connectivity.resource_instances(0, 4, ids);
  EXPECT_EQ(count, std::min(addresses.size(), lwm2m::objects::ConnectivityMonitoringObject::kMaxListEntries));
  Value v;
  ASSERT_TRUE(connectivity.read(Path(4, 0, 4, ids[0]), v).ok());
  EXPECT_EQ(v.text(), addresses.front().address);
}

TEST(HostDeviceInfo, ConnectivityBearerAndLimit) {
  std::vector<lwm2m::client::InterfaceAddress> addresses;
  for (int i = 0; i < 6; ++i) addresses.push_back({"wlan0", "192.0.2." + std::to_string(i + 1), false, true});
  lwm2m::objects::ConnectivityMonitoringObject connectivity;
  ASSERT_TRUE(lwm2m::client::fill_connectivity(connectivity, addresses).ok());
  Value v;
  ASSERT_TRUE(connectivity.read(Path(4, 0, 0), v).ok());
  EXPECT_EQ(v.integer, lwm2m::objects::kBearerWlan);
  uint16_t ids[8];
  EXPECT_EQ(connectivity.resource_instances(0, 4, ids), 4u);
}
