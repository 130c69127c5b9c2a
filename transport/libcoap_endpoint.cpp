#include "transport/libcoap_endpoint.h"

#include <algorithm>

#include "transport/pdu_reading.h"
#include "transport/pdu_writing.h"
#include "transport/server_address.h"

namespace lwm2m::transport {

// One open server connection and the key material its session refers to
// (libcoap keeps pointers into it for later handshakes).
struct LibcoapEndpoint::Connection {
  ConnectionId id = 0;
  coap_session_t* session = nullptr;
  Error failure = Error::kOk;  // set once the session is dead; cleared by open()
  std::vector<uint8_t> identity, key, certificate, private_key, trust_anchor;
  std::string certificate_file, private_key_file, trust_anchor_file;
};

namespace {

coap_fixed_point_t fixed_point_seconds(uint32_t ms) {
  return {static_cast<uint16_t>(ms / 1000), static_cast<uint16_t>(ms % 1000)};
}

coap_bin_const_t bin(const std::vector<uint8_t>& bytes) { return {bytes.size(), bytes.data()}; }

std::vector<uint8_t> owned(std::span<const uint8_t> bytes) { return {bytes.begin(), bytes.end()}; }

// Failures the engine sees for libcoap's reasons.
Error error_for(coap_nack_reason_t reason) {
  switch (reason) {
    case COAP_NACK_TLS_FAILED: return Error::kUnauthorized;
    case COAP_NACK_TOO_MANY_RETRIES: return Error::kTimeout;
    default: return Error::kUnreachable;  // RST, lost session, ICMP
  }
}

}  // namespace

LibcoapEndpoint::LibcoapEndpoint(CredentialSource* credentials, LibcoapEndpointOptions options)
    : credentials_(credentials), options_(options), response_buffer_(new uint8_t[options.response_buffer_size]) {
  coap_startup();
  context_ = coap_new_context(nullptr);
  if (context_ == nullptr) return;
  coap_set_app_data(context_, this);
  coap_context_set_block_mode(context_, COAP_BLOCK_USE_LIBCOAP | COAP_BLOCK_SINGLE_BODY);
  coap_register_response_handler(context_, &LibcoapEndpoint::on_response);
  coap_register_nack_handler(context_, &LibcoapEndpoint::on_nack);
  coap_register_event_handler(context_, &LibcoapEndpoint::on_event);

  // Every server request lands in the catch-all resource: the engine, not
  // libcoap, knows the object tree.
  coap_resource_t* catch_all = coap_resource_unknown_init2(&LibcoapEndpoint::on_server_request, 0);
  for (coap_request_t method : {COAP_REQUEST_GET, COAP_REQUEST_POST, COAP_REQUEST_DELETE, COAP_REQUEST_FETCH,
                                COAP_REQUEST_PATCH, COAP_REQUEST_IPATCH}) {
    coap_register_request_handler(catch_all, method, &LibcoapEndpoint::on_server_request);
  }
  coap_add_resource(context_, catch_all);
}

LibcoapEndpoint::~LibcoapEndpoint() {
  while (!connections_.empty()) close(connections_.back()->id);
  release_retired_sessions();
  if (context_ != nullptr) coap_free_context(context_);
}

LibcoapEndpoint::Connection* LibcoapEndpoint::find(ConnectionId id) {
  for (auto& connection : connections_) {
    if (connection->id == id) return connection.get();
  }
  return nullptr;
}

Status LibcoapEndpoint::open(ConnectionId id, const ConnectionSettings& settings) {
  if (context_ == nullptr) return Error::kInternal;
  close(id);
  Result<ServerAddress> server = resolve_server_uri(settings.uri);
  if (!server.ok()) return server.status();
  // The scheme and the Security mode must agree: a secured account never
  // talks in the clear, and coaps:// without keys is refused.
  bool secure_mode = settings.mode != SecurityMode::kNoSec;
  if (server->secure() != secure_mode) return Error::kBadRequest;

  auto connection = std::make_unique<Connection>();
  connection->id = id;
  coap_session_t* session = nullptr;
  if (secure_mode) {
    Result<coap_session_t*> started = start_secure_session(*connection, settings, server->address, server->protocol);
    if (!started.ok()) return started.status();
    session = *started;
  } else {
    session = coap_new_client_session(context_, nullptr, &server->address, server->protocol);
  }
  if (session == nullptr) return Error::kUnreachable;
  coap_session_set_app_data(session, connection.get());
  if (server->protocol == COAP_PROTO_UDP || server->protocol == COAP_PROTO_DTLS) {
    coap_session_set_ack_timeout(session, fixed_point_seconds(options_.ack_timeout_ms));
    coap_session_set_max_retransmit(session, options_.max_retransmit);
  }
  connection->session = session;
  connections_.push_back(std::move(connection));
  return kOk;
}

Result<coap_session_t*> LibcoapEndpoint::start_secure_session(Connection& connection,
                                                              const ConnectionSettings& settings,
                                                              const coap_address_t& address, coap_proto_t protocol) {
  if (credentials_ == nullptr) return Error::kUnauthorized;
  if (settings.mode == SecurityMode::kPsk) {
    PskCredentials psk;
    LWM2M_TRY(credentials_->psk(settings.security_instance, psk));
    if (psk.key.empty()) return Error::kUnauthorized;
    connection.identity = owned(psk.identity);
    connection.key = owned(psk.key);
    coap_dtls_cpsk_t setup{};
    setup.version = COAP_DTLS_CPSK_SETUP_VERSION;
    setup.psk_info.identity = bin(connection.identity);
    setup.psk_info.key = bin(connection.key);
    return coap_new_client_session_psk2(context_, nullptr, &address, protocol, &setup);
  }
  if (settings.mode != SecurityMode::kCertificate && settings.mode != SecurityMode::kRawPublicKey) {
    return Error::kBadRequest;  // EST enrolment is not done by this transport
  }
  CertificateCredentials keys;
  LWM2M_TRY(credentials_->certificate(settings.security_instance, keys));
  coap_dtls_pki_t setup{};
  setup.version = COAP_DTLS_PKI_SETUP_VERSION;
  setup.is_rpk_not_cert = settings.mode == SecurityMode::kRawPublicKey ? 1 : 0;
  bool has_anchor = false;
  if (keys.encoding == CertificateCredentials::Encoding::kPemFiles) {
    if (setup.is_rpk_not_cert) return Error::kBadRequest;  // libcoap takes raw public keys from buffers only
    connection.certificate_file = keys.certificate_file;
    connection.private_key_file = keys.private_key_file;
    connection.trust_anchor_file = keys.trust_anchor_file;
    has_anchor = !connection.trust_anchor_file.empty();
    setup.pki_key.key_type = COAP_PKI_KEY_PEM;
    setup.pki_key.key.pem.public_cert = connection.certificate_file.c_str();
    setup.pki_key.key.pem.private_key = connection.private_key_file.c_str();
    setup.pki_key.key.pem.ca_file = has_anchor ? connection.trust_anchor_file.c_str() : nullptr;
  } else {
    connection.certificate = owned(keys.certificate);
    connection.private_key = owned(keys.private_key);
    connection.trust_anchor = owned(keys.trust_anchor);
    has_anchor = !connection.trust_anchor.empty();
    const uint8_t* anchor = has_anchor ? connection.trust_anchor.data() : nullptr;
    if (keys.encoding == CertificateCredentials::Encoding::kPemBuffers) {
      setup.pki_key.key_type = COAP_PKI_KEY_PEM_BUF;
      setup.pki_key.key.pem_buf = {anchor,
                                   connection.certificate.data(),
                                   connection.private_key.data(),
                                   connection.trust_anchor.size(),
                                   connection.certificate.size(),
                                   connection.private_key.size()};
    } else {
      setup.pki_key.key_type = COAP_PKI_KEY_ASN1;
      setup.pki_key.key.asn1 = {anchor,
                                connection.certificate.data(),
                                connection.private_key.data(),
                                connection.trust_anchor.size(),
                                connection.certificate.size(),
                                connection.private_key.size(),
                                COAP_ASN1_PKEY_EC};
    }
  }
  // With a trust anchor the server certificate must chain to it.
  setup.verify_peer_cert = has_anchor ? 1 : 0;
  setup.check_common_ca = has_anchor ? 1 : 0;
  setup.cert_chain_validation = 1;
  setup.cert_chain_verify_depth = 3;
  return coap_new_client_session_pki(context_, nullptr, &address, protocol, &setup);
}

void LibcoapEndpoint::close(ConnectionId id) {
  auto found = std::find_if(connections_.begin(), connections_.end(),
                            [id](const std::unique_ptr<Connection>& c) { return c->id == id; });
  if (found == connections_.end()) return;
  Connection* connection = found->get();
  std::erase_if(pending_, [connection](const PendingRequest& p) { return p.connection == connection; });
  // Detach now so no callback reaches the connection any more, but release
  // the session only outside libcoap's callbacks (close() may be called from
  // a handler while libcoap is still working on that session).
  coap_session_set_app_data(connection->session, nullptr);
  retired_sessions_.push_back(connection->session);
  connections_.erase(found);
}

void LibcoapEndpoint::release_retired_sessions() {
  for (coap_session_t* session : retired_sessions_) coap_session_release(session);
  retired_sessions_.clear();
}

Status LibcoapEndpoint::request(ConnectionId id, const coap::Request& request, ResponseHandler& handler) {
  Connection* connection = find(id);
  if (connection == nullptr) return Error::kNotFound;
  if (connection->failure != Error::kOk) return connection->failure;
  coap_session_t* session = connection->session;

  coap_pdu_t* pdu = coap_new_pdu(request.confirmable ? COAP_MESSAGE_CON : COAP_MESSAGE_NON,
                                 static_cast<coap_pdu_code_t>(request.method), session);
  if (pdu == nullptr) return Error::kCapacityExceeded;
  coap::Token token;
  size_t token_length = 0;
  coap_session_new_token(session, &token_length, token.bytes);
  token.size = static_cast<uint8_t>(std::min(token_length, sizeof(token.bytes)));
  Status built = coap_add_token(pdu, token.size, token.bytes) != 0 ? add_request_options(pdu, request)
                                                                    : Status(Error::kBufferTooSmall);
  if (built.ok() && !request.payload.empty()) {
    uint8_t* copy = copy_payload(request.payload);
    if (copy == nullptr) {
      built = Error::kCapacityExceeded;
    } else if (coap_add_data_large_request(session, pdu, request.payload.size(), copy, &release_payload_copy,
                                           copy) == 0) {
      built = Error::kBufferTooSmall;  // libcoap has released the copy
    }
  }
  if (!built.ok()) {
    coap_delete_pdu(pdu);
    return built;
  }

  std::string description = method_name(request.method) + " " + resource_text(request.path, request.query) + " (" +
                            std::to_string(request.payload.size()) + " B)";
  pending_.push_back({connection, token, &handler, std::move(description)});
  if (coap_send(session, pdu) == COAP_INVALID_MID) {
    // Unless a callback already reported the failure, report it here.
    auto left = std::erase_if(pending_, [&](const PendingRequest& p) {
      return p.connection == connection && p.token == token;
    });
    if (left > 0) return Error::kUnreachable;
  }
  return kOk;
}

Status LibcoapEndpoint::notify(ConnectionId id, const coap::Token& token, const coap::Response& notification,
                               bool confirmable) {
  Connection* connection = find(id);
  if (connection == nullptr) return Error::kNotFound;
  if (connection->failure != Error::kOk) return connection->failure;
  coap_session_t* session = connection->session;

  coap::Response numbered = notification;
  if (!numbered.observe) {
    numbered.observe = next_observe_;
    next_observe_ = (next_observe_ + 1) & 0xFFFFFFu;
  }
  // A notification is a response to the Observe registration's token,
  // sent on its own (libcoap's observe support is tied to its resources).
  coap_pdu_t* pdu = coap_pdu_init(confirmable ? COAP_MESSAGE_CON : COAP_MESSAGE_NON,
                                  static_cast<coap_pdu_code_t>(numbered.code), coap_new_message_id(session),
                                  coap_session_max_pdu_size(session));
  if (pdu == nullptr) return Error::kCapacityExceeded;
  Status built = coap_add_token(pdu, token.size, token.bytes) != 0 ? add_response_options(pdu, numbered, true)
                                                                    : Status(Error::kBufferTooSmall);
  if (built.ok() && !numbered.payload.empty() &&
      coap_add_data(pdu, numbered.payload.size(), numbered.payload.data()) == 0) {
    built = Error::kBufferTooSmall;
  }
  if (!built.ok()) {
    coap_delete_pdu(pdu);
    return built;
  }
  if (coap_send(session, pdu) == COAP_INVALID_MID) return Error::kUnreachable;
  log("notify " + code_text(numbered.code) + " observe=" + std::to_string(*numbered.observe) + " (" +
      std::to_string(numbered.payload.size()) + " B)" + (confirmable ? " CON" : " NON"));
  return kOk;
}

void LibcoapEndpoint::poll(uint32_t timeout_ms) {
  if (context_ == nullptr) return;
  release_retired_sessions();
  coap_io_process(context_, timeout_ms == 0 ? COAP_IO_NO_WAIT : timeout_ms);
  release_retired_sessions();
}

int LibcoapEndpoint::file_descriptor() const { return context_ == nullptr ? -1 : coap_context_get_coap_fd(context_); }

void LibcoapEndpoint::log(const std::string& line) const {
  if (log_) log_(line);
}

void LibcoapEndpoint::fail_pending(Connection& connection, Error error) {
  // Take them out first: a handler may send a new request from its callback.
  std::vector<PendingRequest> failed;
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (it->connection == &connection) {
      failed.push_back(std::move(*it));
      it = pending_.erase(it);
    } else {
      ++it;
    }
  }
  for (PendingRequest& p : failed) {
    log(p.description + " -> failed: " + error_name(error));
    p.handler->on_failure(error);
  }
}

