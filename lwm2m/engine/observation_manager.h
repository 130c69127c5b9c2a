// The Information Reporting interface on the client side (Core TS 1.2 §6.4,
// RFC 7641): Observe and Observe-Composite register observations, Cancel
// Observation removes them, and notifications go out when the rules of
// notification_rules.h say so, or wait in the NotificationQueue while a
// queue-mode server is asleep.
//
// The DmDispatcher hands this manager every GET/FETCH carrying Observe (it
// is the dispatcher's ObservationHook). The engine then drives it:
//   poll(now)            evaluates what is due (value changed, pmin over with
//                        a change held back, pmax reached) and notifies;
//   next_wakeup()        when poll must run next with no new event;
//   value_changed(path)  the application (or a Write) changed a value;
//   on_reset(server,tok) the server answered a notification with RST;
//   server_online(s)     a queue-mode server is reachable again (after an
//                        Update): held notifications go out, oldest first;
//   cancel_server(s)     new Register or De-register: its observations end.
//
// Cancellation (RFC 7641 §3.6, Core TS §6.4.2): GET/FETCH with Observe=1
// cancels the observation of the same targets whether the token is the one of
// the Observe or a new one (servers differ, INTEROP-NOTES), and answers as a
// Read; a RST to a notification cancels by token.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "lwm2m/core/path.h"
#include "lwm2m/core/status.h"
#include "lwm2m/engine/attribute_store.h"
#include "lwm2m/engine/coap_message.h"
#include "lwm2m/engine/dm_dispatcher.h"
#include "lwm2m/engine/endpoint.h"
#include "lwm2m/engine/notification_queue.h"
#include "lwm2m/engine/notification_rules.h"
#include "lwm2m/engine/observation_table.h"
#include "lwm2m/engine/queue_mode.h"
#include "lwm2m/formats/codecs.h"
#include "lwm2m/model/registry.h"

namespace lwm2m {

// The engine's registration state, as far as observations need it: the
// connection through which a registered server (by Short Server ID) is reached.
class ServerConnections {
 public:
  virtual std::optional<ConnectionId> connection_of(uint16_t short_server_id) const = 0;

 protected:
  ~ServerConnections() = default;
};

// What the manager keeps beside each table slot.
struct ObservationSlotState {
  RequestContext context;  // of the Observe request: server, version, formats, ACL
  bool changed = false;    // value_changed() touched a target since the last evaluation
};

// The parts of the engine the manager works with; all outlive it.
struct ObservationPorts {
  Registry& registry;
  AttributeStore& attributes;
  DmDispatcher& dispatcher;  // reads single targets in the observation's format
  NotificationQueue& queue;
  QueueMode& queue_mode;
  Endpoint& endpoint;
  const Clock& clock;
  const ServerConnections& connections;
};

class ObservationManager : public ObservationHook {
 public:
  // `slots`, `used` and `extra` are the same length (the table capacity);
  // `payload_buffer` holds one notification payload.
  ObservationManager(const ObservationPorts& ports, std::span<Observation> slots, std::span<bool> used,
                     std::span<ObservationSlotState> extra, std::span<uint8_t> payload_buffer);
  ObservationManager(const ObservationManager&) = delete;
  ObservationManager& operator=(const ObservationManager&) = delete;

  // ObservationHook: Observe=0 and Observe=1 from the dispatcher.
  void start(const RequestContext& context, const coap::Request& request, const Path& target,
             std::span<uint8_t> payload_buffer, coap::Response& response) override;
  void stop(const RequestContext& context, const coap::Request& request, const Path& target,
            std::span<uint8_t> payload_buffer, coap::Response& response) override;

  void poll(uint64_t now_ms);
  // The earliest time poll() has work: now-or-earlier (0) after value_changed,
  // kNever with nothing observed.
  uint64_t next_wakeup();
  void value_changed(const Path& path);
  void on_reset(ConnectionId server, const coap::Token& token);
  // Sends what is held for `server`, oldest first; stops at the first
  // notification the endpoint refuses (it stays held).
  void server_online(ConnectionId server);
  // Drops the server's observations and held notifications; returns how many observations.
  size_t cancel_server(ConnectionId server);

  const ObservationTable& table() const { return table_; }
  size_t queued(ConnectionId server) const { return ports_.queue.size(server); }

 private:
  // The targets of a FETCH: its payload's path list, without repeats.
  Result<size_t> composite_targets(const RequestContext& context, const coap::Request& request, const Path& base,
                                   std::span<Path> out);
  // What an Observe or its cancel names: the path, or a FETCH's path list;
  // and the answer format. Returns how many targets were written to `out`.
  Result<size_t> observed_targets(const RequestContext& context, const coap::Request& request, const Path& target,
                                  std::span<Path> out, std::optional<uint16_t>& format);
  // Content of an observation of `targets`, into `buffer`.
  void read_targets(const RequestContext& context, std::span<const Path> targets, bool composite,
                    std::optional<uint16_t> format, std::span<uint8_t> buffer, coap::Response& response);
  Status read_composite(const RequestContext& context, std::span<const Path> targets, uint16_t format,
                        std::span<uint8_t> buffer, coap::Response& response);
  Status read_allowed_into(const RequestContext& context, const Path& path, RecordEncoder& encoder);
  // The composite answer format: Accept, else the request's own format.
  Result<uint16_t> composite_format(const RequestContext& context, const coap::Request& request) const;
  ValueSnapshot snapshot(std::span<const Path> targets, bool composite, std::span<const uint8_t> payload) const;
  EffectiveAttributes attributes_of(const Observation& observation, const RequestContext& context) const;

  void evaluate_slot(size_t slot, uint64_t now_ms);
  void deliver(Observation& observation, const EffectiveAttributes& attrs, coap::Response& notification,
               bool confirmable, uint64_t now_ms);
  size_t slot_of(const Observation* observation) const {
    return static_cast<size_t>(observation - slots_.data());
  }

  ObservationPorts ports_;
  std::span<Observation> slots_;
  ObservationTable table_;
  std::span<ObservationSlotState> extra_;
  std::span<uint8_t> payload_buffer_;
  AnyEncoder encoder_;
  AnyDecoder decoder_;
  uint8_t decode_scratch_[256] = {};
};

// A manager with its table and payload buffer sized at build time.
template <size_t kCapacity, size_t kPayloadBytes = 1024>
class FixedObservationManager : public ObservationManager {
 public:
  explicit FixedObservationManager(const ObservationPorts& ports)
      : ObservationManager(ports, slots_, used_, extra_, payload_) {}

 private:
  Observation slots_[kCapacity];
  bool used_[kCapacity] = {};
  ObservationSlotState extra_[kCapacity];
  uint8_t payload_[kPayloadBytes] = {};
};

}  // namespace lwm2m
