#include "objects/connectivity_monitoring_object.h"

#include "lwm2m/model/definitions.h"

namespace lwm2m::objects {

namespace {
constexpr uint16_t kInstance = 0;

enum Resource : uint16_t {
  kNetworkBearer = 0,
  kAvailableNetworkBearer = 1,
  kRadioSignalStrength = 2,
  kLinkQuality = 3,
  kIpAddresses = 4,
  kRouterIpAddresses = 5,
  kLinkUtilization = 6,
  kApn = 7,
  kCellId = 8,
  kSmnc = 9,
  kSmcc = 10,
  kSignalSnr = 11,
  kLac = 12,
};
}  // namespace

ConnectivityMonitoringObject::ConnectivityMonitoringObject(int64_t bearer) : StoredObject(kConnectivityMonitoringObject) {
  (void)create_instance(kInstance);
  if (bearer < 0 || bearer > 50) bearer = kBearerEthernet;  // the DDF's 0..50
  (void)set(kInstance, kNetworkBearer, Value::of_integer(bearer));
  (void)set(kInstance, kAvailableNetworkBearer, 0, Value::of_integer(bearer));
  (void)set(kInstance, kRadioSignalStrength, Value::of_integer(0));
}

// Applies the DDF range of the resource, as a server write would be checked.
Status ConnectivityMonitoringObject::set_checked(uint16_t resource, int64_t value) {
  Value v = Value::of_integer(value);
  LWM2M_TRY(check_range(*def().find(resource), v));
  return set(kInstance, resource, v);
}

Status ConnectivityMonitoringObject::set_list(uint16_t resource, std::span<const std::string_view> texts) {
  if (texts.size() > kMaxListEntries) return Error::kCapacityExceeded;
  // Room for the new list is checked before the old one is dropped.
  size_t bytes = 0;
  for (std::string_view t : texts) bytes += t.size();
  uint16_t ids[kMaxListEntries];
  size_t held = resource_instances(kInstance, resource, ids);
  size_t extra = texts.size() > held ? texts.size() - held : 0;
  if (!can_accept(extra, bytes)) return Error::kCapacityExceeded;  // conservative: old bytes still count
  (void)clear_resource(kInstance, resource);
  for (size_t i = 0; i < texts.size(); ++i)
    LWM2M_TRY(set(kInstance, resource, static_cast<uint16_t>(i), Value::of_string(texts[i])));
  return kOk;
}

Status ConnectivityMonitoringObject::set_network_bearer(int64_t bearer) { return set_checked(kNetworkBearer, bearer); }

Status ConnectivityMonitoringObject::set_available_bearers(std::span<const int64_t> bearers) {
  if (bearers.size() > kMaxListEntries) return Error::kCapacityExceeded;
  for (int64_t b : bearers)
    LWM2M_TRY(check_range(*def().find(kAvailableNetworkBearer), Value::of_integer(b)));
  uint16_t ids[kMaxListEntries];
  size_t held = resource_instances(kInstance, kAvailableNetworkBearer, ids);
  size_t extra = bearers.size() > held ? bearers.size() - held : 0;
  if (!can_accept(extra, 0)) return Error::kCapacityExceeded;
  (void)clear_resource(kInstance, kAvailableNetworkBearer);
  for (size_t i = 0; i < bearers.size(); ++i)
    LWM2M_TRY(set(kInstance, kAvailableNetworkBearer, static_cast<uint16_t>(i), Value::of_integer(bearers[i])));
  return kOk;
}

Status ConnectivityMonitoringObject::set_radio_signal_strength(int64_t dbm) { return set_checked(kRadioSignalStrength, dbm); }
Status ConnectivityMonitoringObject::set_link_quality(int64_t quality) { return set_checked(kLinkQuality, quality); }
Status ConnectivityMonitoringObject::set_link_utilization(int64_t percent) { return set_checked(kLinkUtilization, percent); }
Status ConnectivityMonitoringObject::set_signal_snr(int64_t db) { return set_checked(kSignalSnr, db); }

Status ConnectivityMonitoringObject::set_ip_addresses(std::span<const std::string_view> addresses) {
  return set_list(kIpAddresses, addresses);
}

Status ConnectivityMonitoringObject::set_router_ip_addresses(std::span<const std::string_view> addresses) {
  return set_list(kRouterIpAddresses, addresses);
}

Status ConnectivityMonitoringObject::set_apns(std::span<const std::string_view> apns) { return set_list(kApn, apns); }

Status ConnectivityMonitoringObject::set_cell(int64_t cell_id, int64_t smnc, int64_t smcc, int64_t lac) {
  // Check every range first so a bad value changes nothing.
  LWM2M_TRY(check_range(*def().find(kSmnc), Value::of_integer(smnc)));
  LWM2M_TRY(check_range(*def().find(kSmcc), Value::of_integer(smcc)));
  if (!can_accept(4, 0)) return Error::kCapacityExceeded;
  LWM2M_TRY(set_checked(kCellId, cell_id));
  LWM2M_TRY(set_checked(kSmnc, smnc));
  LWM2M_TRY(set_checked(kSmcc, smcc));
  return set_checked(kLac, lac);
}

}  // namespace lwm2m::objects
