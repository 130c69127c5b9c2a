// The ports through which the engine reaches the world (DESIGN.md "Ports"):
// a CoAP endpoint per server, and a clock. The host implements them over
// libcoap (transport/), tests over a loopback, bare metal over a compact layer.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "lwm2m/core/status.h"
#include "lwm2m/engine/coap_message.h"

namespace lwm2m {

// The engine's id for a server connection: the Security object instance id
// that describes it (Core TS: one Security instance per server account).
using ConnectionId = uint16_t;

// How the transport must secure a connection (Security object /0/x/2).
enum class SecurityMode : uint8_t { kPsk = 0, kRawPublicKey = 1, kCertificate = 2, kNoSec = 3, kCertificateEst = 4 };

// What the transport needs to open a connection; key material is referred to
// by the Security instance it lives in, never copied here.
struct ConnectionSettings {
  std::string_view uri;  // coap://, coaps://, coap+tcp://, coaps+tcp://
  SecurityMode mode = SecurityMode::kNoSec;
  uint16_t security_instance = 0;
};

// Called by the transport when an outgoing request is answered or fails
// (timeout after the CON retransmissions, RST, handshake failure).
class ResponseHandler {
 public:
  virtual void on_response(const coap::Response& response) = 0;
  virtual void on_failure(Error error) = 0;

 protected:
  ~ResponseHandler() = default;
};

// Called by the transport for every request a server sends to the client.
// The engine answers into `payload_buffer`; `response.payload` must lie in it.
class RequestHandler {
 public:
  virtual void on_request(ConnectionId from, const coap::Request& request, std::span<uint8_t> payload_buffer,
                          coap::Response& response) = 0;
  // A notification was answered with RST (RFC 7641 §3.6): cancel it.
  virtual void on_notification_reset(ConnectionId from, const coap::Token& token) = 0;

 protected:
  ~RequestHandler() = default;
};

class Endpoint {
 public:
  virtual Status open(ConnectionId id, const ConnectionSettings& settings) = 0;
  virtual void close(ConnectionId id) = 0;
  // Sends a request (Register, Update, De-register, Bootstrap-Request, Send).
  // The request (options and payload) is copied before this returns, so the
  // caller may reuse its buffers; the handler must outlive the exchange.
  virtual Status request(ConnectionId id, const coap::Request& request, ResponseHandler& handler) = 0;
  // Sends a notification for the observation with `token`; copied before
  // this returns, like a request.
  virtual Status notify(ConnectionId id, const coap::Token& token, const coap::Response& notification,
                        bool confirmable) = 0;

 protected:
  ~Endpoint() = default;
};

class Clock {
 public:
  // Monotonic milliseconds since an arbitrary start.
  virtual uint64_t now_ms() const = 0;

 protected:
  ~Clock() = default;
};

}  // namespace lwm2m
