// When an observation sends a notification (Core TS 1.2 §6.4 Information
// Reporting, the <NOTIFICATION> attributes of §5.1.2 Table 5.1.2-2, RFC 7641).
//
// Pure decision logic: no clock, no transport. The engine reads the observed
// value, calls evaluate() with the time from its Clock port, sends (or queues)
// when told to, records the outcome with commit(), and sleeps until
// next_deadline().
//
// Rules, as this file applies them:
// - pmin: no notification earlier than pmin after the previous one; a
//   criterion met during pmin is remembered and sent, with the latest value,
//   as soon as pmin expires.
// - pmax: a notification is due pmax after the previous one even when nothing
//   changed. pmax 0, or pmax below pmin, means no maximum period.
// - gt / lt (numeric resources): the value is on the other side of the
//   threshold than the last notified value (crossing up or down).
// - st (numeric): |value - last notified value| >= st.
// - gt, lt and st combine with OR; with none of them any change notifies.
// - edge (boolean resources, 1.2): 1 notifies only false->true, 0 only
//   true->false, between two consecutive evaluations.
// - epmin / epmax (1.1+): criteria are not evaluated more often than every
//   epmin, and at least every epmax.
// - con (1.2): 1 confirmable, 0 non-confirmable. Without it notifications are
//   non-confirmable except one at least every 24 h (RFC 7641 §4.5).
// - Anything that is not a number or a boolean (strings, opaque, a whole
//   instance or a composite payload) notifies on any change.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string_view>

#include "lwm2m/core/path.h"
#include "lwm2m/core/status.h"
#include "lwm2m/core/value.h"
#include "lwm2m/link/attributes.h"
#include "lwm2m/link/object_links.h"
#include "lwm2m/model/registry.h"

namespace lwm2m {

inline constexpr uint64_t kNever = std::numeric_limits<uint64_t>::max();
// RFC 7641 §4.5: a confirmable notification at least every 24 hours.
inline constexpr uint64_t kConfirmableRefreshMs = 24ull * 3600 * 1000;

// The Server object's Default Minimum / Maximum Period (/1/x/2, /1/x/3).
struct ServerDefaults {
  std::optional<uint32_t> pmin;
  std::optional<uint32_t> pmax;
};

// Reads /1/<server_instance>/2 and /3; absent or negative values stay unset.
ServerDefaults server_defaults(const Registry& registry, uint16_t server_instance);

// The attributes that govern one observation, after merging every level.
using EffectiveAttributes = Attributes;

// Merges, for an observation of `target`: the attributes attached (by
// Write-Attributes) at the object, instance, resource and resource-instance
// levels down to the target, the lower level winning per attribute; then the
// attributes of the Observe request itself (1.2), which win over all attached
// ones; then the server defaults for a pmin or pmax still unset.
// `attached` and `observe_query` may be nullptr.
EffectiveAttributes effective_attributes(const Path& target, const AttributeLookup* attached,
                                         const Attributes* observe_query, const ServerDefaults& defaults);

// The notification attributes carried as Uri-Query options of an Observe or
// Observe-Composite request (1.2), validated for a target at `level` (for
// Observe-Composite pass kResource). Errors are kBadRequest, as for
// Write-Attributes.
Result<Attributes> observe_query_attributes(std::span<const std::string_view> query, Path::Level level);

// What the rules remember of a value: a fingerprint to detect any change, and
// the number or boolean for thresholds and edges.
struct ValueSnapshot {
  enum class Kind : uint8_t { kNone, kNumber, kBoolean, kOther };
  Kind kind = Kind::kNone;
  double number = 0;  // kNumber
  bool boolean = false;  // kBoolean
  uint64_t fingerprint = 0;  // FNV-1a over type and content

  static ValueSnapshot of(const Value& value);
  // For observations whose state is a whole encoded payload (an instance, an
  // object, a composite list): only the fingerprint matters.
  static ValueSnapshot of_payload(std::span<const uint8_t> payload);
  friend bool operator==(const ValueSnapshot&, const ValueSnapshot&) = default;
};

// What an observation remembers between evaluations.
struct ObservedState {
  ValueSnapshot last_sent;        // value of the last notification (or Observe response)
  uint64_t last_sent_ms = 0;
  ValueSnapshot last_evaluated;   // value at the last evaluation (for edges)
  uint64_t last_evaluated_ms = 0;
  uint64_t last_confirmable_ms = 0;
  bool pending = false;    // a criterion was met while pmin held it back
  bool deferred = false;   // an evaluation was asked for during epmin
};

// The Observe response counts as the first notification (RFC 7641 §3.2).
ObservedState start_observation(const ValueSnapshot& initial, uint64_t now_ms);

enum class NotifyReason : uint8_t {
  kNone,
  kChange,     // any change (no gt/lt/st, or not a number)
  kThreshold,  // gt or lt crossed
  kStep,       // st reached
  kEdge,       // the edge named by "edge"
  kPending,    // held by pmin, sent at its expiry
  kMaxPeriod,  // pmax elapsed
};

struct NotificationDecision {
  bool evaluated = false;  // criteria were checked now (epmin allowed it)
  bool triggered = false;  // a criterion was met now
  bool send = false;
  bool confirmable = false;
  NotifyReason reason = NotifyReason::kNone;
  uint64_t next_wake_ms = kNever;  // next_deadline() once this decision is committed
};

// Decides for `current` at `now_ms`. Pure: `last` is not changed.
NotificationDecision evaluate(const EffectiveAttributes& attrs, const ObservedState& last,
                              const ValueSnapshot& current, uint64_t now_ms);
inline NotificationDecision evaluate(const EffectiveAttributes& attrs, const ObservedState& last,
                                     const Value& current, uint64_t now_ms) {
  return evaluate(attrs, last, ValueSnapshot::of(current), now_ms);
}

// Records a decision (the notification was sent or queued when decision.send).
void commit(const NotificationDecision& decision, const ValueSnapshot& current, uint64_t now_ms,
            ObservedState& state);

// The earliest time evaluate() must run again with no value change: pmax
// expiry, pmin expiry with a pending notification, epmin expiry with a
// deferred evaluation, epmax expiry. kNever when nothing is due.
uint64_t next_deadline(const EffectiveAttributes& attrs, const ObservedState& state);

}  // namespace lwm2m
