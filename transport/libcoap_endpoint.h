// The engine's Endpoint port over libcoap 4.3 (GnuTLS flavour): one client
// session per LwM2M server over UDP, DTLS, TCP or TLS. libcoap does the CON
// retransmission, deduplication, (D)TLS and block-wise transfer both ways;
// this class maps its PDUs to and from the engine's coap::Request/Response.
//
// Host code: it allocates at open() and for block-wise payload copies.
#pragma once

#include <coap3/coap.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "lwm2m/engine/endpoint.h"
#include "transport/credential_source.h"
#include "transport/exchange_log.h"

namespace lwm2m::transport {

struct LibcoapEndpointOptions {
  // RFC 7252 §4.8 transmission parameters for UDP/DTLS; tests shorten them.
  // libcoap 4.3.1 ignores an ACK_TIMEOUT below one second.
  uint32_t ack_timeout_ms = 2000;
  uint16_t max_retransmit = 4;
  // Room the engine gets for answering one server request (whole body;
  // libcoap sends it block-wise when it exceeds a PDU).
  size_t response_buffer_size = 64 * 1024;
};

class LibcoapEndpoint final : public Endpoint {
 public:
  // `credentials` may be null when only coap:// and coap+tcp:// are used; it
  // must outlive the endpoint otherwise.
  explicit LibcoapEndpoint(CredentialSource* credentials = nullptr, LibcoapEndpointOptions options = {});
  ~LibcoapEndpoint();
  LibcoapEndpoint(const LibcoapEndpoint&) = delete;
  LibcoapEndpoint& operator=(const LibcoapEndpoint&) = delete;

  // Opening an id that is open replaces that connection. A secure scheme
  // needs a secure mode and the reverse: security is never dropped.
  Status open(ConnectionId id, const ConnectionSettings& settings) override;
  // Forgets outstanding requests of that connection without calling them
  // back. Safe from inside a handler callback.
  void close(ConnectionId id) override;
  // Failures reach handler.on_failure: kUnauthorized when the (D)TLS
  // handshake fails, kNotFound when the server is not reached (CON
  // retransmissions exhausted, RST, connection refused or lost).
  Status request(ConnectionId id, const coap::Request& request, ResponseHandler& handler) override;
  // Without notification.observe, an increasing sequence number is used.
  // RST to the notification, or no ACK to a confirmable one, reaches
  // RequestHandler::on_notification_reset. The payload must fit one PDU.
  Status notify(ConnectionId id, const coap::Token& token, const coap::Response& notification,
                bool confirmable) override;

  // Server requests are answered 5.03 until a handler is set.
  void set_request_handler(RequestHandler& handler) { request_handler_ = &handler; }
  void set_log(LogSink sink) { log_ = std::move(sink); }

  // Runs libcoap's I/O and timers for at most `timeout_ms` (0: only what is
  // ready now).
  void poll(uint32_t timeout_ms);
  // A descriptor that becomes readable when poll() has work, or -1.
  int file_descriptor() const;
  size_t pending_requests() const { return pending_.size(); }

 private:
  struct Connection;
  struct PendingRequest {
    Connection* connection;
    coap::Token token;
    ResponseHandler* handler;
    std::string description;  // for the log line
  };

  Connection* find(ConnectionId id);
  Result<coap_session_t*> start_secure_session(Connection& connection, const ConnectionSettings& settings,
                                               const coap_address_t& address, coap_proto_t protocol);
  void fail_pending(Connection& connection, Error error);
  void log(const std::string& line) const;

  static LibcoapEndpoint* endpoint_of(coap_session_t* session);
  static Connection* connection_of(coap_session_t* session);
  static coap_response_t on_response(coap_session_t* session, const coap_pdu_t* sent, const coap_pdu_t* received,
                                     coap_mid_t mid);
  static void on_nack(coap_session_t* session, const coap_pdu_t* sent, coap_nack_reason_t reason, coap_mid_t mid);
  static int on_event(coap_session_t* session, coap_event_t event);
  static void on_server_request(coap_resource_t* resource, coap_session_t* session, const coap_pdu_t* request,
                                const coap_string_t* query, coap_pdu_t* response);
  void answer(coap_resource_t* resource, coap_session_t* session, ConnectionId id, const coap_pdu_t* request,
              const coap_string_t* query, coap_pdu_t* response);
  void release_retired_sessions();

  CredentialSource* credentials_;
  LibcoapEndpointOptions options_;
  coap_context_t* context_ = nullptr;
  RequestHandler* request_handler_ = nullptr;
  LogSink log_;
  std::vector<std::unique_ptr<Connection>> connections_;
  std::vector<PendingRequest> pending_;
  std::vector<coap_session_t*> retired_sessions_;  // closed, released at the next poll()
  // Not value-initialised: only the pages an answer really uses become resident.
  std::unique_ptr<uint8_t[]> response_buffer_;
  uint32_t next_observe_ = 2;  // 0 and 1 mean register/deregister in requests
};

}  // namespace lwm2m::transport