LibcoapEndpoint* LibcoapEndpoint::endpoint_of(coap_session_t* session) {
  return static_cast<LibcoapEndpoint*>(coap_get_app_data(coap_session_get_context(session)));
}

LibcoapEndpoint::Connection* LibcoapEndpoint::connection_of(coap_session_t* session) {
  return static_cast<Connection*>(coap_session_get_app_data(session));
}

coap_response_t LibcoapEndpoint::on_response(coap_session_t* session, const coap_pdu_t* /*sent*/,
                                             const coap_pdu_t* received, coap_mid_t /*mid*/) {
  LibcoapEndpoint* self = endpoint_of(session);
  Connection* connection = connection_of(session);
  if (self == nullptr || connection == nullptr) return COAP_RESPONSE_FAIL;
  coap::Token token = token_of(received);
  auto found = std::find_if(self->pending_.begin(), self->pending_.end(), [&](const PendingRequest& p) {
    return p.connection == connection && p.token == token;
  });
  if (found == self->pending_.end()) return COAP_RESPONSE_FAIL;  // unknown token: RST (RFC 7252 §4.2)
  PendingRequest exchange = std::move(*found);
  self->pending_.erase(found);

  ReceivedResponse response;
  Status read = read_response(received, response);
  if (!read.ok()) {
    self->log(exchange.description + " -> unreadable response: " + error_name(read.error()));
    exchange.handler->on_failure(read.error());
    return COAP_RESPONSE_OK;
  }
  self->log(exchange.description + " -> " + code_text(response.response.code) + " (" +
            std::to_string(response.response.payload.size()) + " B)");
  exchange.handler->on_response(response.response);
  return COAP_RESPONSE_OK;
}

