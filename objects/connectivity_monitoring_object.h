// Connectivity Monitoring object (4): the network the device is on, kept up
// to date by the application through the setters (the modem or IP stack
// knows; the object only stores what it is told).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "lwm2m/model/stored_object.h"
#include "objects/definitions/connectivity_monitoring.h"

namespace lwm2m::objects {

// Network Bearer values (/4/0/0) a device commonly reports.
enum NetworkBearer : int64_t { kBearerGsm = 0, kBearerLteFdd = 6, kBearerNbIot = 7, kBearerWlan = 21,
                               kBearerEthernet = 41 };

// Pools: the single instance, 32 values (the mandatory ones, up to 4 IP
// addresses, 2 router addresses, 2 APNs and the optional cellular values),
// 320 bytes of address and APN text.
class ConnectivityMonitoringObject final : public StoredObject<1, 32, 320> {
 public:
  static constexpr size_t kMaxListEntries = 4;  // per multiple resource

  // Creates instance 0: bearer `bearer`, available bearers {bearer}, signal 0 dBm, no IP address.
  explicit ConnectivityMonitoringObject(int64_t bearer = kBearerEthernet);

  Status set_network_bearer(int64_t bearer);
  Status set_available_bearers(std::span<const int64_t> bearers);
  Status set_radio_signal_strength(int64_t dbm);
  Status set_link_quality(int64_t quality);
  Status set_link_utilization(int64_t percent);
  Status set_ip_addresses(std::span<const std::string_view> addresses);
  Status set_router_ip_addresses(std::span<const std::string_view> addresses);
  Status set_apns(std::span<const std::string_view> apns);
  // Cellular identity: Cell ID, SMNC, SMCC, LAC.
  Status set_cell(int64_t cell_id, int64_t smnc, int64_t smcc, int64_t lac);
  Status set_signal_snr(int64_t db);

 private:
  Status set_checked(uint16_t resource, int64_t value);
  Status set_list(uint16_t resource, std::span<const std::string_view> texts);
};

}  // namespace lwm2m::objects
