#include "tests/server/test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

#include "lwm2m/link/link_reader.h"

namespace lwm2m::test_server {

// --- small helpers ---------------------------------------------------------

std::string code_text(uint8_t code) {
  if (code == 0) return "none";
  return std::to_string(code >> 5) + "." + (((code & 31) < 10) ? "0" : "") + std::to_string(code & 31);
}

uint8_t parse_code(const std::string& text) {
  if (text.size() != 4 || text[1] != '.' || text[0] < '0' || text[0] > '7') return 0;
  if (text[2] < '0' || text[2] > '3' || text[3] < '0' || text[3] > '9') return 0;
  int detail = (text[2] - '0') * 10 + (text[3] - '0');
  if (detail > 31) return 0;
  return static_cast<uint8_t>((text[0] - '0') << 5 | detail);
}

std::string Answer::code_text() const { return test_server::code_text(code); }

Result<std::vector<OwnedRecord>> Answer::records(const Path& request_path) const {
  return decode_records(content_format.value_or(0), payload, request_path);
}

size_t ClientRecord::updates() const {
  size_t n = 0;
  for (const RegistrationEvent& e : history) n += e.kind == RegistrationEvent::kUpdate ? 1 : 0;
  return n;
}

namespace {

std::vector<std::string> queries_of(const coap_pdu_t* pdu) {
  std::vector<std::string> out;
  coap_opt_iterator_t it;
  coap_opt_filter_t filter;
  coap_option_filter_clear(&filter);
  coap_option_filter_set(&filter, COAP_OPTION_URI_QUERY);
  coap_option_iterator_init(pdu, &it, &filter);
  while (coap_opt_t* o = coap_option_next(&it)) {
    out.emplace_back(reinterpret_cast<const char*>(coap_opt_value(o)), coap_opt_length(o));
  }
  return out;
}

std::optional<std::string> query_value(const std::vector<std::string>& query, const std::string& name) {
  for (const std::string& q : query) {
    if (q == name) return std::string();
    if (q.size() > name.size() && q.compare(0, name.size(), name) == 0 && q[name.size()] == '=') {
      return q.substr(name.size() + 1);
    }
  }
  return std::nullopt;
}

std::optional<uint32_t> uint_option(const coap_pdu_t* pdu, uint16_t number) {
  coap_opt_iterator_t it;
  coap_opt_t* o = coap_check_option(pdu, number, &it);
  if (o == nullptr) return std::nullopt;
  return coap_decode_var_bytes(coap_opt_value(o), coap_opt_length(o));
}

std::vector<uint8_t> payload_of(const coap_pdu_t* pdu) {
  size_t length = 0, offset = 0, total = 0;
  const uint8_t* data = nullptr;
  if (!coap_get_data_large(pdu, &length, &data, &offset, &total)) return {};
  return {data, data + length};
}

std::vector<uint8_t> token_of(const coap_pdu_t* pdu) {
  coap_bin_const_t token = coap_pdu_get_token(pdu);
  return {token.s, token.s + token.length};
}

Transport transport_of(coap_session_t* session) {
  switch (coap_session_get_proto(session)) {
    case COAP_PROTO_DTLS: return Transport::kDtls;
    case COAP_PROTO_TCP: return Transport::kTcp;
    case COAP_PROTO_TLS: return Transport::kTls;
    default: return Transport::kUdp;
  }
}

bool make_address(const std::string& host, uint16_t port, coap_address_t& out) {
  coap_address_init(&out);
  if (inet_pton(AF_INET, host.c_str(), &out.addr.sin.sin_addr) == 1) {
    out.addr.sin.sin_family = AF_INET;
    out.addr.sin.sin_port = htons(port);
    out.size = sizeof(out.addr.sin);
    return true;
  }
  if (inet_pton(AF_INET6, host.c_str(), &out.addr.sin6.sin6_addr) == 1) {
    out.addr.sin6.sin6_family = AF_INET6;
    out.addr.sin6.sin6_port = htons(port);
    out.size = sizeof(out.addr.sin6);
    return true;
  }
  return false;
}

// A port the kernel hands out for `type` on `host` right now.
uint16_t free_port(const std::string& host, int type) {
  coap_address_t address;
  if (!make_address(host, 0, address)) return 0;
  int fd = socket(address.addr.sa.sa_family, type, 0);
  if (fd < 0) return 0;
  uint16_t port = 0;
  if (::bind(fd, &address.addr.sa, address.size) == 0) {
    sockaddr_storage bound{};
    socklen_t size = sizeof(bound);
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &size) == 0) {
      port = bound.ss_family == AF_INET ? ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port)
                                        : ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port);
    }
  }
  close(fd);
  return port;
}

