#include "lwm2m/engine/observation_table.h"

#include <algorithm>

namespace lwm2m {
namespace {

bool contains(std::span<const Path> set, const Path& p) { return std::find(set.begin(), set.end(), p) != set.end(); }

// The same targets in any order (Observe-Composite lists are sets).
bool same_targets(std::span<const Path> a, std::span<const Path> b) {
  if (a.size() != b.size()) return false;
  for (const Path& p : a)
    if (!contains(b, p)) return false;
  for (const Path& p : b)
    if (!contains(a, p)) return false;
  return true;
}

}  // namespace

bool Observation::covers(const Path& changed) const {
  for (const Path& p : targets())
    if (changed.is_within(p) || p.is_within(changed)) return true;
  return false;
}

uint32_t Observation::take_sequence() {
  uint32_t current = sequence;
  sequence = (sequence + 1) & kObserveSequenceMask;
  return current;
}

ObservationTable::ObservationTable(std::span<Observation> slots, std::span<bool> used)
    : slots_(slots), used_(used.first(std::min(slots.size(), used.size()))) {
  slots_ = slots_.first(used_.size());
}

Result<Observation*> ObservationTable::add(const ObserveRequest& request, const ObservedState& state) {
  if (request.paths.empty()) return Error::kBadRequest;
  if (!request.composite && request.paths.size() != 1) return Error::kBadRequest;
  if (request.paths.size() > kMaxObservedPaths) return Error::kCapacityExceeded;

  Observation* slot = find(request.server, request.token);
  Observation* same_paths = find_by_paths(request.server, request.paths, request.composite);
  if (slot == nullptr) {
    slot = same_paths;
  } else if (same_paths != nullptr && same_paths != slot) {
    // The token names one entry and the targets another: keep one.
    used_[static_cast<size_t>(same_paths - slots_.data())] = false;
  }
  uint32_t sequence = slot != nullptr ? slot->sequence : kFirstObserveSequence;
  if (slot == nullptr) {
    for (size_t i = 0; i < slots_.size() && slot == nullptr; ++i) {
      if (!used_[i]) {
        used_[i] = true;
        slot = &slots_[i];
      }
    }
  }
  if (slot == nullptr) return Error::kCapacityExceeded;

  Observation& o = *slot;
  o = Observation{};
  o.server = request.server;
  o.token = request.token;
  std::copy(request.paths.begin(), request.paths.end(), o.paths);
  o.path_count = static_cast<uint8_t>(request.paths.size());
  o.composite = request.composite;
  o.content_format = request.content_format;
  o.query_attributes = request.query_attributes;
  o.state = state;
  o.sequence = sequence;
  return slot;
}

Observation* ObservationTable::find(ConnectionId server, const coap::Token& token) {
  for (size_t i = 0; i < slots_.size(); ++i)
    if (used_[i] && slots_[i].server == server && slots_[i].token == token) return &slots_[i];
  return nullptr;
}

Observation* ObservationTable::find_by_paths(ConnectionId server, std::span<const Path> paths, bool composite) {
  for (size_t i = 0; i < slots_.size(); ++i) {
    Observation& o = slots_[i];
    if (used_[i] && o.server == server && o.composite == composite && same_targets(o.targets(), paths)) return &o;
  }
  return nullptr;
}

Status ObservationTable::cancel_by_token(ConnectionId server, const coap::Token& token) {
  Observation* o = find(server, token);
  if (o == nullptr) return Error::kNotFound;
  used_[static_cast<size_t>(o - slots_.data())] = false;
  return kOk;
}

Status ObservationTable::cancel_by_paths(ConnectionId server, std::span<const Path> paths, bool composite) {
  Observation* o = find_by_paths(server, paths, composite);
  if (o == nullptr) return Error::kNotFound;
  used_[static_cast<size_t>(o - slots_.data())] = false;
  return kOk;
}

size_t ObservationTable::cancel_server(ConnectionId server) {
  size_t removed = 0;
  for (size_t i = 0; i < slots_.size(); ++i) {
    if (used_[i] && slots_[i].server == server) {
      used_[i] = false;
      ++removed;
    }
  }
  return removed;
}

size_t ObservationTable::list(ConnectionId server, std::span<Observation*> out) {
  size_t n = 0;
  for (size_t i = 0; i < slots_.size(); ++i) {
    if (!used_[i] || slots_[i].server != server) continue;
    if (n < out.size()) out[n] = &slots_[i];
    ++n;
  }
  return n;
}

size_t ObservationTable::size() const { return static_cast<size_t>(std::count(used_.begin(), used_.end(), true)); }

}  // namespace lwm2m
