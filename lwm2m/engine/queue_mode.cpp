#include "lwm2m/engine/queue_mode.h"

#include "lwm2m/engine/notification_rules.h"

namespace lwm2m {

Status QueueMode::enable(ConnectionId server, uint64_t now_ms, uint32_t timeout_ms) {
  QueueModeEntry* entry = find(server);
  for (size_t i = 0; i < entries_.size() && entry == nullptr; ++i)
    if (!entries_[i].used) entry = &entries_[i];
  if (entry == nullptr) return Error::kCapacityExceeded;
  *entry = QueueModeEntry{server, timeout_ms, now_ms, true};
  return kOk;
}

void QueueMode::disable(ConnectionId server) {
  if (QueueModeEntry* entry = find(server)) *entry = QueueModeEntry{};
}

void QueueMode::exchanged(ConnectionId server, uint64_t now_ms) {
  QueueModeEntry* entry = find(server);
  // The clock is monotonic, but a caller passing an older time must not
  // shorten the awake window.
  if (entry != nullptr && now_ms > entry->last_exchange_ms) entry->last_exchange_ms = now_ms;
}

bool QueueMode::awake(ConnectionId server, uint64_t now_ms) const { return now_ms < sleeps_at(server); }

uint64_t QueueMode::sleeps_at(ConnectionId server) const {
  const QueueModeEntry* entry = find(server);
  if (entry == nullptr) return kNever;
  if (entry->timeout_ms > kNever - entry->last_exchange_ms) return kNever;
  return entry->last_exchange_ms + entry->timeout_ms;
}

const QueueModeEntry* QueueMode::find(ConnectionId server) const {
  for (const QueueModeEntry& entry : entries_)
    if (entry.used && entry.server == server) return &entry;
  return nullptr;
}

QueueModeEntry* QueueMode::find(ConnectionId server) {
  for (QueueModeEntry& entry : entries_)
    if (entry.used && entry.server == server) return &entry;
  return nullptr;
}

}  // namespace lwm2m