void answer_code(coap_pdu_t* response, uint8_t code) {
  coap_pdu_set_code(response, static_cast<coap_pdu_code_t>(code));
}

void release_payload(coap_session_t*, void* data) { delete static_cast<std::vector<uint8_t>*>(data); }

}  // namespace

struct TestServer::ObservationState {
  std::string endpoint;
  RequestSpec spec;
  std::vector<uint8_t> token;
  std::vector<Answer> notifications;
  bool reset_next = false;
};

// --- lifecycle ---------------------------------------------------------------

TestServer::TestServer() { coap_startup(); }

TestServer::~TestServer() { stop(); }

bool TestServer::start(const ServerConfig& config, std::string* error) {
  stop();
  // A restarted server starts with no clients; records stay readable after stop().
  clients_.clear();
  order_.clear();
  location_to_endpoint_.clear();
  register_attempts_.clear();
  bootstrap_requests_.clear();
  sends_.clear();
  config_ = config;
  context_ = coap_new_context(nullptr);
  if (context_ == nullptr) {
    if (error) *error = "coap_new_context failed";
    return false;
  }
  coap_set_app_data(context_, this);
  coap_context_set_block_mode(context_, COAP_BLOCK_USE_LIBCOAP | COAP_BLOCK_SINGLE_BODY);
  coap_register_response_handler(context_, &TestServer::on_response);
  coap_register_nack_handler(context_, &TestServer::on_nack);
  if ((config_.dtls || config_.tls) && !setup_security(error)) {
    stop();
    return false;
  }
  struct Wanted {
    bool enabled;
    Transport transport;
    uint16_t port;
  } wanted[] = {{config_.udp, Transport::kUdp, config_.udp_port},
                {config_.dtls, Transport::kDtls, config_.dtls_port},
                {config_.tcp, Transport::kTcp, config_.tcp_port},
                {config_.tls, Transport::kTls, config_.tls_port}};
  for (Wanted& w : wanted) {
    if (w.enabled && !bind(w.transport, w.port, error)) {
      stop();
      return false;
    }
  }

  struct Fixed {
    const char* name;
    coap_method_handler_t handler;
  } fixed[] = {{"rd", &TestServer::on_register}, {"bs", &TestServer::on_bootstrap}, {"dp", &TestServer::on_send}};
  for (const Fixed& f : fixed) {
    coap_resource_t* resource = coap_resource_init(coap_make_str_const(f.name), 0);
    coap_register_request_handler(resource, COAP_REQUEST_POST, f.handler);
    coap_add_resource(context_, resource);
  }
  running_ = true;
  thread_ = std::thread([this] { run(); });
  return true;
}

bool TestServer::bind(Transport transport, uint16_t& port, std::string* error) {
  static constexpr coap_proto_t kProto[] = {COAP_PROTO_UDP, COAP_PROTO_DTLS, COAP_PROTO_TCP, COAP_PROTO_TLS};
  bool stream = transport == Transport::kTcp || transport == Transport::kTls;
  for (int attempt = 0; attempt < 20; ++attempt) {
    uint16_t chosen = port != 0 ? port : free_port(config_.address, stream ? SOCK_STREAM : SOCK_DGRAM);
    coap_address_t address;
    if (chosen == 0 || !make_address(config_.address, chosen, address)) break;
    if (coap_new_endpoint(context_, &address, kProto[static_cast<int>(transport)]) != nullptr) {
      ports_[transport] = chosen;
      return true;
    }
    if (port != 0) break;  // a fixed port that is taken: no retry
  }
  if (error) *error = "cannot bind " + uri(transport) + " on " + config_.address;
  return false;
}

