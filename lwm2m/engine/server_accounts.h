// The server accounts a client has, derived from the Security (0) and Server
// (1) object instances (Core TS 1.2 §6.1: a Security instance per server; an
// LwM2M Server account also has the Server instance with the same Short
// Server ID; the Bootstrap-Server account has Bootstrap-Server = true and no
// Server instance).
//
// Values are copied out, so an account stays valid while bootstrap rewrites
// the objects. Resources that are absent take the defaults of the Server
// object's definition (1.xml, object version 1.2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "lwm2m/core/status.h"
#include "lwm2m/engine/endpoint.h"
#include "lwm2m/model/registry.h"

namespace lwm2m {

inline constexpr uint16_t kServerObjectId = 1;

// The communication retry resources /1/x/17..20 and their defaults from the
// resource descriptions: 5 attempts a sequence, 60 s base back-off (doubled
// after each failed attempt), 86400 s between sequences, 1 sequence.
struct CommunicationRetry {
  uint32_t retry_count = 5;
  uint32_t retry_timer_s = 60;
  uint32_t sequence_delay_s = 86400;
  uint32_t sequence_retry_count = 1;
};

struct ServerAccountConfig {
  static constexpr size_t kMaxUri = 255;  // the Security object's 0..255 range
  static constexpr size_t kMaxBinding = 8;

  uint16_t security_instance = 0;
  std::optional<uint16_t> server_instance;  // none for the Bootstrap-Server account
  bool bootstrap = false;
  SecurityMode mode = SecurityMode::kNoSec;
  uint16_t short_server_id = 0;  // 0 when /0/x/10 is absent (bootstrap account)

  // Security object timers (seconds): /0/x/11 Client Hold Off Time and
  // /0/x/12 Bootstrap-Server Account Timeout (0: keep the account).
  uint32_t client_hold_off_s = 0;
  uint32_t bootstrap_account_timeout_s = 0;

  // Server object values (only meaningful when server_instance is set).
  uint32_t lifetime_s = 86400;  // 0: infinite
  uint32_t disable_timeout_s = 86400;
  bool notification_storing = true;
  uint32_t initial_registration_delay_s = 0;      // /1/x/14
  bool registration_failure_block = false;        // /1/x/15
  bool bootstrap_on_registration_failure = true;  // /1/x/16
  std::optional<uint32_t> registration_priority;  // /1/x/13, lower first
  CommunicationRetry retry;
  bool mute_send = false;                          // /1/x/23
  std::optional<char> preferred_transport;        // /1/x/22: one binding letter

  std::string_view uri() const { return {uri_text, uri_size}; }
  std::string_view binding() const { return {binding_text, binding_size}; }
  ConnectionSettings connection_settings() const { return {uri(), mode, security_instance}; }

  char uri_text[kMaxUri] = {};
  uint8_t uri_size = 0;
  char binding_text[kMaxBinding] = {'U'};
  uint8_t binding_size = 1;
};

// An LwM2M Server account the client can register with: a non-bootstrap
// Security instance with a URI and a Short Server ID, and a Server instance
// with that Short Server ID.
bool is_usable_server_account(const ServerAccountConfig& account);

// Every account, in Security instance order, written to `out`: returns how
// many there are (kCapacityExceeded when `out` is too small). A Security
// instance with a bad value (URI too long, unknown security mode) gives
// kBadRequest.
Result<size_t> collect_server_accounts(const Registry& registry, std::span<ServerAccountConfig> out);

// The Bootstrap-Finish consistency check (Core TS §6.1.7.6): the
// configuration is usable when there is at least one usable LwM2M Server
// account, every Server instance has a matching Security instance, Short
// Server IDs are unique, and each URI scheme agrees with its security mode
// ("coaps"/"coaps+tcp" need a security mode other than NoSec, "coap"/
// "coap+tcp" need NoSec). kNotAcceptable otherwise.
Status check_configuration(const Registry& registry);

}  // namespace lwm2m
