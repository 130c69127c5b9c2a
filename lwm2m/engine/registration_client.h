// The client side of the Registration interface (Core TS 1.2 §6.2): Register,
// Update and De-register with every configured LwM2M Server, each with its
// own state, over the Endpoint port.
//
// Driving it (the engine's main loop, or a test with a fake clock):
//   client.start();                       // reads the accounts, schedules Register
//   loop { client.poll(); sleep until client.next_wakeup_ms() or a message }
//   client.stop();                        // De-register everywhere
// Responses arrive through each session's ResponseHandler. Server Execute
// actions (/1/x/4 Disable, /1/x/8 Update Trigger, /1/x/9 Bootstrap Trigger)
// only record the wish: the Execute is answered first, poll() acts.
//
// Timing rules (times from the Clock, in ms):
//   - Register after the Initial Registration Delay Timer (/1/x/14).
//   - Update when the registration nears its end: at lifetime - margin, with
//     margin = min(lifetime / 2, max(lifetime / 10, 93 s)); 93 s is CoAP's
//     MAX_TRANSMIT_WAIT (RFC 7252 §4.8.2), so a retransmitted Update still
//     lands in time. Lifetime 0 (infinite) sends no periodic Update.
//   - Update also when the object list, lifetime or binding changed, or on
//     trigger; it carries only what changed since the last Register/Update.
//   - A failed Register (error answer, timeout) is retried after
//     Communication Retry Timer * 2^(n-1) for the n-th failed attempt, up to
//     Communication Retry Count attempts a sequence; a failed sequence waits
//     Communication Sequence Delay Timer, up to Communication Sequence Retry
//     Count sequences; then the server is Failed (Core TS §6.2.1.1).
//   - A Register answered 4.12 or 4.00 is repeated at once with the next
//     older enabler version (1.2, 1.1, 1.0), which then stays in use; a 1.0
//     Register carries only ep, lt, lwm2m and b (queue mode as b=UQ).
//   - A failed Update is followed by a new Register.
//   - Disable: De-register, stay silent for the Disable Timeout, Register.
//   - When every server is Failed and one of them has Bootstrap on
//     Registration Failure (/1/x/16, default true), needs_bootstrap().
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "lwm2m/core/status.h"
#include "lwm2m/core/version.h"
#include "lwm2m/engine/coap_message.h"
#include "lwm2m/engine/endpoint.h"
#include "lwm2m/engine/notification_rules.h"  // kNever, shared with the reporting side
#include "lwm2m/engine/server_accounts.h"
#include "lwm2m/model/registry.h"
#include "objects/server_object.h"

namespace lwm2m {

enum class RegistrationState : uint8_t {
  kIdle,           // not started, or de-registered by stop()
  kWaiting,        // initial delay or back-off before the next Register
  kRegistering,    // Register sent
  kRegistered,
  kUpdating,       // Update sent
  kDeregistering,  // De-register sent
  kDisabled,       // silent for the Disable Timeout
  kFailed,         // every retry sequence failed
};

const char* registration_state_name(RegistrationState state);

struct RegistrationOptions {
  std::string_view endpoint_name;
  Lwm2mVersion version = Lwm2mVersion::k1_2;  // the newest version tried first
  bool queue_mode = false;                     // "Q" (1.1+), binding "UQ" (1.0)
  std::span<const uint16_t> content_formats;   // announced in the object list
  std::string_view alternate_path;
};

// Told when a server's registration begins or ends (to flush stored
// notifications, to set the RequestContext version, to drop observations).
class RegistrationListener {
 public:
  virtual void on_registered(uint16_t short_server_id, Lwm2mVersion version) = 0;
  virtual void on_deregistered(uint16_t short_server_id) = 0;

 protected:
  ~RegistrationListener() = default;
};

class RegistrationClient;

// One server's registration. Owned by RegistrationClient; the endpoint calls
// it back with the answers to its requests.
class RegistrationSession final : public ResponseHandler {
 public:
  RegistrationSession() = default;
  RegistrationSession(const RegistrationSession&) = delete;
  RegistrationSession& operator=(const RegistrationSession&) = delete;

  RegistrationState state() const { return state_; }
  uint16_t short_server_id() const { return account_.short_server_id; }
  ConnectionId connection() const { return account_.security_instance; }
  Lwm2mVersion version() const { return version_; }
  const ServerAccountConfig& account() const { return account_; }
  // The Location-Path of the registration (empty when not registered).
  std::span<const std::string_view> location() const { return {location_, location_count_}; }
  // When this session next acts by itself (kNever: only on an event).
  uint64_t deadline_ms() const { return deadline_ms_; }

  void on_response(const coap::Response& response) override;
  void on_failure(Error error) override;

 private:
  friend class RegistrationClient;
  enum class Pending : uint8_t { kNone, kRegister, kUpdate, kDeregister };
  enum class AfterDeregister : uint8_t { kIdle, kDisable };