void LibcoapEndpoint::on_nack(coap_session_t* session, const coap_pdu_t* sent, coap_nack_reason_t reason,
                              coap_mid_t /*mid*/) {
  LibcoapEndpoint* self = endpoint_of(session);
  Connection* connection = connection_of(session);
  if (self == nullptr || connection == nullptr || sent == nullptr) return;
  coap::Token token = token_of(sent);
  if (coap_pdu_get_code(sent) >= COAP_RESPONSE_CODE(200)) {
    // A notification the client refused or never acknowledged: the
    // observation is over (RFC 7641 §3.6, §4.5).
    if ((reason == COAP_NACK_RST || reason == COAP_NACK_TOO_MANY_RETRIES) && self->request_handler_ != nullptr) {
      self->log("notification rejected (" + std::string(reason == COAP_NACK_RST ? "RST" : "no ACK") + ")");
      self->request_handler_->on_notification_reset(connection->id, token);
    }
    return;
  }
  if (reason == COAP_NACK_TLS_FAILED) {
    connection->failure = Error::kUnauthorized;
    self->fail_pending(*connection, Error::kUnauthorized);
    return;
  }
  auto found = std::find_if(self->pending_.begin(), self->pending_.end(), [&](const PendingRequest& p) {
    return p.connection == connection && p.token == token;
  });
  if (found == self->pending_.end()) return;
  PendingRequest exchange = std::move(*found);
  self->pending_.erase(found);
  Error error = error_for(reason);
  self->log(exchange.description + " -> failed: " + error_name(error));
  exchange.handler->on_failure(error);
}

