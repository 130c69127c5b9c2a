// Queue Mode (Core TS 1.2 §6.2.1 "Q" at Register, Transport TS 1.2 §6.4): a
// server in queue mode does not expect the client to listen all the time.
// After the last message exchanged with that server the client stays
// reachable for the queue-mode timeout, then may stop listening; the server
// holds its requests, and the client holds its notifications (see
// NotificationQueue) until it is back, which it says with an Update.
//
// The timeout is CoAP's MAX_TRANSMIT_WAIT (LwM2M 1.1 and later; 1.0 said
// ACK_TIMEOUT), 93 s with the default transmission parameters (RFC 7252
// §4.8.2). This class only keeps the clock arithmetic: which server is awake.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/core/status.h"
#include "lwm2m/engine/endpoint.h"

namespace lwm2m {

// RFC 7252 §4.8.2: MAX_TRANSMIT_WAIT = ACK_TIMEOUT * (2^(MAX_RETRANSMIT + 1) - 1)
// * ACK_RANDOM_FACTOR = 2 s * 31 * 1.5 = 93 s.
inline constexpr uint32_t kDefaultQueueModeTimeoutMs = 93'000;

struct QueueModeEntry {
  ConnectionId server = 0;
  uint32_t timeout_ms = kDefaultQueueModeTimeoutMs;
  uint64_t last_exchange_ms = 0;
  bool used = false;
};

class QueueMode {
 public:
  explicit QueueMode(std::span<QueueModeEntry> entries) : entries_(entries) {}
  QueueMode(const QueueMode&) = delete;
  QueueMode& operator=(const QueueMode&) = delete;

  // The server registered in queue mode at `now_ms` (the Register itself is
  // the last exchange). kCapacityExceeded when no entry is free.
  Status enable(ConnectionId server, uint64_t now_ms, uint32_t timeout_ms = kDefaultQueueModeTimeoutMs);
  // The server is no longer in queue mode (de-registered, or registered without "Q").
  void disable(ConnectionId server);
  // A message was sent to or received from the server: it stays awake for
  // another timeout. Servers not in queue mode are ignored.
  void exchanged(ConnectionId server, uint64_t now_ms);

  bool enabled(ConnectionId server) const { return find(server) != nullptr; }
  // True while the client listens for `server`: always for a server not in
  // queue mode, else until the timeout after the last exchange.
  bool awake(ConnectionId server, uint64_t now_ms) const;
  // When the client stops listening for `server`; kNever outside queue mode.
  uint64_t sleeps_at(ConnectionId server) const;

 private:
  const QueueModeEntry* find(ConnectionId server) const;
  QueueModeEntry* find(ConnectionId server);

  std::span<QueueModeEntry> entries_;
};

template <size_t kServers>
class FixedQueueMode : public QueueMode {
 public:
  FixedQueueMode() : QueueMode(entries_) {}

 private:
  QueueModeEntry entries_[kServers] = {};
};

}  // namespace lwm2m