bool TestServer::setup_security(std::string* error) {
  if (!config_.psk.empty()) {
    psk_keys_.clear();
    for (const PskEntry& entry : config_.psk) psk_keys_.push_back({entry.key.size(), entry.key.data()});
    coap_dtls_spsk_t spsk{};
    spsk.version = COAP_DTLS_SPSK_SETUP_VERSION;
    spsk.validate_id_call_back = &TestServer::on_psk_identity;
    spsk.id_call_back_arg = this;
    spsk.psk_info.key = psk_keys_.front();
    if (!coap_context_set_psk2(context_, &spsk)) {
      if (error) *error = "coap_context_set_psk2 failed";
      return false;
    }
  }
  if (!config_.certificate_file.empty()) {
    coap_dtls_pki_t pki{};
    pki.version = COAP_DTLS_PKI_SETUP_VERSION;
    bool verify = !config_.ca_file.empty();
    pki.verify_peer_cert = verify;
    pki.check_common_ca = verify;
    pki.allow_self_signed = 1;
    pki.allow_expired_certs = 0;
    pki.is_rpk_not_cert = config_.raw_public_key;
    pki.pki_key.key_type = COAP_PKI_KEY_PEM;
    pki.pki_key.key.pem.public_cert = config_.certificate_file.c_str();
    pki.pki_key.key.pem.private_key = config_.private_key_file.c_str();
    pki.pki_key.key.pem.ca_file = verify ? config_.ca_file.c_str() : nullptr;
    if (!coap_context_set_pki(context_, &pki)) {
      if (error) *error = "coap_context_set_pki failed";
      return false;
    }
  }
  if (config_.psk.empty() && config_.certificate_file.empty()) {
    if (error) *error = "DTLS/TLS needs PSK entries or a certificate";
    return false;
  }
  return true;
}

void TestServer::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    running_ = false;
  }
  if (thread_.joinable()) thread_.join();
  for (auto& [endpoint, session] : sessions_) coap_session_release(session);
  sessions_.clear();
  if (context_ != nullptr) coap_free_context(context_);
  context_ = nullptr;
  ports_.clear();
  pending_.clear();
  answers_.clear();
  observations_.clear();
}

void TestServer::run() {
  while (true) {
    int fd = -1;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!running_) return;
      coap_io_process(context_, COAP_IO_NO_WAIT);
      fd = coap_context_get_coap_fd(context_);
    }
    // Wait for traffic without the lock, so tests can send meanwhile; the
    // short bound keeps libcoap's retransmission timers on time.
    if (fd >= 0) {
      pollfd p{fd, POLLIN, 0};
      poll(&p, 1, 5);
    } else {
      usleep(5000);
    }
  }
}

uint16_t TestServer::port(Transport transport) const {
  auto it = ports_.find(transport);
  return it == ports_.end() ? 0 : it->second;
}

std::string TestServer::uri(Transport transport) const {
  static const char* kScheme[] = {"coap", "coaps", "coap+tcp", "coaps+tcp"};
  std::string host = config_.address.find(':') != std::string::npos ? "[" + config_.address + "]" : config_.address;
  return std::string(kScheme[static_cast<int>(transport)]) + "://" + host + ":" + std::to_string(port(transport));
}

void TestServer::set_behaviour(const Behaviour& behaviour) {
  std::lock_guard<std::mutex> lock(mutex_);
  behaviour_ = behaviour;
}

// --- libcoap callbacks (called with mutex_ held) -----------------------------

TestServer* TestServer::self(coap_session_t* session) {
  return static_cast<TestServer*>(coap_get_app_data(coap_session_get_context(session)));
}

const coap_bin_const_t* TestServer::on_psk_identity(coap_bin_const_t* identity, coap_session_t*, void* arg) {
  auto* server = static_cast<TestServer*>(arg);
  std::string id(reinterpret_cast<const char*>(identity->s), identity->length);
  for (size_t i = 0; i < server->config_.psk.size(); ++i) {
    if (server->config_.psk[i].identity == id) return &server->psk_keys_[i];
  }
  return nullptr;  // unknown identity: the handshake fails
}

bool TestServer::apply_behaviour(coap_session_t* session, const coap_pdu_t* request, coap_pdu_t* response) {
  if (behaviour_.drop_responses > 0) {
    --behaviour_.drop_responses;
    // A NON response without a code is not sent: the client sees loss.
    coap_pdu_set_type(response, COAP_MESSAGE_NON);
    coap_pdu_set_code(response, COAP_EMPTY_CODE);
    return false;
  }
  if (behaviour_.response_delay_ms > 0 && coap_async_is_supported()) {
    coap_async_t* async = coap_find_async(session, coap_pdu_get_token(request));
    if (async == nullptr) {
      coap_tick_t delay = static_cast<coap_tick_t>(behaviour_.response_delay_ms) * COAP_TICKS_PER_SECOND / 1000;
      coap_register_async(session, request, delay == 0 ? 1 : delay);
      return false;  // called again with the same request when the delay expires
    }
    // libcoap frees the async itself once this answer is sent.
  }
  return true;
}

void TestServer::remember_session(const std::string& endpoint, coap_session_t* session) {
  auto it = sessions_.find(endpoint);
  if (it != sessions_.end()) {
    if (it->second == session) return;
    coap_session_release(it->second);
  }
  sessions_[endpoint] = coap_session_reference(session);
}

