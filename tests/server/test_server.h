// A scriptable LwM2M server for integration tests, over libcoap 4.3 (GnuTLS).
// It answers the Bootstrap-Request (Core TS 1.2 §6.1) and the Registration
// interface (§6.2) on loopback over UDP, DTLS (PSK, RPK, X.509), TCP and TLS,
// and lets a test send every device management and reporting operation to a
// registered client and wait for the answer.
//
// A background thread runs libcoap's I/O; every public call takes the lock
// around the libcoap context, and every wait is bounded by a timeout.
// Requests go to the session the client last spoke from (Register, Update,
// Bootstrap-Request), and responses are matched by token.
//
// Host test code: heap, std::string and threads are fine here.
#pragma once

#include <coap3/coap.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "lwm2m/core/record.h"
#include "lwm2m/engine/coap_message.h"
#include "tests/server/payload_records.h"

namespace lwm2m::test_server {

using Clock = std::chrono::steady_clock;
using Milliseconds = std::chrono::milliseconds;
inline constexpr Milliseconds kDefaultTimeout{5000};

enum class Transport : uint8_t { kUdp, kDtls, kTcp, kTls };

struct PskEntry {
  std::string identity;
  std::vector<uint8_t> key;
};

struct ServerConfig {
  std::string address = "127.0.0.1";  // or "::1"
  bool udp = true;
  bool dtls = false;
  bool tcp = false;
  bool tls = false;
  // 0: a free port is chosen at start().
  uint16_t udp_port = 0, dtls_port = 0, tcp_port = 0, tls_port = 0;
  std::vector<PskEntry> psk;  // client identities the server accepts
  // Certificate or raw public key (PEM files) for DTLS/TLS; empty: PSK only.
  std::string certificate_file, private_key_file, ca_file;
  bool raw_public_key = false;
};

// How the server misbehaves, to emulate real servers (INTEROP-NOTES.md).
struct Behaviour {
  uint8_t refuse_lwm2m_1_2 = 0;       // a CoAP code (4.12 or 4.00) for Register with lwm2m=1.2; 0 accepts
  bool refuse_quoted_ct = false;      // 4.00 for a Register whose links carry ct="..."
  uint32_t response_delay_ms = 0;     // Register/Update/De-register/Bootstrap answered this late
  int drop_responses = 0;             // the next N of those requests get no answer
};

// A client's answer to one request; code 0 when none came in time.
struct Answer {
  uint8_t code = 0;
  std::optional<uint16_t> content_format;
  std::optional<uint32_t> observe;
  std::vector<uint8_t> payload;
  Clock::time_point at{};

  bool answered() const { return code != 0; }
  std::string code_text() const;  // "2.05", or "none"
  std::string text() const { return {payload.begin(), payload.end()}; }
  // The payload as records, with its content format (text/plain if absent).
  Result<std::vector<OwnedRecord>> records(const Path& request_path) const;
};

std::string code_text(uint8_t code);  // "4.04"
// "2.05" -> 69; 0 for bad text.
uint8_t parse_code(const std::string& text);

struct RegistrationEvent {
  enum Kind : uint8_t { kRegister, kUpdate, kDeregister };
  Kind kind = kRegister;
  Clock::time_point at{};
  std::vector<std::string> query;
  std::string payload;
  uint8_t answered_code = 0;
};

struct ClientRecord {
  std::string endpoint;
  std::string location;  // "rd/3" (the Location-Path given)
  uint32_t lifetime = 86400;
  std::string version = "1.0";
  std::string binding = "U";
  std::vector<std::string> query;  // of the last Register/Update
  std::string links;               // the last object links payload
  std::vector<std::string> objects;  // link targets, e.g. "/3/0"
  bool registered = false;
  Transport transport = Transport::kUdp;
  std::vector<RegistrationEvent> history;
  size_t updates() const;
};

struct BootstrapRequestRecord {
  std::string endpoint;
  std::vector<std::string> query;
  Clock::time_point at{};
};

struct SendRecord {
  std::string endpoint;
  std::optional<uint16_t> content_format;
  std::vector<uint8_t> payload;
  Clock::time_point at{};
};

// A request the server sends to a client (Device Management, Bootstrap).
struct RequestSpec {
  coap_request_t method = COAP_REQUEST_GET;
  std::string path = "/";  // "/3/0/1", "/bs", "/" (root)
  std::vector<std::string> query;
  std::optional<uint16_t> content_format;
  std::optional<uint16_t> accept;
  std::optional<uint32_t> observe;
  std::vector<uint8_t> payload;
  bool confirmable = true;
};

enum class CancelMode : uint8_t {
  kGetSameToken,  // GET Observe=1 with the observation's token (RFC 7641 §3.6)
  kGetNewToken,   // GET Observe=1 with a fresh token and the same path
  kReset,         // passive: RST to the next notification
};

class TestServer {
 public:
  TestServer();
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  // Binds the configured transports and starts the I/O thread; false with
  // `error` set when something cannot be bound.
  bool start(const ServerConfig& config, std::string* error = nullptr);
  void stop();
  uint16_t port(Transport transport) const;
  std::string uri(Transport transport) const;  // "coaps://127.0.0.1:P"

