#include "objects/device_object.h"

#include "objects/object_setup.h"

namespace lwm2m::objects {

namespace {
constexpr uint16_t kInstance = 0;

enum Resource : uint16_t {
  kManufacturer = 0,
  kModelNumber = 1,
  kSerialNumber = 2,
  kFirmwareVersion = 3,
  kReboot = 4,
  kFactoryReset = 5,
  kAvailablePowerSources = 6,
  kPowerSourceVoltage = 7,
  kPowerSourceCurrent = 8,
  kBatteryLevel = 9,
  kMemoryFree = 10,
  kErrorCode = 11,
  kResetErrorCode = 12,
  kCurrentTime = 13,
  kUtcOffset = 14,
  kTimezone = 15,
  kSupportedBindings = 16,
  kDeviceType = 17,
  kHardwareVersion = 18,
  kSoftwareVersion = 19,
  kBatteryStatus = 20,
  kMemoryTotal = 21,
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_live(uint16_t resource) {
  return resource == kCurrentTime || resource == kBatteryLevel || resource == kBatteryStatus ||
         resource == kMemoryFree;
}
}  // namespace

bool is_valid_utc_offset(std::string_view offset) {
  if (offset == "Z") return true;
  if (offset.substr(0, 3) == "UTC") offset.remove_prefix(3);
  if (offset.size() < 3 || (offset[0] != '+' && offset[0] != '-')) return false;
  if (!is_digit(offset[1]) || !is_digit(offset[2])) return false;
  int hours = (offset[1] - '0') * 10 + (offset[2] - '0');
  std::string_view minutes = offset.substr(3);
  if (!minutes.empty() && minutes[0] == ':') minutes.remove_prefix(1);
  else if (minutes.size() == 1) return false;
  if (!minutes.empty() && (minutes.size() != 2 || !is_digit(minutes[0]) || !is_digit(minutes[1]))) return false;
  int mins = minutes.empty() ? 0 : (minutes[0] - '0') * 10 + (minutes[1] - '0');
  return hours <= 14 && mins <= 59;
}

DeviceObject::DeviceObject(DeviceInfoSource* info, DeviceActions* actions)
    : StoredObject(kDeviceObject), info_(info), actions_(actions) {
  // Fresh pools always hold these three values: the results cannot fail.
  (void)create_instance(kInstance);
  (void)set(kInstance, kErrorCode, 0, Value::of_integer(0));
  (void)set(kInstance, kSupportedBindings, Value::of_string("U"));
}

Status DeviceObject::set_identity(const DeviceIdentity& identity) {
  if (identity.supported_binding_and_modes.empty()) return Error::kBadRequest;
  LWM2M_TRY(set_string_if_given(*this, kInstance, kManufacturer, identity.manufacturer));
  LWM2M_TRY(set_string_if_given(*this, kInstance, kModelNumber, identity.model_number));
  LWM2M_TRY(set_string_if_given(*this, kInstance, kSerialNumber, identity.serial_number));
  LWM2M_TRY(set_string_if_given(*this, kInstance, kFirmwareVersion, identity.firmware_version));
  LWM2M_TRY(set_string_if_given(*this, kInstance, kDeviceType, identity.device_type));
  LWM2M_TRY(set_string_if_given(*this, kInstance, kHardwareVersion, identity.hardware_version));
  LWM2M_TRY(set_string_if_given(*this, kInstance, kSoftwareVersion, identity.software_version));
  LWM2M_TRY(set(kInstance, kSupportedBindings, Value::of_string(identity.supported_binding_and_modes)));
  if (identity.memory_total_kb >= 0) LWM2M_TRY(set(kInstance, kMemoryTotal, Value::of_integer(identity.memory_total_kb)));
  return kOk;
}

Status DeviceObject::set_power_source(uint16_t index, PowerSource source, int64_t voltage_mv, int64_t current_ma) {
  if (index >= kMaxPowerSources) return Error::kCapacityExceeded;
  if (!can_accept(3, 0)) return Error::kCapacityExceeded;
  LWM2M_TRY(set(kInstance, kAvailablePowerSources, index, Value::of_integer(static_cast<int64_t>(source))));
  LWM2M_TRY(set(kInstance, kPowerSourceVoltage, index, Value::of_integer(voltage_mv)));
  return set(kInstance, kPowerSourceCurrent, index, Value::of_integer(current_ma));
}

Status DeviceObject::set_utc_offset(std::string_view offset) {
  if (!is_valid_utc_offset(offset)) return Error::kBadRequest;
  return set(kInstance, kUtcOffset, Value::of_string(offset));
}

Status DeviceObject::set_timezone(std::string_view timezone) {
  if (timezone.empty()) return Error::kBadRequest;
  return set(kInstance, kTimezone, Value::of_string(timezone));
}

Status DeviceObject::add_error(int64_t code) {
  if (code < 1 || code > 32) return Error::kOutOfRange;
  uint16_t ids[kMaxErrorCodes];
  size_t count = resource_instances(kInstance, kErrorCode, ids);
  uint16_t free_id = 0;
  for (size_t i = 0; i < count && i < kMaxErrorCodes; ++i) {
    Value existing;
    LWM2M_TRY(StoredObject::read(Path(kDeviceObject.id, kInstance, kErrorCode, ids[i]), existing));
    if (existing.integer == code) return kOk;
    // The "no error" instance is taken over by the first error.
    if (existing.integer == 0) return set(kInstance, kErrorCode, ids[i], Value::of_integer(code));
    if (ids[i] == free_id) ++free_id;
  }
  if (count >= kMaxErrorCodes) return Error::kCapacityExceeded;
  return set(kInstance, kErrorCode, free_id, Value::of_integer(code));
}

Status DeviceObject::remove_error(int64_t code) {
  if (code == 0) return kOk;
  uint16_t ids[kMaxErrorCodes];
  int64_t codes[kMaxErrorCodes];
  size_t count = resource_instances(kInstance, kErrorCode, ids);
  if (count > kMaxErrorCodes) return Error::kInternal;
  bool found = false;
  for (size_t i = 0; i < count; ++i) {
    Value existing;
    LWM2M_TRY(StoredObject::read(Path(kDeviceObject.id, kInstance, kErrorCode, ids[i]), existing));
    codes[i] = existing.integer;
    found = found || codes[i] == code;
  }
  if (!found) return Error::kNotFound;
  // Rewriting needs no more room than the values held before, so it cannot fail.
  (void)clear_resource(kInstance, kErrorCode);
  bool any = false;
  for (size_t i = 0; i < count; ++i) {
    if (codes[i] == code) continue;
    (void)set(kInstance, kErrorCode, ids[i], Value::of_integer(codes[i]));
    any = true;
  }
  if (!any) (void)set(kInstance, kErrorCode, 0, Value::of_integer(0));
  return kOk;
}

void DeviceObject::clear_errors() {
  (void)clear_resource(kInstance, kErrorCode);
  (void)set(kInstance, kErrorCode, 0, Value::of_integer(0));
}

std::optional<int64_t> DeviceObject::live_value(uint16_t resource) const {
  if (info_ == nullptr) return std::nullopt;
  switch (resource) {
    case kCurrentTime: return info_->current_time();
    case kBatteryLevel: return info_->battery_level();
    case kBatteryStatus: return info_->battery_status();
    case kMemoryFree: return info_->memory_free();
    default: return std::nullopt;
  }
}

bool DeviceObject::has_resource(uint16_t instance, uint16_t resource) const {
  if (!has_instance(instance)) return false;
  if (is_live(resource)) return live_value(resource).has_value();
  if (resource == kReboot || resource == kResetErrorCode) return true;
  if (resource == kFactoryReset) return actions_ != nullptr;
  return StoredObject::has_resource(instance, resource);
}

Status DeviceObject::read(const Path& path, Value& out) const {
  if (path.depth() < Path::kResource || !is_live(path.resource())) return StoredObject::read(path, out);
  if (path.depth() != Path::kResource || !has_instance(path.instance())) return Error::kNotFound;
  std::optional<int64_t> live = live_value(path.resource());
  if (!live) return Error::kNotFound;
  out = path.resource() == kCurrentTime ? Value::of_time(*live) : Value::of_integer(*live);
  return kOk;
}

Status DeviceObject::validate(const Path& path, const Value& value) const {
  if (path.depth() < Path::kResource) return kOk;
  switch (path.resource()) {
    case kCurrentTime: return live_value(kCurrentTime) ? kOk : Error::kNotFound;
    case kUtcOffset: return is_valid_utc_offset(value.text()) ? kOk : Error::kBadRequest;
    case kTimezone: return value.bytes.empty() ? Error::kBadRequest : kOk;
    default: return kOk;
  }
}

Status DeviceObject::write(const Path& path, const Value& value) {
  if (path.depth() == Path::kResource && path.resource() == kCurrentTime) {
    if (info_ == nullptr || value.type != DataType::kTime) return Error::kNotFound;
    return info_->set_current_time(value.integer);
  }
  return StoredObject::write(path, value);
}

Status DeviceObject::execute(uint16_t instance, uint16_t resource, std::span<const uint8_t>) {
  if (!has_instance(instance)) return Error::kNotFound;
  switch (resource) {
    case kReboot: return actions_ != nullptr ? actions_->reboot() : Error::kMethodNotAllowed;
    case kFactoryReset: return actions_ != nullptr ? actions_->factory_reset() : Error::kMethodNotAllowed;
    case kResetErrorCode: clear_errors(); return kOk;
    default: return Error::kMethodNotAllowed;
  }
}

}  // namespace lwm2m::objects