coap_session_t* TestServer::session_of(const std::string& endpoint) const {
  auto it = sessions_.find(endpoint);
  return it == sessions_.end() ? nullptr : it->second;
}

std::string TestServer::endpoint_of(coap_session_t* session) const {
  for (const auto& [endpoint, s] : sessions_) {
    if (s == session) return endpoint;
  }
  return {};
}

void TestServer::on_register(coap_resource_t*, coap_session_t* session, const coap_pdu_t* request,
                             const coap_string_t*, coap_pdu_t* response) {
  TestServer* server = self(session);
  if (!server->apply_behaviour(session, request, response)) return;
  RegistrationEvent event;
  event.kind = RegistrationEvent::kRegister;
  event.at = Clock::now();
  event.query = queries_of(request);
  std::vector<uint8_t> payload = payload_of(request);
  event.payload.assign(payload.begin(), payload.end());

  std::optional<std::string> endpoint = query_value(event.query, "ep");
  uint8_t code = coap::kCreated;
  std::vector<std::string> objects;
  LinkReader links(event.payload);
  Link link;
  while (code == coap::kCreated) {
    Result<bool> more = links.next(link);
    if (!more.ok()) code = coap::kBadRequest;
    if (!more.ok() || !*more) break;
    objects.emplace_back(link.target);
    Result<LinkParam> ct = LinkParamReader::find(link, "ct");
    if (ct.ok() && ct->quoted && server->behaviour_.refuse_quoted_ct) code = coap::kBadRequest;
  }
  if (!endpoint || endpoint->empty()) code = coap::kBadRequest;
  if (server->behaviour_.refuse_lwm2m_1_2 != 0 && query_value(event.query, "lwm2m") == std::string("1.2")) {
    code = server->behaviour_.refuse_lwm2m_1_2;
  }
  event.answered_code = code;
  server->register_attempts_.push_back(event);
  server->changed_.notify_all();
  answer_code(response, code);
  if (code != coap::kCreated) return;

  // A new registration (or a re-registration) gets a fresh location.
  std::string id = std::to_string(server->next_location_++);
  ClientRecord& record = server->clients_[*endpoint];
  if (record.endpoint.empty()) server->order_.push_back(*endpoint);
  if (!record.location.empty()) server->location_to_endpoint_.erase(record.location.substr(3));
  record.endpoint = *endpoint;
  record.location = "rd/" + id;
  record.query = event.query;
  record.links = event.payload;
  record.objects = objects;
  record.registered = true;
  record.transport = transport_of(session);
  record.lifetime = 86400;
  record.version = "1.0";
  record.binding = "U";
  if (auto lt = query_value(event.query, "lt")) record.lifetime = static_cast<uint32_t>(std::strtoul(lt->c_str(), nullptr, 10));
  if (auto v = query_value(event.query, "lwm2m")) record.version = *v;
  if (auto b = query_value(event.query, "b")) record.binding = *b;
  record.history.push_back(event);
  server->location_to_endpoint_[id] = *endpoint;
  server->remember_session(*endpoint, session);

  std::string uri = "rd/" + id;
  coap_str_const_t* name = coap_new_str_const(reinterpret_cast<const uint8_t*>(uri.data()), uri.size());
  coap_resource_t* resource = coap_resource_init(name, COAP_RESOURCE_FLAGS_RELEASE_URI);
  coap_register_request_handler(resource, COAP_REQUEST_POST, &TestServer::on_update);
  coap_register_request_handler(resource, COAP_REQUEST_DELETE, &TestServer::on_deregister);
  coap_add_resource(server->context_, resource);

  coap_add_option(response, COAP_OPTION_LOCATION_PATH, 2, reinterpret_cast<const uint8_t*>("rd"));
  coap_add_option(response, COAP_OPTION_LOCATION_PATH, id.size(), reinterpret_cast<const uint8_t*>(id.data()));
}

namespace {
// "rd/7" -> "7"
std::string location_id(coap_resource_t* resource) {
  coap_str_const_t* uri = coap_resource_get_uri_path(resource);
  std::string path(reinterpret_cast<const char*>(uri->s), uri->length);
  return path.size() > 3 ? path.substr(3) : std::string();
}
}  // namespace

