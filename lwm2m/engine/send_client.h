// The Send operation (Core TS 1.2 §6.4.4 "Send"): the client, on its own
// initiative, POSTs the current values of some paths to /dp on an LwM2M
// Server, in SenML CBOR, SenML JSON or LwM2M CBOR. The server answers 2.04
// Changed. A server whose Server object says Mute Send (/1/x/23) true gets
// nothing: the Send is refused locally.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/core/content_format.h"
#include "lwm2m/core/path.h"
#include "lwm2m/core/status.h"
#include "lwm2m/engine/coap_message.h"
#include "lwm2m/engine/endpoint.h"
#include "lwm2m/formats/codecs.h"
#include "lwm2m/model/registry.h"

namespace lwm2m {

// How one Send ended: kOk with the server's 2.04; else the transport's error
// (kTimeout, kUnreachable) or, for an error answer, the code it gave.
struct SendOutcome {
  Status status;
  uint8_t code = 0;  // the response code; 0 when no response came
};

class SendObserver {
 public:
  virtual void send_finished(const SendOutcome& outcome) = 0;

 protected:
  ~SendObserver() = default;
};

class SendClient final : public ResponseHandler {
 public:
  // `payload_buffer` holds the payload of the Send in flight.
  SendClient(const Registry& registry, Endpoint& endpoint, std::span<uint8_t> payload_buffer)
      : registry_(registry), endpoint_(endpoint), payload_buffer_(payload_buffer) {}
  SendClient(const SendClient&) = delete;
  SendClient& operator=(const SendClient&) = delete;

  // Sends the values at `paths` to the server with `short_server_id`, reached
  // through `connection`. One Send at a time. Errors, with nothing sent:
  //   kMethodNotAllowed  Mute Send is true for that server, or a path is in
  //                      the Security or OSCORE object;
  //   kUnsupportedFormat `format` is not SenML CBOR/JSON or LwM2M CBOR;
  //   kBadRequest        no path, or the root;
  //   kCapacityExceeded  a Send is already in flight;
  //   kNotFound          a path names nothing; kBufferTooSmall: too much data;
  //   or what the endpoint refused the request with.
  // `observer` (may be nullptr) hears how the Send ended.
  Status send(ConnectionId connection, uint16_t short_server_id, std::span<const Path> paths, ContentFormat format,
              SendObserver* observer = nullptr);

  // True when Mute Send (/1/x/23) is true in the Server instance of
  // `short_server_id` (absent resource: false, the definition's default).
  bool muted(uint16_t short_server_id) const;

  bool busy() const { return busy_; }
  std::span<const uint8_t> last_payload() const { return payload_buffer_.first(payload_size_); }

  void on_response(const coap::Response& response) override;
  void on_failure(Error error) override;

 private:
  Result<size_t> encode(std::span<const Path> paths, ContentFormat format);
  void finish(const SendOutcome& outcome);

  const Registry& registry_;
  Endpoint& endpoint_;
  std::span<uint8_t> payload_buffer_;
  size_t payload_size_ = 0;
  AnyEncoder encoder_;
  SendObserver* observer_ = nullptr;
  bool busy_ = false;
};

}  // namespace lwm2m
