// The observations servers hold on the client (Core TS 1.2 §6.4.1 Observe,
// §6.4.3 Observe-Composite, RFC 7641), in a table of fixed capacity.
//
// An entry is keyed by the server connection and the token of the request
// that created it. RFC 7641 §4.1: a new Observe from the same server for the
// same target replaces the old entry, as does one reusing its token. Servers
// cancel with RST (by token) or with a GET carrying Observe=1, often under a
// new token, so cancellation by target path exists too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/core/path.h"
#include "lwm2m/core/status.h"
#include "lwm2m/engine/coap_message.h"
#include "lwm2m/engine/endpoint.h"
#include "lwm2m/engine/notification_rules.h"
#include "lwm2m/link/attributes.h"

namespace lwm2m {

// Paths one Observe-Composite may name.
inline constexpr size_t kMaxObservedPaths = 8;
// The Observe option is 24 bits (RFC 7641 §4.4).
inline constexpr uint32_t kObserveSequenceMask = 0xFFFFFF;
// The Observe value of the first answer of a new observation. Not 0: some
// servers' CoAP stacks (node-coap, under lwm2m-node-lib) keep a notification
// only when its Observe value is above the last one seen, starting from 0, and
// so drop an answer carrying 0 (RFC 7641 allows any start value).
inline constexpr uint32_t kFirstObserveSequence = 1;

struct Observation {
  ConnectionId server = 0;
  coap::Token token;
  Path paths[kMaxObservedPaths];
  uint8_t path_count = 0;
  bool composite = false;           // Observe-Composite (FETCH) rather than Observe (GET)
  uint16_t content_format = 0;      // of the notifications, fixed by the first response
  Attributes query_attributes;      // given in the Observe request (1.2)
  ObservedState state;              // last notified value and times
  uint32_t sequence = kFirstObserveSequence;  // Observe value of the next notification

  std::span<const Path> targets() const { return {paths, path_count}; }
  // True when a change at `changed` concerns this observation: it lies at,
  // below or above one of the observed paths.
  bool covers(const Path& changed) const;
  // The Observe option value for the next notification; wraps at 2^24.
  uint32_t take_sequence();
};

struct ObserveRequest {
  ConnectionId server = 0;
  coap::Token token;
  std::span<const Path> paths;  // one for Observe, 1..kMaxObservedPaths for Observe-Composite
  bool composite = false;
  uint16_t content_format = 0;
  Attributes query_attributes;
};

class ObservationTable {
 public:
  explicit ObservationTable(std::span<Observation> slots, std::span<bool> used);
  ObservationTable(const ObservationTable&) = delete;
  ObservationTable& operator=(const ObservationTable&) = delete;

  // Adds an observation, or replaces the one of the same server with the
  // same token or the same targets (its sequence number carries on so the
  // server never sees one go backwards). `state` starts the rules' memory.
  // kBadRequest for no path, or a plain Observe with more than one;
  // kCapacityExceeded for too many paths or a full table (nothing changes).
  Result<Observation*> add(const ObserveRequest& request, const ObservedState& state);

  Observation* find(ConnectionId server, const coap::Token& token);
  // The observation of exactly these targets by `server` (same kind).
  Observation* find_by_paths(ConnectionId server, std::span<const Path> paths, bool composite);

  // kNotFound when nothing matched.
  Status cancel_by_token(ConnectionId server, const coap::Token& token);
  Status cancel_by_paths(ConnectionId server, std::span<const Path> paths, bool composite);
  // Every observation of a server (new Register, De-register, lost account).
  size_t cancel_server(ConnectionId server);

  // Fills `out` with the server's observations in slot order; returns how
  // many the server has (may exceed out.size()).
  size_t list(ConnectionId server, std::span<Observation*> out);

  size_t size() const;
  size_t capacity() const { return slots_.size(); }

  // Slot-wise iteration for the engine's scheduler.
  Observation* at(size_t slot) { return used_[slot] ? &slots_[slot] : nullptr; }

 private:
  std::span<Observation> slots_;
  std::span<bool> used_;
};

template <size_t kCapacity>
class FixedObservationTable : public ObservationTable {
 public:
  FixedObservationTable() : ObservationTable(slots_, used_) {}

 private:
  Observation slots_[kCapacity];
  bool used_[kCapacity] = {};
};

}  // namespace lwm2m
