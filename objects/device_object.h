// Device object (3, version 1.2): identity strings stored once at start-up,
// live readings (time, battery, free memory) fetched from the application
// on each read, and the Reboot / Factory Reset / Reset Error Code executes.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "lwm2m/model/stored_object.h"
#include "objects/definitions/device.h"

namespace lwm2m::objects {

// Live values the application measures. A reading that returns nullopt makes
// the resource absent (the device has no battery, no clock, ...).
class DeviceInfoSource {
 public:
  virtual std::optional<int64_t> current_time() const { return std::nullopt; }  // /3/0/13, UNIX seconds
  // A server's write of /3/0/13 (clock synchronisation).
  virtual Status set_current_time(int64_t) { return Error::kMethodNotAllowed; }
  virtual std::optional<int64_t> battery_level() const { return std::nullopt; }   // /3/0/9, percent
  virtual std::optional<int64_t> battery_status() const { return std::nullopt; }  // /3/0/20, 0..6
  virtual std::optional<int64_t> memory_free() const { return std::nullopt; }     // /3/0/10, kilobytes

 protected:
  ~DeviceInfoSource() = default;
};

// What the device does on /3/0/4 and /3/0/5. The engine answers the Execute
// before the application acts, so these should schedule, not reboot inline.
class DeviceActions {
 public:
  virtual Status reboot() = 0;
  virtual Status factory_reset() { return Error::kMethodNotAllowed; }

 protected:
  ~DeviceActions() = default;
};

struct DeviceIdentity {  // empty strings leave the resource out
  std::string_view manufacturer;
  std::string_view model_number;
  std::string_view serial_number;
  std::string_view firmware_version;
  std::string_view device_type;
  std::string_view hardware_version;
  std::string_view software_version;
  std::string_view supported_binding_and_modes = "U";  // mandatory
  int64_t memory_total_kb = -1;                        // negative leaves it out
};

// Available Power Sources (/3/0/6) values.
enum class PowerSource : uint8_t { kDc = 0, kInternalBattery = 1, kExternalBattery = 2, kFuelCell = 3,
                                   kPowerOverEthernet = 4, kUsb = 5, kAcMains = 6, kSolar = 7 };

// Pools: the single instance, 40 values (8 identity strings, up to 8 error
// codes, 3 power sources with voltage and current, UTC offset, timezone and
// a few spare), 384 bytes of strings.
class DeviceObject final : public StoredObject<1, 40, 384> {
 public:
  static constexpr size_t kMaxErrorCodes = 8;
  static constexpr size_t kMaxPowerSources = 3;

  // Creates instance 0 with Error Code [0] = 0 and Supported Binding "U".
  explicit DeviceObject(DeviceInfoSource* info = nullptr, DeviceActions* actions = nullptr);

  Status set_identity(const DeviceIdentity& identity);
  // Adds power source `index` (its resource instance id in 6, 7 and 8).
  Status set_power_source(uint16_t index, PowerSource source, int64_t voltage_mv, int64_t current_ma);
  Status set_utc_offset(std::string_view offset);  // "+02:00", "UTC-05", "Z"
  Status set_timezone(std::string_view timezone);  // IANA name, "Europe/Berlin"

  // Error Code (/3/0/11, Device object text): codes 1..32 are added once each;
  // removing the last one returns to the single instance 0 holding 0.
  Status add_error(int64_t code);
  Status remove_error(int64_t code);
  void clear_errors();

  bool has_resource(uint16_t instance, uint16_t resource) const override;
  Status read(const Path& path, Value& out) const override;
  Status validate(const Path& path, const Value& value) const override;
  Status write(const Path& path, const Value& value) override;
  Status execute(uint16_t instance, uint16_t resource, std::span<const uint8_t> arguments) override;

 private:
  std::optional<int64_t> live_value(uint16_t resource) const;

  DeviceInfoSource* info_;
  DeviceActions* actions_;
};

// True for the ISO 8601 offsets /3/0/14 holds: "Z", or [UTC]±hh[[:]mm].
bool is_valid_utc_offset(std::string_view offset);

}  // namespace lwm2m::objects