void TestServer::on_update(coap_resource_t* resource, coap_session_t* session, const coap_pdu_t* request,
                           const coap_string_t*, coap_pdu_t* response) {
  TestServer* server = self(session);
  auto it = server->location_to_endpoint_.find(location_id(resource));
  if (it == server->location_to_endpoint_.end() || !server->clients_[it->second].registered) {
    answer_code(response, coap::kNotFound);
    return;
  }
  if (!server->apply_behaviour(session, request, response)) return;
  ClientRecord& record = server->clients_[it->second];
  RegistrationEvent event;
  event.kind = RegistrationEvent::kUpdate;
  event.at = Clock::now();
  event.query = queries_of(request);
  std::vector<uint8_t> payload = payload_of(request);
  event.payload.assign(payload.begin(), payload.end());
  uint8_t code = coap::kChanged;
  if (!payload.empty()) {
    std::vector<std::string> objects;
    LinkReader links(event.payload);
    Link link;
    while (true) {
      Result<bool> more = links.next(link);
      if (!more.ok()) code = coap::kBadRequest;
      if (!more.ok() || !*more) break;
      objects.emplace_back(link.target);
    }
    if (code == coap::kChanged) {
      record.links = event.payload;
      record.objects = objects;
    }
  }
  if (code == coap::kChanged) {
    if (auto lt = query_value(event.query, "lt")) record.lifetime = static_cast<uint32_t>(std::strtoul(lt->c_str(), nullptr, 10));
    if (auto b = query_value(event.query, "b")) record.binding = *b;
    if (!event.query.empty()) record.query = event.query;
    record.transport = transport_of(session);
    server->remember_session(record.endpoint, session);
  }
  event.answered_code = code;
  record.history.push_back(event);
  server->changed_.notify_all();
  answer_code(response, code);
}

void TestServer::on_deregister(coap_resource_t* resource, coap_session_t* session, const coap_pdu_t* request,
                               const coap_string_t*, coap_pdu_t* response) {
  TestServer* server = self(session);
  auto it = server->location_to_endpoint_.find(location_id(resource));
  if (it == server->location_to_endpoint_.end() || !server->clients_[it->second].registered) {
    answer_code(response, coap::kNotFound);
    return;
  }
  if (!server->apply_behaviour(session, request, response)) return;
  ClientRecord& record = server->clients_[it->second];
  RegistrationEvent event;
  event.kind = RegistrationEvent::kDeregister;
  event.at = Clock::now();
  event.answered_code = coap::kDeleted;
  record.history.push_back(event);
  record.registered = false;
  server->changed_.notify_all();
  answer_code(response, coap::kDeleted);
}

void TestServer::on_bootstrap(coap_resource_t*, coap_session_t* session, const coap_pdu_t* request,
                              const coap_string_t*, coap_pdu_t* response) {
  TestServer* server = self(session);
  if (!server->apply_behaviour(session, request, response)) return;
  BootstrapRequestRecord record;
  record.query = queries_of(request);
  record.at = Clock::now();
  std::optional<std::string> endpoint = query_value(record.query, "ep");
  if (!endpoint || endpoint->empty()) {
    answer_code(response, coap::kBadRequest);
    return;
  }
  record.endpoint = *endpoint;
  server->remember_session(*endpoint, session);
  server->bootstrap_requests_.push_back(record);
  server->changed_.notify_all();
  answer_code(response, coap::kChanged);
}

void TestServer::on_send(coap_resource_t*, coap_session_t* session, const coap_pdu_t* request, const coap_string_t*,
                         coap_pdu_t* response) {
  TestServer* server = self(session);
  SendRecord record;
  record.endpoint = server->endpoint_of(session);
  record.content_format = uint_option(request, COAP_OPTION_CONTENT_FORMAT);
  record.payload = payload_of(request);
  record.at = Clock::now();
  server->sends_.push_back(std::move(record));
  server->changed_.notify_all();
  answer_code(response, coap::kChanged);
}

coap_response_t TestServer::on_response(coap_session_t* session, const coap_pdu_t*, const coap_pdu_t* received,
                                        coap_mid_t) {
  TestServer* server = self(session);
  Answer answer;
  answer.code = static_cast<uint8_t>(coap_pdu_get_code(received));
  answer.content_format = uint_option(received, COAP_OPTION_CONTENT_FORMAT);
  answer.observe = uint_option(received, COAP_OPTION_OBSERVE);
  answer.payload = payload_of(received);
  answer.at = Clock::now();
  std::vector<uint8_t> token = token_of(received);
  if (server->pending_.count(token) != 0) {
    server->pending_.erase(token);
    server->answers_[token] = std::move(answer);
    server->changed_.notify_all();
    return COAP_RESPONSE_OK;
  }
  for (auto& [id, observation] : server->observations_) {
    if (observation->token != token) continue;
    observation->notifications.push_back(std::move(answer));
    server->changed_.notify_all();
    if (observation->reset_next) {
      observation->reset_next = false;
      observation->token.clear();  // forgotten: later notifications get RST too
      return COAP_RESPONSE_FAIL;   // libcoap answers RST
    }
    return COAP_RESPONSE_OK;
  }
  return COAP_RESPONSE_FAIL;  // an unknown token: RST, as RFC 7641 §3.6 wants
}

