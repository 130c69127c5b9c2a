// The LwM2M client engine in one piece: it owns the interfaces' parts
// (registration, bootstrap, device management, information reporting, Send,
// queue mode) and wires them to the application's Registry, one Endpoint and
// one Clock.
//
//   Client client(registry, endpoint, clock, options);
//   server_object.set_actions(&client.server_actions());  // /1/x/4, /1/x/8, /1/x/9
//   endpoint.set_request_handler(client);
//   client.start();
//   loop { endpoint waits for at most client.next_wakeup_ms() - now; client.poll(); }
//   client.stop(); loop { endpoint waits; client.poll(); } until client.stopped() or a deadline
//
// Requests from a connection go to the Bootstrap dispatcher when the
// connection is the Bootstrap-Server's account, and to the DM dispatcher with
// that server's RequestContext when it is a registered LwM2M Server's.
// Successful Writes feed the observation manager (value_changed) and, on the
// Server object, the registration (Update with the new lifetime/binding);
// Create and Delete announce a new object list.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "lwm2m/core/content_format.h"
#include "lwm2m/core/path.h"
#include "lwm2m/core/status.h"
#include "lwm2m/core/version.h"
#include "lwm2m/engine/attribute_store.h"
#include "lwm2m/engine/bootstrap_client.h"
#include "lwm2m/engine/bootstrap_dispatcher.h"
#include "lwm2m/engine/coap_message.h"
#include "lwm2m/engine/dm_dispatcher.h"
#include "lwm2m/engine/endpoint.h"
#include "lwm2m/engine/notification_queue.h"
#include "lwm2m/engine/observation_manager.h"
#include "lwm2m/engine/queue_mode.h"
#include "lwm2m/engine/registration_client.h"
#include "lwm2m/engine/send_client.h"
#include "lwm2m/model/registry.h"

// Observation slots; a build may raise it (-DLWM2M_CLIENT_MAX_OBSERVATIONS=1024,
// about 0.3 KB a slot) for a client that serves many observers.
#ifndef LWM2M_CLIENT_MAX_OBSERVATIONS
#define LWM2M_CLIENT_MAX_OBSERVATIONS 32
#endif

namespace lwm2m {

struct ClientOptions {
  std::string_view endpoint_name;
  Lwm2mVersion version = Lwm2mVersion::k1_2;  // the newest version tried at Register
  bool queue_mode = false;
  // The format a server gets when it names none (Core TS §6.3: SenML CBOR for 1.2).
  ContentFormat preferred_format = ContentFormat::kSenmlCbor;
  std::span<const uint16_t> content_formats;  // announced in the object list ("ct")
  uint32_t bootstrap_finish_timeout_s = 120;
};

class Client final : public RequestHandler, public ServerConnections, public RegistrationListener {
 public:
  static constexpr size_t kMaxObservations = LWM2M_CLIENT_MAX_OBSERVATIONS;
  static constexpr size_t kNotificationBytes = 1024;
  static constexpr size_t kQueuedNotifications = 16;
  static constexpr size_t kQueueBytes = 4096;
  static constexpr size_t kAttributeEntries = 32;
  static constexpr size_t kSendBytes = 1024;

  // `registry`, `endpoint` and `clock` outlive the client; the option spans
  // and strings too.
  Client(Registry& registry, Endpoint& endpoint, const Clock& clock, const ClientOptions& options);
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // The Server object's Execute actions go here (Disable, Update Trigger,
  // Bootstrap-Request Trigger).
  objects::ServerActions& server_actions() { return registration_; }

  // Registers with every usable server account; bootstraps when there is none.
  // kNotFound when there is neither a server nor a Bootstrap-Server account.
  Status start();
  // Does what is due now: registration timers, bootstrap, notifications.
  void poll();
  // The earliest time poll() has work with no message arriving; kNever when none.
  uint64_t next_wakeup_ms();
  // De-registers from every registered server. Keep polling the endpoint and
  // the client until stopped() (bounded by the caller: a server may not answer).
  void stop();
  bool stopped() const;

  // The application changed a value: observations of it may notify.
  void value_changed(const Path& path) { observations_.value_changed(path); }
  // Send (Core TS §6.4.4) of `paths` to a registered server.
  Status send(uint16_t short_server_id, std::span<const Path> paths, ContentFormat format,
              SendObserver* observer = nullptr);

  const RegistrationClient& registration() const { return registration_; }
  const BootstrapClient& bootstrap() const { return bootstrap_client_; }
  const ObservationManager& observations() const { return observations_; }

  // RequestHandler
  void on_request(ConnectionId from, const coap::Request& request, std::span<uint8_t> payload_buffer,
                  coap::Response& response) override;
  void on_notification_reset(ConnectionId from, const coap::Token& token) override;
  // ServerConnections: a registered server's connection.
  std::optional<ConnectionId> connection_of(uint16_t short_server_id) const override;
  // RegistrationListener
  void on_registered(uint16_t short_server_id, Lwm2mVersion version) override;
  void on_deregistered(uint16_t short_server_id) override;

 private:
  enum class Phase : uint8_t { kIdle, kRegistering, kBootstrapping, kStopping };

  bool is_bootstrap_connection(ConnectionId from) const;
  void start_bootstrap();
  // After a successful DM request: notify observers, tell the registration.
  void after_management_request(const coap::Request& request, const coap::Response& response);

  Registry& registry_;
  Endpoint& endpoint_;
  const Clock& clock_;
  ClientOptions options_;
  Phase phase_ = Phase::kIdle;

  FixedAttributeStore<kAttributeEntries> attributes_;
  FixedNotificationQueue<kQueuedNotifications, kQueueBytes> notification_queue_;
  FixedQueueMode<RegistrationClient::kMaxServers> queue_mode_;
  DmDispatcher dispatcher_;
  FixedObservationManager<kMaxObservations, kNotificationBytes> observations_;
  uint8_t send_buffer_[kSendBytes] = {};
  SendClient send_client_;
  RegistrationClient registration_;
  BootstrapClient bootstrap_client_;
  BootstrapDispatcher bootstrap_dispatcher_;
};

}  // namespace lwm2m
