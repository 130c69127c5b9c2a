#include "lwm2m/engine/notification_queue.h"

#include <cstring>

namespace lwm2m {

NotificationQueue::NotificationQueue(std::span<NotificationQueueSlot> slots, std::span<uint8_t> pool)
    : slots_(slots), pool_(pool) {}

Status NotificationQueue::push(const QueuedNotification& n, std::optional<uint32_t> hqmax) {
  const size_t size = n.payload.size();
  if (slots_.empty() || size > pool_.size()) return Error::kBufferTooSmall;

  if (hqmax) {
    size_t held = 0;
    for (size_t i = 0; i < count_; ++i)
      if (slots_[i].notification.server == n.server && slots_[i].notification.token == n.token) ++held;
    while (held >= *hqmax && held > 0) {
      remove(*oldest_of(n.server, n.token));
      ++dropped_;
      --held;
    }
    if (*hqmax == 0) {
      ++dropped_;
      return kOk;
    }
  }
  while (count_ == slots_.size() || pool_.size() - used_bytes_ < size) {
    std::optional<size_t> victim = oldest_of(n.server);
    remove(victim ? *victim : 0);
    ++dropped_;
  }

  NotificationQueueSlot& slot = slots_[count_];
  slot.notification = n;
  slot.notification.payload = {};
  slot.offset = used_bytes_;
  slot.size = size;
  if (size > 0) std::memcpy(pool_.data() + used_bytes_, n.payload.data(), size);
  used_bytes_ += size;
  ++count_;
  return kOk;
}

std::optional<QueuedNotification> NotificationQueue::front(ConnectionId server) const {
  std::optional<size_t> i = oldest_of(server);
  if (!i) return std::nullopt;
  QueuedNotification n = slots_[*i].notification;
  n.payload = std::span<const uint8_t>(pool_.data() + slots_[*i].offset, slots_[*i].size);
  return n;
}

Status NotificationQueue::pop(ConnectionId server) {
  std::optional<size_t> i = oldest_of(server);
  if (!i) return Error::kNotFound;
  remove(*i);
  return kOk;
}

size_t NotificationQueue::clear(ConnectionId server) {
  size_t removed = 0;
  while (std::optional<size_t> i = oldest_of(server)) {
    remove(*i);
    ++removed;
  }
  return removed;
}

size_t NotificationQueue::size(ConnectionId server) const {
  size_t n = 0;
  for (size_t i = 0; i < count_; ++i)
    if (slots_[i].notification.server == server) ++n;
  return n;
}

// Closes the gap: later payloads move down so the pool stays packed, later
// slots move up so the order stays oldest first.
void NotificationQueue::remove(size_t index) {
  const size_t offset = slots_[index].offset;
  const size_t size = slots_[index].size;
  const size_t tail = used_bytes_ - (offset + size);
  if (tail > 0) std::memmove(pool_.data() + offset, pool_.data() + offset + size, tail);
  used_bytes_ -= size;
  for (size_t i = index + 1; i < count_; ++i) {
    slots_[i - 1] = slots_[i];
    slots_[i - 1].offset -= size;
  }
  --count_;
}

std::optional<size_t> NotificationQueue::oldest_of(ConnectionId server) const {
  for (size_t i = 0; i < count_; ++i)
    if (slots_[i].notification.server == server) return i;
  return std::nullopt;
}

std::optional<size_t> NotificationQueue::oldest_of(ConnectionId server, const coap::Token& token) const {
  for (size_t i = 0; i < count_; ++i)
    if (slots_[i].notification.server == server && slots_[i].notification.token == token) return i;
  return std::nullopt;
}

}  // namespace lwm2m