int LibcoapEndpoint::on_event(coap_session_t* session, coap_event_t event) {
  LibcoapEndpoint* self = endpoint_of(session);
  Connection* connection = connection_of(session);
  if (self == nullptr || connection == nullptr) return 0;
  switch (event) {
    case COAP_EVENT_DTLS_ERROR:
      // Handshake or record failure: the session is dead and nothing goes
      // out in the clear instead.
      connection->failure = Error::kUnauthorized;
      self->fail_pending(*connection, Error::kUnauthorized);
      break;
    case COAP_EVENT_TCP_FAILED:
    case COAP_EVENT_SESSION_FAILED:
    case COAP_EVENT_TCP_CLOSED:
    case COAP_EVENT_SESSION_CLOSED:
      if (connection->failure == Error::kOk) connection->failure = Error::kUnreachable;
      self->fail_pending(*connection, connection->failure);
      break;
    default:
      break;
  }
  return 0;
}

void LibcoapEndpoint::on_server_request(coap_resource_t* resource, coap_session_t* session, const coap_pdu_t* request,
                                        const coap_string_t* query, coap_pdu_t* response) {
  LibcoapEndpoint* self = endpoint_of(session);
  Connection* connection = connection_of(session);
  if (self == nullptr || connection == nullptr || self->request_handler_ == nullptr) {
    coap_pdu_set_code(response, COAP_RESPONSE_CODE_SERVICE_UNAVAILABLE);
    return;
  }
  self->answer(resource, session, connection->id, request, query, response);
}

