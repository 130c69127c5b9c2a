// Notifications held while a server cannot be reached: queue mode sleep, or
// offline with "Notification Storing When Disabled or Offline" (/1/x/6) true
// (Core TS 1.2 §6.4, §6.5 Queue Mode). They are sent later, oldest first, in
// the order they were made.
//
// One bounded store for all servers: fixed entry slots and a fixed byte pool
// the payloads are copied into. When either is full the oldest notification
// is dropped to make room (the same server's oldest first), and counted. The
// observation's hqmax (1.2 Maximum Historical Queue) caps how many of its own
// notifications are held.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "lwm2m/core/status.h"
#include "lwm2m/engine/coap_message.h"
#include "lwm2m/engine/endpoint.h"

namespace lwm2m {

struct QueuedNotification {
  ConnectionId server = 0;
  coap::Token token;
  uint32_t sequence = 0;
  uint16_t content_format = 0;
  bool confirmable = false;
  uint64_t created_ms = 0;
  std::span<const uint8_t> payload;  // on push: the caller's; on front: the pool's
};

// One slot's bookkeeping; the payload lives in the pool at `offset`.
struct NotificationQueueSlot {
  QueuedNotification notification;
  size_t offset = 0;
  size_t size = 0;
};

class NotificationQueue {
 public:
  NotificationQueue(std::span<NotificationQueueSlot> slots, std::span<uint8_t> pool);
  NotificationQueue(const NotificationQueue&) = delete;
  NotificationQueue& operator=(const NotificationQueue&) = delete;

  // Copies `n` (and its payload) to the back of the queue, dropping the
  // oldest entries as needed (see above). `hqmax` caps the entries held for
  // n's server and token, 0 holding none. kBufferTooSmall when the payload
  // is larger than the whole pool or there are no slots (nothing changes).
  Status push(const QueuedNotification& n, std::optional<uint32_t> hqmax = std::nullopt);

  // The oldest notification held for `server`; its payload stays valid
  // until the queue changes. nullopt when none.
  std::optional<QueuedNotification> front(ConnectionId server) const;
  // Removes front(server); kNotFound when none.
  Status pop(ConnectionId server);
  // Drops everything held for `server` (not counted as dropped); returns how many.
  size_t clear(ConnectionId server);

  size_t size() const { return count_; }
  size_t size(ConnectionId server) const;
  size_t bytes_used() const { return used_bytes_; }
  // Notifications lost to a full store or to hqmax since construction.
  uint32_t dropped() const { return dropped_; }

 private:
  void remove(size_t index);
  std::optional<size_t> oldest_of(ConnectionId server) const;
  std::optional<size_t> oldest_of(ConnectionId server, const coap::Token& token) const;

  std::span<NotificationQueueSlot> slots_;  // [0, count_) oldest first
  std::span<uint8_t> pool_;                 // payloads packed in slot order
  size_t count_ = 0;
  size_t used_bytes_ = 0;
  uint32_t dropped_ = 0;
};

template <size_t kSlots, size_t kPoolBytes>
class FixedNotificationQueue : public NotificationQueue {
 public:
  FixedNotificationQueue() : NotificationQueue(slots_, pool_) {}

 private:
  NotificationQueueSlot slots_[kSlots];
  uint8_t pool_[kPoolBytes];
};

}  // namespace lwm2m