  void set_behaviour(const Behaviour& behaviour);

  // --- Registration interface -------------------------------------------
  bool wait_registered(const std::string& endpoint, Milliseconds timeout = kDefaultTimeout);
  bool wait_updates(const std::string& endpoint, size_t count, Milliseconds timeout = kDefaultTimeout);
  bool wait_deregistered(const std::string& endpoint, Milliseconds timeout = kDefaultTimeout);
  std::optional<ClientRecord> client(const std::string& endpoint) const;
  std::vector<std::string> endpoints() const;  // in order of first registration
  // Every Register attempt, refused ones included, as (endpoint, query).
  std::vector<RegistrationEvent> register_attempts() const;

  // --- Bootstrap (the server side of §6.1) ------------------------------
  bool wait_bootstrap_request(const std::string& endpoint, Milliseconds timeout = kDefaultTimeout);
  std::vector<BootstrapRequestRecord> bootstrap_requests() const;
  Answer bootstrap_delete(const std::string& endpoint, const std::string& path, Milliseconds timeout = kDefaultTimeout);
  Answer bootstrap_write(const std::string& endpoint, const std::string& path, uint16_t format,
                         std::span<const Record> records, Milliseconds timeout = kDefaultTimeout);
  Answer bootstrap_discover(const std::string& endpoint, const std::string& path,
                            Milliseconds timeout = kDefaultTimeout);
  Answer bootstrap_read(const std::string& endpoint, const std::string& path, std::optional<uint16_t> accept,
                        Milliseconds timeout = kDefaultTimeout);
  Answer bootstrap_finish(const std::string& endpoint, Milliseconds timeout = kDefaultTimeout);

  // --- Device Management and Information Reporting ----------------------
  // Any request, sent on the client's session; waits for the answer.
  Answer request(const std::string& endpoint, const RequestSpec& spec, Milliseconds timeout = kDefaultTimeout);
  Answer read(const std::string& endpoint, const std::string& path, std::optional<uint16_t> accept = {},
              Milliseconds timeout = kDefaultTimeout);
  // replace: PUT (Write-Replace); otherwise POST (Write-Partial-Update).
  Answer write(const std::string& endpoint, const std::string& path, uint16_t format, std::vector<uint8_t> payload,
               bool replace = true, Milliseconds timeout = kDefaultTimeout);
  Answer write(const std::string& endpoint, const std::string& path, uint16_t format, std::span<const Record> records,
               bool replace = true, Milliseconds timeout = kDefaultTimeout);
  Answer execute(const std::string& endpoint, const std::string& path, const std::string& arguments = "",
                 Milliseconds timeout = kDefaultTimeout);
  Answer create(const std::string& endpoint, const std::string& object_path, uint16_t format,
                std::span<const Record> records, Milliseconds timeout = kDefaultTimeout);
  Answer remove(const std::string& endpoint, const std::string& path, Milliseconds timeout = kDefaultTimeout);
  Answer discover(const std::string& endpoint, const std::string& path, std::optional<int> depth = {},
                  Milliseconds timeout = kDefaultTimeout);
  // query e.g. {"pmin=1", "pmax=10", "gt=20.5", "-st"}
  Answer write_attributes(const std::string& endpoint, const std::string& path, const std::vector<std::string>& query,
                          Milliseconds timeout = kDefaultTimeout);
  Answer read_composite(const std::string& endpoint, const std::vector<std::string>& paths, uint16_t format,
                        std::optional<uint16_t> accept = {}, Milliseconds timeout = kDefaultTimeout);
  Answer write_composite(const std::string& endpoint, uint16_t format, std::span<const Record> records,
                         Milliseconds timeout = kDefaultTimeout);