void TestServer::on_nack(coap_session_t* session, const coap_pdu_t* sent, coap_nack_reason_t, coap_mid_t) {
  if (sent == nullptr) return;
  TestServer* server = self(session);
  std::vector<uint8_t> token = token_of(sent);
  if (server->pending_.erase(token) != 0) {
    server->answers_[token] = Answer{};  // code 0: no answer
    server->changed_.notify_all();
  }
}

// --- requests to the client --------------------------------------------------

std::optional<std::vector<uint8_t>> TestServer::send_locked(coap_session_t* session, const RequestSpec& spec,
                                                            const std::vector<uint8_t>* token) {
  if (session == nullptr || context_ == nullptr) return std::nullopt;
  coap_pdu_t* pdu = coap_new_pdu(spec.confirmable ? COAP_MESSAGE_CON : COAP_MESSAGE_NON,
                                 static_cast<coap_pdu_code_t>(spec.method), session);
  if (pdu == nullptr) return std::nullopt;
  std::vector<uint8_t> chosen;
  if (token != nullptr) {
    chosen = *token;
  } else {
    uint8_t bytes[8];
    size_t length = 0;
    coap_session_new_token(session, &length, bytes);
    chosen.assign(bytes, bytes + length);
  }
  coap_add_token(pdu, chosen.size(), chosen.data());
  uint8_t buffer[4];
  if (spec.observe) {
    coap_add_option(pdu, COAP_OPTION_OBSERVE, coap_encode_var_safe(buffer, 4, *spec.observe), buffer);
  }
  size_t start = 0;
  while (start < spec.path.size()) {
    size_t end = spec.path.find('/', start);
    if (end == std::string::npos) end = spec.path.size();
    if (end > start) {
      coap_add_option(pdu, COAP_OPTION_URI_PATH, end - start,
                      reinterpret_cast<const uint8_t*>(spec.path.data() + start));
    }
    start = end + 1;
  }
  if (spec.content_format) {
    coap_add_option(pdu, COAP_OPTION_CONTENT_FORMAT, coap_encode_var_safe(buffer, 4, *spec.content_format), buffer);
  }
  for (const std::string& q : spec.query) {
    coap_add_option(pdu, COAP_OPTION_URI_QUERY, q.size(), reinterpret_cast<const uint8_t*>(q.data()));
  }
  if (spec.accept) coap_add_option(pdu, COAP_OPTION_ACCEPT, coap_encode_var_safe(buffer, 4, *spec.accept), buffer);
  if (!spec.payload.empty()) {
    auto* copy = new std::vector<uint8_t>(spec.payload);
    coap_add_data_large_request(session, pdu, copy->size(), copy->data(), &release_payload, copy);
  }
  pending_[chosen] = true;
  if (coap_send(session, pdu) == COAP_INVALID_MID) {
    pending_.erase(chosen);
    return std::nullopt;
  }
  return chosen;
}

bool TestServer::wait_for(std::unique_lock<std::mutex>& lock, Milliseconds timeout,
                          const std::function<bool()>& done) {
  return changed_.wait_until(lock, Clock::now() + timeout, done);
}

Answer TestServer::wait_answer(const std::vector<uint8_t>& token, std::unique_lock<std::mutex>& lock,
                               Milliseconds timeout) {
  wait_for(lock, timeout, [&] { return answers_.count(token) != 0; });
  auto it = answers_.find(token);
  if (it == answers_.end()) {
    pending_.erase(token);
    return {};
  }
  Answer answer = std::move(it->second);
  answers_.erase(it);
  return answer;
}

Answer TestServer::request(const std::string& endpoint, const RequestSpec& spec, Milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  std::optional<std::vector<uint8_t>> token = send_locked(session_of(endpoint), spec);
  if (!token) return {};
  return wait_answer(*token, lock, timeout);
}

Answer TestServer::read(const std::string& endpoint, const std::string& path, std::optional<uint16_t> accept,
                        Milliseconds timeout) {
  RequestSpec spec;
  spec.path = path;
  spec.accept = accept;
  return request(endpoint, spec, timeout);
}

Answer TestServer::write(const std::string& endpoint, const std::string& path, uint16_t format,
                         std::vector<uint8_t> payload, bool replace, Milliseconds timeout) {
  RequestSpec spec;
  spec.method = replace ? COAP_REQUEST_PUT : COAP_REQUEST_POST;
  spec.path = path;
  spec.content_format = format;
  spec.payload = std::move(payload);
  return request(endpoint, spec, timeout);
}

