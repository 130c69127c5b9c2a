// LwM2M Server object (1, version 1.2): one instance per LwM2M server the
// client registers with. Values are stored; the three Execute resources are
// handed to the engine through ServerActions.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "lwm2m/model/stored_object.h"
#include "objects/definitions/server.h"

namespace lwm2m::objects {

// What the engine does when a server executes /1/x/4, /1/x/8 or /1/x/9.
// Each call names the server by its Short Server ID. The engine must answer
// the Execute first and act afterwards (Core TS §6.3.5 for Disable).
class ServerActions {
 public:
  virtual Status disable(uint16_t short_server_id) = 0;
  virtual Status trigger_registration_update(uint16_t short_server_id) = 0;
  virtual Status trigger_bootstrap_request(uint16_t short_server_id) = 0;

 protected:
  ~ServerActions() = default;
};

struct ServerAccount {
  uint16_t short_server_id = 1;         // 1..65534
  int64_t lifetime = 86400;             // seconds; 0 means infinite
  std::string_view binding = "U";       // Core TS §6.2.1.1 letters: U, T, S, N (Q only in 1.0)
  bool notification_storing = true;     // store notifications while disabled or offline
  int64_t default_min_period = -1;      // seconds; negative leaves the resource out
  int64_t default_max_period = -1;
  int64_t disable_timeout = -1;
};

// Pools: 2 instances (two LwM2M servers), 24 values each, 96 bytes of
// binding strings and preferred-transport text.
class ServerObject final : public StoredObject<2, 48, 96> {
 public:
  explicit ServerObject(ServerActions* actions = nullptr) : StoredObject(kServerObject), actions_(actions) {}

  void set_actions(ServerActions* actions) { actions_ = actions; }

  // Creates an instance holding every mandatory resource; all or nothing.
  Status add_server(uint16_t instance, const ServerAccount& account);
  // The Short Server ID of an instance.
  Result<uint16_t> short_server_id(uint16_t instance) const;

  bool has_resource(uint16_t instance, uint16_t resource) const override;
  Status validate(const Path& path, const Value& value) const override;
  Status execute(uint16_t instance, uint16_t resource, std::span<const uint8_t> arguments) override;

 private:
  ServerActions* actions_;
};

// True when `binding` is a non-empty run of distinct Core TS binding letters.
bool is_valid_binding(std::string_view binding);

}  // namespace lwm2m::objects