  // Observe: the first answer; notifications collect under the returned id
  // (0 when the observation could not be sent).
  struct Observation {
    uint64_t id = 0;
    Answer first;
  };
  Observation observe(const std::string& endpoint, const std::string& path, std::optional<uint16_t> accept = {},
                      const std::vector<std::string>& query = {}, Milliseconds timeout = kDefaultTimeout);
  Observation observe_composite(const std::string& endpoint, const std::vector<std::string>& paths, uint16_t format,
                                std::optional<uint16_t> accept = {}, Milliseconds timeout = kDefaultTimeout);
  std::vector<Answer> notifications(uint64_t observation) const;
  bool wait_notifications(uint64_t observation, size_t count, Milliseconds timeout = kDefaultTimeout);
  // kGetSameToken / kGetNewToken: the answer to the cancelling GET.
  // kReset: waits for the next notification and answers it with RST
  // (returns that notification).
  Answer cancel_observe(uint64_t observation, CancelMode mode, Milliseconds timeout = kDefaultTimeout);

  // Send (§6.4.4): POST /dp answered 2.04.
  std::vector<SendRecord> sends() const;
  bool wait_sends(size_t count, Milliseconds timeout = kDefaultTimeout);

 private:
  struct Pending;
  struct ObservationState;
  struct Session;

  bool bind(Transport transport, uint16_t& port, std::string* error);
  bool setup_security(std::string* error);
  void run();
  // Needs mutex_ held.
  coap_session_t* session_of(const std::string& endpoint) const;
  std::string endpoint_of(coap_session_t* session) const;
  void remember_session(const std::string& endpoint, coap_session_t* session);
  std::optional<std::vector<uint8_t>> send_locked(coap_session_t* session, const RequestSpec& spec,
                                                  const std::vector<uint8_t>* token = nullptr);
  Answer wait_answer(const std::vector<uint8_t>& token, std::unique_lock<std::mutex>& lock, Milliseconds timeout);
  bool wait_for(std::unique_lock<std::mutex>& lock, Milliseconds timeout, const std::function<bool()>& done);
  // true: answer now; false: the handler deferred or dropped it.
  bool apply_behaviour(coap_session_t* session, const coap_pdu_t* request, coap_pdu_t* response);

  static TestServer* self(coap_session_t* session);
  static void on_register(coap_resource_t*, coap_session_t*, const coap_pdu_t*, const coap_string_t*, coap_pdu_t*);
  static void on_update(coap_resource_t*, coap_session_t*, const coap_pdu_t*, const coap_string_t*, coap_pdu_t*);
  static void on_deregister(coap_resource_t*, coap_session_t*, const coap_pdu_t*, const coap_string_t*, coap_pdu_t*);
  static void on_bootstrap(coap_resource_t*, coap_session_t*, const coap_pdu_t*, const coap_string_t*, coap_pdu_t*);
  static void on_send(coap_resource_t*, coap_session_t*, const coap_pdu_t*, const coap_string_t*, coap_pdu_t*);
  static coap_response_t on_response(coap_session_t*, const coap_pdu_t*, const coap_pdu_t*, coap_mid_t);
  static void on_nack(coap_session_t*, const coap_pdu_t*, coap_nack_reason_t, coap_mid_t);
  static const coap_bin_const_t* on_psk_identity(coap_bin_const_t* identity, coap_session_t*, void* arg);

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::thread thread_;
  bool running_ = false;
  coap_context_t* context_ = nullptr;
  ServerConfig config_;
  Behaviour behaviour_;
  std::map<Transport, uint16_t> ports_;
  std::vector<coap_bin_const_t> psk_keys_;  // views into config_.psk

  std::vector<std::string> order_;  // endpoints by first registration
  std::map<std::string, ClientRecord> clients_;
  std::map<std::string, std::string> location_to_endpoint_;  // "3" -> endpoint
  std::map<std::string, coap_session_t*> sessions_;          // endpoint -> referenced session
  std::vector<RegistrationEvent> register_attempts_;
  std::vector<BootstrapRequestRecord> bootstrap_requests_;
  std::vector<SendRecord> sends_;
  std::map<std::vector<uint8_t>, Answer> answers_;  // token -> answer once it came
  std::map<std::vector<uint8_t>, bool> pending_;     // token -> waiting (false once failed)
  std::map<uint64_t, std::unique_ptr<ObservationState>> observations_;
  uint64_t next_observation_ = 1;
  unsigned next_location_ = 1;
};

}  // namespace lwm2m::test_server
