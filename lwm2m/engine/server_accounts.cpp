#include "lwm2m/engine/server_accounts.h"

#include <algorithm>

#include "lwm2m/link/object_links.h"

namespace lwm2m {

namespace {

enum SecurityResource : uint16_t {
  kUri = 0,
  kBootstrapServer = 1,
  kMode = 2,
  kSecurityShortServerId = 10,
  kClientHoldOff = 11,
  kBootstrapAccountTimeout = 12,
};

enum ServerResource : uint16_t {
  kServerShortServerId = 0,
  kLifetime = 1,
  kDisableTimeout = 5,
  kNotificationStoring = 6,
  kBinding = 7,
  kPriorityOrder = 13,
  kInitialDelay = 14,
  kFailureBlock = 15,
  kBootstrapOnFailure = 16,
  kRetryCount = 17,
  kRetryTimer = 18,
  kSequenceDelay = 19,
  kSequenceRetryCount = 20,
  kPreferredTransport = 22,
  kMuteSend = 23,
};

std::optional<Value> read_value(const Object& object, uint16_t instance, uint16_t resource) {
  if (!object.has_resource(instance, resource)) return std::nullopt;
  Value value;
  if (!object.read(Path(object.id(), instance, resource), value).ok()) return std::nullopt;
  return value;
}

// Integer and unsigned resources as a non-negative count of seconds (or a
// count); negative or absent values keep the default.
uint32_t read_count(const Object& object, uint16_t instance, uint16_t resource, uint32_t fallback) {
  std::optional<Value> v = read_value(object, instance, resource);
  if (!v) return fallback;
  if (v->type == DataType::kInteger && v->integer >= 0)
    return static_cast<uint32_t>(std::min<int64_t>(v->integer, UINT32_MAX));
  if (v->type == DataType::kUnsignedInteger)
    return static_cast<uint32_t>(std::min<uint64_t>(v->unsigned_integer, UINT32_MAX));
  return fallback;
}

std::optional<uint32_t> read_optional_count(const Object& object, uint16_t instance, uint16_t resource) {
  if (!object.has_resource(instance, resource)) return std::nullopt;
  return read_count(object, instance, resource, 0);
}

bool read_flag(const Object& object, uint16_t instance, uint16_t resource, bool fallback) {
  std::optional<Value> v = read_value(object, instance, resource);
  return v && v->type == DataType::kBoolean ? v->boolean : fallback;
}

std::optional<uint16_t> read_ssid(const Object& object, uint16_t instance, uint16_t resource) {
  std::optional<Value> v = read_value(object, instance, resource);
  if (!v || v->type != DataType::kInteger || v->integer < 1 || v->integer > kMaxId) return std::nullopt;
  return static_cast<uint16_t>(v->integer);
}

const Object* server_instance_for(const Registry& registry, uint16_t ssid, uint16_t& instance) {
  const Object* servers = registry.find(kServerObjectId);
  if (servers == nullptr) return nullptr;
  for (size_t i = 0; i < servers->instance_count(); ++i) {
    uint16_t id = servers->instance_id(i);
    if (read_ssid(*servers, id, kServerShortServerId) == ssid) {
      instance = id;
      return servers;
    }
  }
  return nullptr;
}

void fill_server_values(const Object& servers, uint16_t instance, ServerAccountConfig& account) {
  account.server_instance = instance;
  account.lifetime_s = read_count(servers, instance, kLifetime, account.lifetime_s);
  account.disable_timeout_s = read_count(servers, instance, kDisableTimeout, account.disable_timeout_s);
  account.notification_storing = read_flag(servers, instance, kNotificationStoring, true);
  account.initial_registration_delay_s = read_count(servers, instance, kInitialDelay, 0);
  account.registration_failure_block = read_flag(servers, instance, kFailureBlock, false);
  account.bootstrap_on_registration_failure = read_flag(servers, instance, kBootstrapOnFailure, true);
  account.registration_priority = read_optional_count(servers, instance, kPriorityOrder);
  CommunicationRetry& retry = account.retry;
  retry.retry_count = read_count(servers, instance, kRetryCount, retry.retry_count);
  retry.retry_timer_s = read_count(servers, instance, kRetryTimer, retry.retry_timer_s);
  retry.sequence_delay_s = read_count(servers, instance, kSequenceDelay, retry.sequence_delay_s);
  retry.sequence_retry_count = read_count(servers, instance, kSequenceRetryCount, retry.sequence_retry_count);
  account.mute_send = read_flag(servers, instance, kMuteSend, false);
  std::optional<Value> binding = read_value(servers, instance, kBinding);
  if (binding && binding->type == DataType::kString && !binding->bytes.empty() &&
      binding->bytes.size() <= ServerAccountConfig::kMaxBinding) {
    std::copy(binding->bytes.begin(), binding->bytes.end(), account.binding_text);
    account.binding_size = static_cast<uint8_t>(binding->bytes.size());
  }
  std::optional<Value> transport = read_value(servers, instance, kPreferredTransport);
  if (transport && transport->type == DataType::kString && transport->bytes.size() == 1)
    account.preferred_transport = static_cast<char>(transport->bytes[0]);
}

Status fill_account(const Registry& registry, const Object& security, uint16_t instance,
                    ServerAccountConfig& account) {
  account = ServerAccountConfig{};
  account.security_instance = instance;
  std::optional<Value> uri = read_value(security, instance, kUri);
  if (uri) {
    if (uri->type != DataType::kString || uri->bytes.size() > ServerAccountConfig::kMaxUri) return Error::kBadRequest;
    std::copy(uri->bytes.begin(), uri->bytes.end(), account.uri_text);
    account.uri_size = static_cast<uint8_t>(uri->bytes.size());
  }
  account.bootstrap = read_flag(security, instance, kBootstrapServer, false);
  std::optional<Value> mode = read_value(security, instance, kMode);
  if (mode) {
    if (mode->type != DataType::kInteger || mode->integer < 0 || mode->integer > 4) return Error::kBadRequest;
    account.mode = static_cast<SecurityMode>(mode->integer);
  }
  account.client_hold_off_s = read_count(security, instance, kClientHoldOff, 0);
  account.bootstrap_account_timeout_s = read_count(security, instance, kBootstrapAccountTimeout, 0);
  std::optional<uint16_t> ssid = read_ssid(security, instance, kSecurityShortServerId);
  account.short_server_id = ssid.value_or(0);
  if (account.bootstrap || !ssid) return kOk;
  uint16_t server_instance = 0;
  const Object* servers = server_instance_for(registry, *ssid, server_instance);
  if (servers != nullptr) fill_server_values(*servers, server_instance, account);
  return kOk;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Whether the URI's scheme agrees with the security mode; unknown schemes
// (sms:, lorawan:, mqtt) are left to the transport.
bool scheme_matches_mode(const ServerAccountConfig& account) {
  std::string_view uri = account.uri();
  bool secure = account.mode != SecurityMode::kNoSec;
  if (starts_with(uri, "coaps://") || starts_with(uri, "coaps+tcp://")) return secure;
  if (starts_with(uri, "coap://") || starts_with(uri, "coap+tcp://")) return !secure;
  return true;
}

}  // namespace

bool is_usable_server_account(const ServerAccountConfig& account) {
  return !account.bootstrap && account.short_server_id != 0 && account.server_instance.has_value() &&
         account.uri_size != 0 && scheme_matches_mode(account);
}

Result<size_t> collect_server_accounts(const Registry& registry, std::span<ServerAccountConfig> out) {
  const Object* security = registry.find(kSecurityObjectId);
  if (security == nullptr) return size_t{0};
  if (security->instance_count() > out.size()) return Error::kCapacityExceeded;
  for (size_t i = 0; i < security->instance_count(); ++i)
    LWM2M_TRY(fill_account(registry, *security, security->instance_id(i), out[i]));
  return security->instance_count();
}

Status check_configuration(const Registry& registry) {
  const Object* security = registry.find(kSecurityObjectId);
  if (security == nullptr) return Error::kNotAcceptable;
  bool any_usable = false;
  // One account at a time keeps the stack small (an account is ~300 bytes).
  for (size_t i = 0; i < security->instance_count(); ++i) {
    ServerAccountConfig account;
    if (!fill_account(registry, *security, security->instance_id(i), account).ok()) return Error::kNotAcceptable;
    if (!scheme_matches_mode(account)) return Error::kNotAcceptable;
    if (account.bootstrap || account.short_server_id == 0) continue;
    for (size_t j = 0; j < i; ++j) {
      std::optional<uint16_t> other = read_ssid(*security, security->instance_id(j), kSecurityShortServerId);
      bool other_bootstrap = read_flag(*security, security->instance_id(j), kBootstrapServer, false);
      if (!other_bootstrap && other == account.short_server_id) return Error::kNotAcceptable;
    }
    any_usable = any_usable || is_usable_server_account(account);
  }
  const Object* servers = registry.find(kServerObjectId);
  if (servers != nullptr) {
    for (size_t i = 0; i < servers->instance_count(); ++i) {
      std::optional<uint16_t> ssid = read_ssid(*servers, servers->instance_id(i), kServerShortServerId);
      if (!ssid) return Error::kNotAcceptable;
      bool matched = false;
      for (size_t j = 0; j < security->instance_count() && !matched; ++j) {
        uint16_t id = security->instance_id(j);
        matched = !read_flag(*security, id, kBootstrapServer, false) && read_ssid(*security, id, kSecurityShortServerId) == ssid;
      }
      if (!matched) return Error::kNotAcceptable;
    }
  }
  return any_usable ? kOk : Error::kNotAcceptable;
}

}  // namespace lwm2m