Answer TestServer::write(const std::string& endpoint, const std::string& path, uint16_t format,
                         std::span<const Record> records, bool replace, Milliseconds timeout) {
  Result<Path> target = Path::parse(path);
  if (!target.ok()) return {};
  Result<std::vector<uint8_t>> payload = encode_records(format, *target, records);
  if (!payload.ok()) return {};
  return write(endpoint, path, format, *payload, replace, timeout);
}

Answer TestServer::execute(const std::string& endpoint, const std::string& path, const std::string& arguments,
                           Milliseconds timeout) {
  RequestSpec spec;
  spec.method = COAP_REQUEST_POST;
  spec.path = path;
  if (!arguments.empty()) {
    spec.content_format = 0;
    spec.payload.assign(arguments.begin(), arguments.end());
  }
  return request(endpoint, spec, timeout);
}

Answer TestServer::create(const std::string& endpoint, const std::string& object_path, uint16_t format,
                          std::span<const Record> records, Milliseconds timeout) {
  return write(endpoint, object_path, format, records, false, timeout);
}

Answer TestServer::remove(const std::string& endpoint, const std::string& path, Milliseconds timeout) {
  RequestSpec spec;
  spec.method = COAP_REQUEST_DELETE;
  spec.path = path;
  return request(endpoint, spec, timeout);
}

Answer TestServer::discover(const std::string& endpoint, const std::string& path, std::optional<int> depth,
                            Milliseconds timeout) {
  RequestSpec spec;
  spec.path = path;
  spec.accept = 40;  // application/link-format
  if (depth) spec.query.push_back("depth=" + std::to_string(*depth));
  return request(endpoint, spec, timeout);
}

Answer TestServer::write_attributes(const std::string& endpoint, const std::string& path,
                                    const std::vector<std::string>& query, Milliseconds timeout) {
  RequestSpec spec;
  spec.method = COAP_REQUEST_PUT;
  spec.path = path;
  spec.query = query;
  return request(endpoint, spec, timeout);
}

Answer TestServer::read_composite(const std::string& endpoint, const std::vector<std::string>& paths, uint16_t format,
                                  std::optional<uint16_t> accept, Milliseconds timeout) {
  Result<std::vector<uint8_t>> body = encode_composite_paths(format, paths);
  if (!body.ok()) return {};
  RequestSpec spec;
  spec.method = COAP_REQUEST_FETCH;
  spec.content_format = format;
  spec.accept = accept.value_or(format);
  spec.payload = *body;
  return request(endpoint, spec, timeout);
}

Answer TestServer::write_composite(const std::string& endpoint, uint16_t format, std::span<const Record> records,
                                   Milliseconds timeout) {
  Result<std::vector<uint8_t>> body = encode_records(format, Path(), records);
  if (!body.ok()) return {};
  RequestSpec spec;
  spec.method = COAP_REQUEST_IPATCH;
  spec.content_format = format;
  spec.payload = *body;
  return request(endpoint, spec, timeout);
}

// --- observations ------------------------------------------------------------

TestServer::Observation TestServer::observe(const std::string& endpoint, const std::string& path,
                                            std::optional<uint16_t> accept, const std::vector<std::string>& query,
                                            Milliseconds timeout) {
  RequestSpec spec;
  spec.path = path;
  spec.accept = accept;
  spec.query = query;
  spec.observe = 0;
  std::unique_lock<std::mutex> lock(mutex_);
  std::optional<std::vector<uint8_t>> token = send_locked(session_of(endpoint), spec);
  if (!token) return {};
  auto state = std::make_unique<ObservationState>();
  state->endpoint = endpoint;
  state->spec = spec;
  state->token = *token;
  Observation result;
  result.id = next_observation_++;
  observations_[result.id] = std::move(state);
  result.first = wait_answer(*token, lock, timeout);
  return result;
}

TestServer::Observation TestServer::observe_composite(const std::string& endpoint,
                                                      const std::vector<std::string>& paths, uint16_t format,
                                                      std::optional<uint16_t> accept, Milliseconds timeout) {
  Result<std::vector<uint8_t>> body = encode_composite_paths(format, paths);
  if (!body.ok()) return {};
  RequestSpec spec;
  spec.method = COAP_REQUEST_FETCH;
  spec.content_format = format;
  spec.accept = accept.value_or(format);
  spec.payload = *body;
  spec.observe = 0;
  std::unique_lock<std::mutex> lock(mutex_);
  std::optional<std::vector<uint8_t>> token = send_locked(session_of(endpoint), spec);
  if (!token) return {};
  auto state = std::make_unique<ObservationState>();
  state->endpoint = endpoint;
  state->spec = spec;
  state->token = *token;
  Observation result;
  result.id = next_observation_++;
  observations_[result.id] = std::move(state);
  result.first = wait_answer(*token, lock, timeout);
  return result;
}