  void begin(RegistrationClient& client, const ServerAccountConfig& account, uint64_t now);
  void poll(uint64_t now);
  bool wants_update() const { return objects_changed_ || update_requested_ || settings_changed(); }
  bool settings_changed() const;
  void send_register(uint64_t now);
  void send_update(uint64_t now);
  void send_deregister(AfterDeregister after);
  void registered(const coap::Response& response, uint64_t now);
  void register_failed(uint64_t now);
  void update_failed(uint64_t now);
  void deregistered(uint64_t now);
  void schedule_update(uint64_t now);
  Status store_location(std::span<const std::string_view> location);
  void finish_silently();

  RegistrationClient* client_ = nullptr;
  ServerAccountConfig account_;
  RegistrationState state_ = RegistrationState::kIdle;
  Pending pending_ = Pending::kNone;
  AfterDeregister after_deregister_ = AfterDeregister::kIdle;
  Lwm2mVersion version_ = Lwm2mVersion::k1_2;
  uint64_t deadline_ms_ = kNever;
  uint32_t attempt_ = 0;   // failed attempts in this sequence
  uint32_t sequence_ = 0;  // failed sequences
  bool open_ = false;
  bool objects_changed_ = false;
  bool update_requested_ = false;
  bool disable_requested_ = false;
  bool stop_requested_ = false;
  // What the last successful Register/Update told the server.
  uint32_t sent_lifetime_s_ = 0;
  char sent_binding_[ServerAccountConfig::kMaxBinding] = {};
  uint8_t sent_binding_size_ = 0;
  char location_text_[64] = {};
  std::string_view location_[coap::kMaxPathSegments];
  size_t location_count_ = 0;
};

class RegistrationClient final : public objects::ServerActions {
 public:
  static constexpr size_t kMaxServers = 4;
  static constexpr size_t kPayloadBytes = 1024;  // the object list
  static constexpr size_t kQueryBytes = 320;

  RegistrationClient(Endpoint& endpoint, const Clock& clock, Registry& registry, const RegistrationOptions& options,
                     RegistrationListener* listener = nullptr)
      : endpoint_(endpoint), clock_(clock), registry_(registry), options_(options), listener_(listener) {}
  RegistrationClient(const RegistrationClient&) = delete;
  RegistrationClient& operator=(const RegistrationClient&) = delete;

  // Reads the accounts from the Security and Server objects and schedules a
  // Register with each usable one (ascending Registration Priority Order).
  // kNotFound when there is none (the caller bootstraps then).
  Status start();
  // De-registers every registered server; the others stop at once.
  void stop();
  // Acts on what is due: Register, Update, retries, the end of a Disable.
  void poll();
  // The earliest time poll() has something to do; kNever when nothing.
  uint64_t next_wakeup_ms() const;

  // The registry's objects or instances changed: Update with the object list.
  void object_list_changed();
  // Server object values changed (lifetime, binding, retry resources):
  // Update with the lifetime/binding that differ from what was sent.
  void server_settings_changed();

  // True when bootstrap should run: every registration failed (with
  // /1/x/16 true), or a server executed /1/x/9, or no account was usable.
  bool needs_bootstrap() const;
  void clear_bootstrap_request() { bootstrap_requested_ = false; }

  size_t session_count() const { return session_count_; }
  const RegistrationSession& session(size_t index) const { return sessions_[index]; }
  const RegistrationSession* find(uint16_t short_server_id) const;
  RegistrationState state(uint16_t short_server_id) const;

  // ServerActions (Execute on /1/x/4, /1/x/8, /1/x/9).
  Status disable(uint16_t short_server_id) override;
  Status trigger_registration_update(uint16_t short_server_id) override;
  Status trigger_bootstrap_request(uint16_t short_server_id) override;

 private:
  friend class RegistrationSession;
  RegistrationSession* find_mutable(uint16_t short_server_id);
  // Builds and sends the Register/Update/De-register of `session`.
  Status send_register(RegistrationSession& session);
  Status send_update(RegistrationSession& session, bool with_objects);
  Status send_deregister(RegistrationSession& session);
  Result<size_t> write_object_list_payload(Lwm2mVersion version);
  uint64_t now() const { return clock_.now_ms(); }

  Endpoint& endpoint_;
  const Clock& clock_;
  Registry& registry_;
  RegistrationOptions options_;
  RegistrationListener* listener_;
  RegistrationSession sessions_[kMaxServers];
  size_t session_count_ = 0;
  bool started_ = false;
  bool no_usable_account_ = false;
  bool bootstrap_requested_ = false;
  uint8_t payload_[kPayloadBytes] = {};
  char query_text_[kQueryBytes] = {};
  std::string_view queries_[coap::kMaxQueries];
};

}  // namespace lwm2m
