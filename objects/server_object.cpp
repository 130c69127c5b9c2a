#include "objects/server_object.h"

#include "objects/object_setup.h"

namespace lwm2m::objects {

namespace {
enum Resource : uint16_t {
  kShortServerId = 0,
  kLifetime = 1,
  kDefaultMinPeriod = 2,
  kDefaultMaxPeriod = 3,
  kDisable = 4,
  kDisableTimeout = 5,
  kNotificationStoring = 6,
  kBinding = 7,
  kRegistrationUpdateTrigger = 8,
  kBootstrapRequestTrigger = 9,
};

bool is_duration(uint16_t resource) {
  return resource == kLifetime || resource == kDefaultMinPeriod || resource == kDefaultMaxPeriod ||
         resource == kDisableTimeout;
}
}  // namespace

bool is_valid_binding(std::string_view binding) {
  if (binding.empty()) return false;
  constexpr std::string_view kLetters = "UTSNQ";
  for (size_t i = 0; i < binding.size(); ++i) {
    if (kLetters.find(binding[i]) == std::string_view::npos) return false;
    if (binding.substr(0, i).find(binding[i]) != std::string_view::npos) return false;
  }
  return true;
}

Status ServerObject::add_server(uint16_t instance, const ServerAccount& account) {
  if (account.short_server_id < 1 || account.short_server_id > kMaxId) return Error::kOutOfRange;
  if (account.lifetime < 0) return Error::kOutOfRange;
  if (!is_valid_binding(account.binding)) return Error::kBadRequest;
  return create_filled(*this, instance, [&]() -> Status {
    LWM2M_TRY(set(instance, kShortServerId, Value::of_integer(account.short_server_id)));
    LWM2M_TRY(set(instance, kLifetime, Value::of_integer(account.lifetime)));
    LWM2M_TRY(set(instance, kNotificationStoring, Value::of_boolean(account.notification_storing)));
    LWM2M_TRY(set(instance, kBinding, Value::of_string(account.binding)));
    if (account.default_min_period >= 0)
      LWM2M_TRY(set(instance, kDefaultMinPeriod, Value::of_integer(account.default_min_period)));
    if (account.default_max_period >= 0)
      LWM2M_TRY(set(instance, kDefaultMaxPeriod, Value::of_integer(account.default_max_period)));
    if (account.disable_timeout >= 0)
      LWM2M_TRY(set(instance, kDisableTimeout, Value::of_integer(account.disable_timeout)));
    return kOk;
  });
}

Result<uint16_t> ServerObject::short_server_id(uint16_t instance) const {
  Result<int64_t> id = read_integer(*this, instance, kShortServerId);
  if (!id.ok()) return id.error();
  return static_cast<uint16_t>(*id);
}

bool ServerObject::has_resource(uint16_t instance, uint16_t resource) const {
  bool executable = resource == kDisable || resource == kRegistrationUpdateTrigger || resource == kBootstrapRequestTrigger;
  if (executable) return has_instance(instance);
  return StoredObject::has_resource(instance, resource);
}

Status ServerObject::validate(const Path& path, const Value& value) const {
  if (path.depth() < Path::kResource) return kOk;
  if (is_duration(path.resource()) && value.type == DataType::kInteger && value.integer < 0)
    return Error::kOutOfRange;
  if (path.resource() == kBinding && !is_valid_binding(value.text())) return Error::kBadRequest;
  return kOk;
}

Status ServerObject::execute(uint16_t instance, uint16_t resource, std::span<const uint8_t>) {
  if (!has_instance(instance)) return Error::kNotFound;
  if (actions_ == nullptr) return Error::kMethodNotAllowed;
  Result<uint16_t> ssid = short_server_id(instance);
  if (!ssid.ok()) return ssid.error();
  switch (resource) {
    case kDisable: return actions_->disable(*ssid);
    case kRegistrationUpdateTrigger: return actions_->trigger_registration_update(*ssid);
    case kBootstrapRequestTrigger: return actions_->trigger_bootstrap_request(*ssid);
    default: return Error::kMethodNotAllowed;
  }
}

}  // namespace lwm2m::objects
