#include "lwm2m/engine/notification_rules.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace lwm2m {
namespace {

constexpr uint16_t kServerObjectId = 1;
constexpr uint16_t kDefaultMinPeriod = 2;
constexpr uint16_t kDefaultMaxPeriod = 3;

// Saturating: a deadline beyond the clock's range is "never".
uint64_t after(uint64_t start_ms, uint64_t duration_ms) {
  return duration_ms > kNever - start_ms ? kNever : start_ms + duration_ms;
}

uint64_t seconds_to_ms(uint32_t seconds) { return uint64_t{seconds} * 1000; }

uint64_t pmin_ms(const EffectiveAttributes& a) { return a.pmin ? seconds_to_ms(*a.pmin) : 0; }

// pmax 0 or below pmin (possible after merging levels) means no maximum.
std::optional<uint64_t> pmax_ms(const EffectiveAttributes& a) {
  if (!a.pmax || *a.pmax == 0) return std::nullopt;
  if (a.pmin && *a.pmax < *a.pmin) return std::nullopt;
  return seconds_to_ms(*a.pmax);
}

uint64_t epmin_ms(const EffectiveAttributes& a) { return a.epmin ? seconds_to_ms(*a.epmin) : 0; }

std::optional<uint64_t> epmax_ms(const EffectiveAttributes& a) {
  if (!a.epmax || *a.epmax == 0) return std::nullopt;
  if (a.epmin && *a.epmax < *a.epmin) return std::nullopt;
  return seconds_to_ms(*a.epmax);
}

void overlay(Attributes& into, const Attributes& from) {
  if (from.pmin) into.pmin = from.pmin;
  if (from.pmax) into.pmax = from.pmax;
  if (from.gt) into.gt = from.gt;
  if (from.lt) into.lt = from.lt;
  if (from.st) into.st = from.st;
  if (from.epmin) into.epmin = from.epmin;
  if (from.epmax) into.epmax = from.epmax;
  if (from.edge) into.edge = from.edge;
  if (from.con) into.con = from.con;
  if (from.hqmax) into.hqmax = from.hqmax;
}

std::optional<uint32_t> period_resource(const Object& server, uint16_t instance, uint16_t resource) {
  Value v;
  if (!server.read(Path(kServerObjectId, instance, resource), v).ok()) return std::nullopt;
  if (v.type == DataType::kInteger && v.integer >= 0)
    return static_cast<uint32_t>(std::min<int64_t>(v.integer, UINT32_MAX));
  if (v.type == DataType::kUnsignedInteger)
    return static_cast<uint32_t>(std::min<uint64_t>(v.unsigned_integer, UINT32_MAX));
  return std::nullopt;
}

// FNV-1a, 64 bit: a change detector, not a security measure.
class Fingerprint {
 public:
  void add(const void* data, size_t size) {
    const auto* p = static_cast<const uint8_t*>(data);
    for (size_t i = 0; i < size; ++i) {
      hash_ ^= p[i];
      hash_ *= 0x100000001b3ull;
    }
  }
  void add_u64(uint64_t v) {
    uint8_t b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<uint8_t>(v >> (8 * i));
    add(b, sizeof b);
  }
  uint64_t value() const { return hash_; }

 private:
  uint64_t hash_ = 0xcbf29ce484222325ull;
};

// Which criterion (if any) `current` meets against what was notified last.
NotifyReason criterion(const EffectiveAttributes& a, const ObservedState& last, const ValueSnapshot& current) {
  using Kind = ValueSnapshot::Kind;
  bool changed = current.fingerprint != last.last_sent.fingerprint;
  if (current.kind == Kind::kNumber && last.last_sent.kind == Kind::kNumber && (a.gt || a.lt || a.st)) {
    double before = last.last_sent.number;
    double now = current.number;
    if (a.gt && ((before > *a.gt) != (now > *a.gt))) return NotifyReason::kThreshold;
    if (a.lt && ((before < *a.lt) != (now < *a.lt))) return NotifyReason::kThreshold;
    if (a.st) {
      // st 0 would fire on every evaluation; read it as "any change".
      bool stepped = *a.st > 0 ? std::fabs(now - before) >= *a.st : changed;
      if (stepped) return NotifyReason::kStep;
    }
    return NotifyReason::kNone;
  }
  if (current.kind == Kind::kBoolean && a.edge) {
    // An edge is between two consecutive evaluations: the server may not have
    // been told of the opposite level in between.
    bool before = last.last_evaluated.kind == Kind::kBoolean ? last.last_evaluated.boolean : !*a.edge;
    return (before != *a.edge && current.boolean == *a.edge) ? NotifyReason::kEdge : NotifyReason::kNone;
  }
  return changed ? NotifyReason::kChange : NotifyReason::kNone;
}

}  // namespace

ServerDefaults server_defaults(const Registry& registry, uint16_t server_instance) {
  ServerDefaults d;
  const Object* server = registry.find(kServerObjectId);
  if (server == nullptr) return d;
  d.pmin = period_resource(*server, server_instance, kDefaultMinPeriod);
  d.pmax = period_resource(*server, server_instance, kDefaultMaxPeriod);
  return d;
}

EffectiveAttributes effective_attributes(const Path& target, const AttributeLookup* attached,
                                         const Attributes* observe_query, const ServerDefaults& defaults) {
  EffectiveAttributes merged;
  if (attached != nullptr) {
    for (uint8_t level = 1; level <= target.depth(); ++level) {
      const Attributes* at_level = attached->find(target.prefix(level));
      if (at_level != nullptr) overlay(merged, *at_level);
    }
  }
  if (observe_query != nullptr) overlay(merged, *observe_query);
  if (!merged.pmin) merged.pmin = defaults.pmin;
  if (!merged.pmax) merged.pmax = defaults.pmax;
  return merged;
}