void LibcoapEndpoint::answer(coap_resource_t* resource, coap_session_t* session, ConnectionId id,
                             const coap_pdu_t* request, const coap_string_t* query, coap_pdu_t* response) {
  ReceivedRequest incoming;
  Status read = read_request(request, incoming);
  if (!read.ok()) {
    // More path or query options than the engine takes is a bad request,
    // not a too-large entity.
    uint8_t code = read.error() == Error::kCapacityExceeded ? coap::kBadRequest : coap_code_for(read.error());
    coap_pdu_set_code(response, static_cast<coap_pdu_code_t>(code));
    log("server request unreadable: " + std::string(error_name(read.error())));
    return;
  }
  coap::Response answer;
  answer.code = coap::kInternalServerError;  // if the engine forgets to set one
  request_handler_->on_request(id, incoming.request, {response_buffer_.get(), options_.response_buffer_size}, answer);

  std::string line = "server " + method_name(incoming.request.method) + " " +
                     resource_text(incoming.request.path, incoming.request.query) + " (" +
                     std::to_string(incoming.request.payload.size()) + " B) -> " + code_text(answer.code) + " (" +
                     std::to_string(answer.payload.size()) + " B)";
  coap_pdu_set_code(response, static_cast<coap_pdu_code_t>(answer.code));
  bool large = !answer.payload.empty();
  if (!add_response_options(response, answer, !large).ok()) {
    coap_pdu_set_code(response, COAP_RESPONSE_CODE_INTERNAL_ERROR);
    log(line + " but the options did not fit");
    return;
  }
  if (large) {
    // libcoap answers Block2 follow-up requests from this copy by itself.
    uint8_t* copy = copy_payload(answer.payload);
    if (copy == nullptr ||
        coap_add_data_large_response(resource, session, request, response, query,
                                     answer.content_format.value_or(0), -1, 0, answer.payload.size(), copy,
                                     &release_payload_copy, copy) == 0) {
      coap_pdu_set_code(response, COAP_RESPONSE_CODE_INTERNAL_ERROR);
      log(line + " but the payload could not be added");
      return;
    }
  }
  log(line);
}

}  // namespace lwm2m::transport
