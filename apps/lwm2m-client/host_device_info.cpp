#include "apps/lwm2m-client/host_device_info.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string_view>

namespace lwm2m::client {
namespace {

std::optional<std::string> read_first_line(const std::string& path) {
  std::ifstream file(path);
  std::string line;
  if (!file || !std::getline(file, line)) return std::nullopt;
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) line.pop_back();
  return line;
}

// DMI fields filled by vendors with placeholders tell nothing.
std::string dmi_field(const HostPaths& paths, const char* name, const char* fallback) {
  std::optional<std::string> value = read_first_line(paths.dmi_dir + "/" + name);
  if (!value || value->empty() || *value == "To Be Filled By O.E.M." || *value == "Default string") return fallback;
  return *value;
}

std::string os_pretty_name(const std::string& path) {
  std::ifstream file(path);
  std::string line;
  while (std::getline(file, line)) {
    if (line.rfind("PRETTY_NAME=", 0) != 0) continue;
    std::string value = line.substr(12);
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
      value = value.substr(1, value.size() - 2);
    if (!value.empty()) return value;
  }
  return "Linux";
}

// A "Key:   12345 kB" line of /proc/meminfo.
std::optional<int64_t> meminfo_kb(const std::string& path, std::string_view key) {
  std::ifstream file(path);
  std::string line;
  while (std::getline(file, line)) {
    if (line.size() <= key.size() || line.compare(0, key.size(), key) != 0 || line[key.size()] != ':') continue;
    std::istringstream fields(line.substr(key.size() + 1));
    int64_t kb = -1;
    if (fields >> kb && kb >= 0) return kb;
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

objects::DeviceIdentity HostFacts::identity() const {
  objects::DeviceIdentity id;
  id.manufacturer = manufacturer;
  id.model_number = model_number;
  id.serial_number = serial_number;
  id.hardware_version = hardware_version;
  id.firmware_version = firmware_version;
  id.software_version = software_version;
  id.memory_total_kb = memory_total_kb;
  return id;
}

HostFacts read_host_facts(const std::string& client_version, const HostPaths& paths) {
  HostFacts facts;
  facts.manufacturer = dmi_field(paths, "sys_vendor", "unknown");
  facts.model_number = dmi_field(paths, "product_name", "unknown");
  facts.serial_number = dmi_field(paths, "product_serial", "unknown");
  facts.hardware_version = dmi_field(paths, "product_version", "");
  facts.firmware_version = client_version;
  facts.software_version = os_pretty_name(paths.os_release);
  facts.memory_total_kb = meminfo_kb(paths.meminfo, "MemTotal").value_or(-1);
  return facts;
}

std::optional<int64_t> HostDeviceInfo::current_time() const {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::seconds>(now).count();
}

std::optional<int64_t> HostDeviceInfo::memory_free() const {
  auto now = std::chrono::steady_clock::now();
  if (memory_free_read_at_ != std::chrono::steady_clock::time_point{} &&
      now - memory_free_read_at_ < std::chrono::seconds(1))
    return memory_free_kb_;
  std::optional<int64_t> available = meminfo_kb(paths_.meminfo, "MemAvailable");
  memory_free_kb_ = available ? available : meminfo_kb(paths_.meminfo, "MemFree");
  memory_free_read_at_ = now;
  return memory_free_kb_;
}

std::optional<int64_t> HostDeviceInfo::uptime_seconds() const {
  std::ifstream file(paths_.uptime);
  double seconds = -1;
  if (!(file >> seconds) || seconds < 0) return std::nullopt;
  return static_cast<int64_t>(seconds);
}

std::vector<InterfaceAddress> host_interface_addresses() {
  std::vector<InterfaceAddress> found;
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return found;
  for (const ifaddrs* entry = list; entry != nullptr; entry = entry->ifa_next) {
    if (entry->ifa_addr == nullptr || (entry->ifa_flags & IFF_UP) == 0) continue;
    char text[INET6_ADDRSTRLEN] = {};
    int family = entry->ifa_addr->sa_family;
    if (family == AF_INET) {
      const auto* v4 = reinterpret_cast<const sockaddr_in*>(entry->ifa_addr);
      if (inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text) == nullptr) continue;
    } else if (family == AF_INET6) {
      const auto* v6 = reinterpret_cast<const sockaddr_in6*>(entry->ifa_addr);
      if (IN6_IS_ADDR_LINKLOCAL(&v6->sin6_addr)) continue;
      if (inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text) == nullptr) continue;
    } else {
      continue;
    }
    std::string name = entry->ifa_name != nullptr ? entry->ifa_name : "";
    found.push_back({name, text, (entry->ifa_flags & IFF_LOOPBACK) != 0, name.rfind("wl", 0) == 0});
  }
  freeifaddrs(list);

  bool has_other = false;
  for (const InterfaceAddress& a : found) has_other = has_other || !a.loopback;
  if (has_other) std::erase_if(found, [](const InterfaceAddress& a) { return a.loopback; });
  return found;
}

Status fill_connectivity(objects::ConnectivityMonitoringObject& object, const std::vector<InterfaceAddress>& addresses) {
  std::vector<std::string_view> texts;
  for (const InterfaceAddress& a : addresses) {
    if (texts.size() == objects::ConnectivityMonitoringObject::kMaxListEntries) break;
    texts.push_back(a.address);
  }
  int64_t bearer = !addresses.empty() && addresses.front().wireless ? objects::kBearerWlan : objects::kBearerEthernet;
  LWM2M_TRY(object.set_network_bearer(bearer));
  const int64_t available[] = {bearer};
  LWM2M_TRY(object.set_available_bearers(available));
  return object.set_ip_addresses(texts);
}

}  // namespace lwm2m::client
