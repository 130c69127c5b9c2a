// The host's real data for the Device (3) and Connectivity Monitoring (4)
// objects: identity from DMI and os-release, memory from /proc/meminfo, the
// system clock, and the addresses of the interfaces that are up.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lwm2m/core/status.h"
#include "objects/connectivity_monitoring_object.h"
#include "objects/device_object.h"

namespace lwm2m::client {

// Where the facts come from; tests point these at fixture files.
struct HostPaths {
  std::string dmi_dir = "/sys/class/dmi/id";
  std::string os_release = "/etc/os-release";
  std::string meminfo = "/proc/meminfo";
  std::string uptime = "/proc/uptime";
};

// The identity strings, owned here; identity() views them, so keep this
// alive as long as the Device object might be re-filled from it.
struct HostFacts {
  std::string manufacturer;      // DMI sys_vendor, or "unknown"
  std::string model_number;      // DMI product_name, or "unknown"
  std::string serial_number;     // DMI product_serial (root only), or "unknown"
  std::string hardware_version;  // DMI product_version; empty leaves it out
  std::string firmware_version;  // the client's own version
  std::string software_version;  // os-release PRETTY_NAME, or "Linux"
  int64_t memory_total_kb = -1;  // MemTotal

  objects::DeviceIdentity identity() const;
};

HostFacts read_host_facts(const std::string& client_version, const HostPaths& paths = {});

// Live readings for the Device object: current time from the system clock
// (UNIX seconds), free memory from MemAvailable. Writes of the time are
// refused (the host keeps its own clock, e.g. NTP).
class HostDeviceInfo final : public objects::DeviceInfoSource {
 public:
  explicit HostDeviceInfo(HostPaths paths = {}) : paths_(std::move(paths)) {}

  std::optional<int64_t> current_time() const override;
  std::optional<int64_t> memory_free() const override;
  // Seconds since boot; the Device object has no uptime resource, so this is
  // for logs and for objects that do.
  std::optional<int64_t> uptime_seconds() const;

 private:
  HostPaths paths_;
  // /proc/meminfo is read at most once a second: a Read of /3/0 asks for the
  // value twice (presence, then value), and parsing it dominated the cost.
  mutable std::optional<int64_t> memory_free_kb_;
  mutable std::chrono::steady_clock::time_point memory_free_read_at_{};
};

// One address of an interface that is up.
struct InterfaceAddress {
  std::string interface;
  std::string address;  // numeric, "192.0.2.1" or "2001:db8::1"
  bool loopback = false;
  bool wireless = false;  // by name ("wl..."), to pick the bearer
};

// IPv4 and global/ULA IPv6 addresses of the up interfaces (link-local IPv6
// is skipped: it needs a scope to be of use). Loopback only when nothing else is up.
std::vector<InterfaceAddress> host_interface_addresses();

// Puts up to kMaxListEntries addresses into /4/0/4 and sets the bearer
// (WLAN for a wireless first interface, otherwise Ethernet).
Status fill_connectivity(objects::ConnectivityMonitoringObject& object, const std::vector<InterfaceAddress>& addresses);

}  // namespace lwm2m::client