std::vector<Answer> TestServer::notifications(uint64_t observation) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = observations_.find(observation);
  return it == observations_.end() ? std::vector<Answer>{} : it->second->notifications;
}

bool TestServer::wait_notifications(uint64_t observation, size_t count, Milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  auto it = observations_.find(observation);
  if (it == observations_.end()) return false;
  ObservationState* state = it->second.get();
  return wait_for(lock, timeout, [&] { return state->notifications.size() >= count; });
}

Answer TestServer::cancel_observe(uint64_t observation, CancelMode mode, Milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  auto it = observations_.find(observation);
  if (it == observations_.end()) return {};
  ObservationState* state = it->second.get();
  if (mode == CancelMode::kReset) {
    size_t seen = state->notifications.size();
    state->reset_next = true;
    if (!wait_for(lock, timeout, [&] { return state->notifications.size() > seen; })) return {};
    return state->notifications[seen];
  }
  RequestSpec spec = state->spec;
  spec.observe = 1;
  std::vector<uint8_t> old_token = state->token;
  state->token.clear();  // from now on its notifications are unknown: RST
  std::optional<std::vector<uint8_t>> token =
      send_locked(session_of(state->endpoint), spec, mode == CancelMode::kGetSameToken ? &old_token : nullptr);
  if (!token) return {};
  return wait_answer(*token, lock, timeout);
}

// --- registration and bootstrap queries --------------------------------------

bool TestServer::wait_registered(const std::string& endpoint, Milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  return wait_for(lock, timeout, [&] {
    auto it = clients_.find(endpoint);
    return it != clients_.end() && it->second.registered;
  });
}

bool TestServer::wait_updates(const std::string& endpoint, size_t count, Milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  return wait_for(lock, timeout, [&] {
    auto it = clients_.find(endpoint);
    return it != clients_.end() && it->second.updates() >= count;
  });
}

bool TestServer::wait_deregistered(const std::string& endpoint, Milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  return wait_for(lock, timeout, [&] {
    auto it = clients_.find(endpoint);
    return it != clients_.end() && !it->second.registered && !it->second.history.empty() &&
           it->second.history.back().kind == RegistrationEvent::kDeregister;
  });
}

std::optional<ClientRecord> TestServer::client(const std::string& endpoint) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = clients_.find(endpoint);
  if (it == clients_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> TestServer::endpoints() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return order_;
}

std::vector<RegistrationEvent> TestServer::register_attempts() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return register_attempts_;
}

bool TestServer::wait_bootstrap_request(const std::string& endpoint, Milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  return wait_for(lock, timeout, [&] {
    for (const BootstrapRequestRecord& r : bootstrap_requests_) {
      if (r.endpoint == endpoint) return true;
    }
    return false;
  });
}

std::vector<BootstrapRequestRecord> TestServer::bootstrap_requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return bootstrap_requests_;
}

Answer TestServer::bootstrap_delete(const std::string& endpoint, const std::string& path, Milliseconds timeout) {
  return remove(endpoint, path, timeout);
}

Answer TestServer::bootstrap_write(const std::string& endpoint, const std::string& path, uint16_t format,
                                   std::span<const Record> records, Milliseconds timeout) {
  return write(endpoint, path, format, records, true, timeout);
}

Answer TestServer::bootstrap_discover(const std::string& endpoint, const std::string& path, Milliseconds timeout) {
  return discover(endpoint, path, std::nullopt, timeout);
}

Answer TestServer::bootstrap_read(const std::string& endpoint, const std::string& path,
                                  std::optional<uint16_t> accept, Milliseconds timeout) {
  return read(endpoint, path, accept, timeout);
}

Answer TestServer::bootstrap_finish(const std::string& endpoint, Milliseconds timeout) {
  RequestSpec spec;
  spec.method = COAP_REQUEST_POST;
  spec.path = "/bs";
  return request(endpoint, spec, timeout);
}

std::vector<SendRecord> TestServer::sends() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return sends_;
}

bool TestServer::wait_sends(size_t count, Milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  return wait_for(lock, timeout, [&] { return sends_.size() >= count; });
}

}  // namespace lwm2m::test_server