Result<Attributes> observe_query_attributes(std::span<const std::string_view> query, Path::Level level) {
  AttributeChanges changes;
  for (std::string_view option : query) {
    // Removing an attribute means nothing in an Observe: each needs a value.
    if (option.find('=') == std::string_view::npos) return Error::kBadRequest;
    LWM2M_TRY(changes.add_query(option));
  }
  return changes.apply(Attributes{}, level);
}

ValueSnapshot ValueSnapshot::of(const Value& value) {
  ValueSnapshot s;
  Fingerprint f;
  uint8_t type = static_cast<uint8_t>(value.type);
  f.add(&type, 1);
  switch (value.type) {
    case DataType::kInteger:
      s.kind = Kind::kNumber;
      s.number = static_cast<double>(value.integer);
      f.add_u64(static_cast<uint64_t>(value.integer));
      break;
    case DataType::kUnsignedInteger:
      s.kind = Kind::kNumber;
      s.number = static_cast<double>(value.unsigned_integer);
      f.add_u64(value.unsigned_integer);
      break;
    case DataType::kFloat: {
      s.kind = Kind::kNumber;
      s.number = value.floating == 0 ? 0.0 : value.floating;  // -0 equals 0
      uint64_t bits;
      std::memcpy(&bits, &s.number, sizeof bits);
      f.add_u64(bits);
      break;
    }
    case DataType::kBoolean:
      s.kind = Kind::kBoolean;
      s.boolean = value.boolean;
      f.add_u64(value.boolean ? 1 : 0);
      break;
    case DataType::kTime:
      s.kind = Kind::kOther;
      f.add_u64(static_cast<uint64_t>(value.integer));
      break;
    case DataType::kObjlnk:
      s.kind = Kind::kOther;
      f.add_u64(uint64_t{value.link.object_id} << 16 | value.link.instance_id);
      break;
    case DataType::kNone:
      s.kind = Kind::kNone;
      break;
    default:  // string, opaque, corelnk
      s.kind = Kind::kOther;
      f.add_u64(value.bytes.size());
      f.add(value.bytes.data(), value.bytes.size());
      break;
  }
  s.fingerprint = f.value();
  return s;
}

ValueSnapshot ValueSnapshot::of_payload(std::span<const uint8_t> payload) {
  ValueSnapshot s;
  s.kind = Kind::kOther;
  Fingerprint f;
  f.add_u64(payload.size());
  f.add(payload.data(), payload.size());
  s.fingerprint = f.value();
  return s;
}

ObservedState start_observation(const ValueSnapshot& initial, uint64_t now_ms) {
  ObservedState s;
  s.last_sent = initial;
  s.last_sent_ms = now_ms;
  s.last_evaluated = initial;
  s.last_evaluated_ms = now_ms;
  s.last_confirmable_ms = now_ms;  // the server just asked: it is interested
  return s;
}

NotificationDecision evaluate(const EffectiveAttributes& attrs, const ObservedState& last,
                              const ValueSnapshot& current, uint64_t now_ms) {
  NotificationDecision d;
  const bool pmin_over = now_ms >= after(last.last_sent_ms, pmin_ms(attrs));
  const std::optional<uint64_t> pmax = pmax_ms(attrs);
  const bool pmax_due = pmax && now_ms >= after(last.last_sent_ms, *pmax);

  d.evaluated = now_ms >= after(last.last_evaluated_ms, epmin_ms(attrs));
  if (d.evaluated) {
    d.reason = criterion(attrs, last, current);
    d.triggered = d.reason != NotifyReason::kNone;
  }
  if (d.triggered && pmin_over) {
    d.send = true;
  } else if (last.pending && pmin_over) {
    d.send = true;
    d.reason = NotifyReason::kPending;
  } else if (pmax_due) {
    d.send = true;
    d.reason = NotifyReason::kMaxPeriod;
  }
  if (d.send)
    d.confirmable = attrs.con ? *attrs.con : now_ms >= after(last.last_confirmable_ms, kConfirmableRefreshMs);

  ObservedState next = last;
  commit(d, current, now_ms, next);
  d.next_wake_ms = next_deadline(attrs, next);
  return d;
}

void commit(const NotificationDecision& decision, const ValueSnapshot& current, uint64_t now_ms,
            ObservedState& state) {
  if (decision.evaluated) {
    state.last_evaluated = current;
    state.last_evaluated_ms = now_ms;
    state.deferred = false;
  } else {
    state.deferred = true;
  }
  if (decision.send) {
    state.last_sent = current;
    state.last_sent_ms = now_ms;
    state.pending = false;
    if (decision.confirmable) state.last_confirmable_ms = now_ms;
  } else if (decision.triggered) {
    state.pending = true;
  }
}

uint64_t next_deadline(const EffectiveAttributes& attrs, const ObservedState& state) {
  uint64_t t = kNever;
  if (std::optional<uint64_t> pmax = pmax_ms(attrs)) t = std::min(t, after(state.last_sent_ms, *pmax));
  if (state.pending) t = std::min(t, after(state.last_sent_ms, pmin_ms(attrs)));
  if (state.deferred) t = std::min(t, after(state.last_evaluated_ms, epmin_ms(attrs)));
  if (std::optional<uint64_t> epmax = epmax_ms(attrs)) t = std::min(t, after(state.last_evaluated_ms, *epmax));
  return t;
}

}  // namespace lwm2m
