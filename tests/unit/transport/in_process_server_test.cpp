// The server side of LwM2M in one process: a plain libcoap context plays the
// LwM2M server, the endpoint under test is the client. Covers requests from
// the server (RFC 7252 §5), Observe notifications and their reset
// (RFC 7641 §3.2, §3.6, §4.2), and block-wise both ways (RFC 7959).
#include <arpa/inet.h>
#include <gtest/gtest.h>

#include "coap_server_process.h"
#include "test_support.h"
#include "transport/libcoap_endpoint.h"

namespace lwm2m::transport::testing {
namespace {

constexpr ConnectionId kServerId = 3;

// What the fake LwM2M server saw in one response from the client.
struct SeenResponse {
  uint8_t code = 0;
  std::vector<uint8_t> token;
  std::optional<uint32_t> observe;
  std::optional<uint16_t> content_format;
  std::string payload;
};

class InProcessServer {
 public:
  InProcessServer() {
    context_ = coap_new_context(nullptr);
    coap_set_app_data(context_, this);
    coap_context_set_block_mode(context_, COAP_BLOCK_USE_LIBCOAP | COAP_BLOCK_SINGLE_BODY);
    coap_register_response_handler(context_, &InProcessServer::on_response);
    port_ = free_port_pair("127.0.0.1");
    coap_address_t address;
    coap_address_init(&address);
    address.addr.sin.sin_family = AF_INET;
    address.addr.sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.addr.sin.sin_port = htons(port_);
    address.size = sizeof(address.addr.sin);
    endpoint_ok_ = coap_new_endpoint(context_, &address, COAP_PROTO_UDP) != nullptr;
    coap_resource_t* rd = coap_resource_init(coap_make_str_const("rd"), 0);
    coap_register_request_handler(rd, COAP_REQUEST_POST, &InProcessServer::on_register);
    coap_add_resource(context_, rd);
  }
  ~InProcessServer() {
    if (client_ != nullptr) coap_session_release(client_);
    coap_free_context(context_);
  }

  bool ready() const { return endpoint_ok_ && port_ != 0; }
  std::string uri() const { return "coap://127.0.0.1:" + std::to_string(port_); }
  bool registered() const { return client_ != nullptr; }
  void poll() { coap_io_process(context_, 5); }

  // Sends a request to the registered client; returns its token.
  std::vector<uint8_t> send(coap_request_t method, std::vector<std::string> path, std::optional<uint32_t> observe,
                            std::optional<uint16_t> accept, const std::string& payload = "") {
    coap_pdu_t* pdu = coap_new_pdu(COAP_MESSAGE_CON, static_cast<coap_pdu_code_t>(method), client_);
    uint8_t token[8];
    size_t length = 0;
    coap_session_new_token(client_, &length, token);
    coap_add_token(pdu, length, token);
    uint8_t buffer[4];
    if (observe) coap_add_option(pdu, COAP_OPTION_OBSERVE, coap_encode_var_safe(buffer, 4, *observe), buffer);
    for (const std::string& segment : path) {
      coap_add_option(pdu, COAP_OPTION_URI_PATH, segment.size(), reinterpret_cast<const uint8_t*>(segment.data()));
    }
    if (!payload.empty()) {
      coap_add_option(pdu, COAP_OPTION_CONTENT_FORMAT, coap_encode_var_safe(buffer, 4, 11542), buffer);
    }
    if (accept) coap_add_option(pdu, COAP_OPTION_ACCEPT, coap_encode_var_safe(buffer, 4, *accept), buffer);
    if (!payload.empty()) {
      stored_payloads_.push_back(payload);
      const std::string& kept = stored_payloads_.back();
      coap_add_data_large_request(client_, pdu, kept.size(), reinterpret_cast<const uint8_t*>(kept.data()), nullptr,
                                  nullptr);
    }
    coap_send(client_, pdu);
    return {token, token + length};
  }

  std::vector<SeenResponse> responses;
  bool reject_notifications = false;

 private:
  static InProcessServer* self(coap_session_t* session) {
    return static_cast<InProcessServer*>(coap_get_app_data(coap_session_get_context(session)));
  }

  // Registration (Core TS §6.2.1 style): answer 2.01 with a Location-Path.
  static void on_register(coap_resource_t*, coap_session_t* session, const coap_pdu_t*, const coap_string_t*,
                          coap_pdu_t* response) {
    InProcessServer* server = self(session);
    if (server->client_ == nullptr) server->client_ = coap_session_reference(session);
    coap_pdu_set_code(response, COAP_RESPONSE_CODE_CREATED);
    coap_add_option(response, COAP_OPTION_LOCATION_PATH, 2, reinterpret_cast<const uint8_t*>("rd"));
    coap_add_option(response, COAP_OPTION_LOCATION_PATH, 4, reinterpret_cast<const uint8_t*>("ab12"));
  }

  static coap_response_t on_response(coap_session_t* session, const coap_pdu_t*, const coap_pdu_t* received,
                                     coap_mid_t) {
    InProcessServer* server = self(session);
    SeenResponse seen;
    seen.code = static_cast<uint8_t>(coap_pdu_get_code(received));
    coap_bin_const_t token = coap_pdu_get_token(received);
    seen.token.assign(token.s, token.s + token.length);
    coap_opt_iterator_t iterator;
    if (coap_opt_t* o = coap_check_option(received, COAP_OPTION_OBSERVE, &iterator)) {
      seen.observe = coap_decode_var_bytes(coap_opt_value(o), coap_opt_length(o));
    }
    if (coap_opt_t* o = coap_check_option(received, COAP_OPTION_CONTENT_FORMAT, &iterator)) {
      seen.content_format = static_cast<uint16_t>(coap_decode_var_bytes(coap_opt_value(o), coap_opt_length(o)));
    }
    size_t length = 0, offset = 0, total = 0;
    const uint8_t* data = nullptr;
    if (coap_get_data_large(received, &length, &data, &offset, &total)) seen.payload.assign(data, data + length);
    bool is_notification = seen.observe.has_value() && !server->responses.empty();
    server->responses.push_back(std::move(seen));
    return is_notification && server->reject_notifications ? COAP_RESPONSE_FAIL : COAP_RESPONSE_OK;
  }

  coap_context_t* context_ = nullptr;
  coap_session_t* client_ = nullptr;
  uint16_t port_ = 0;
  bool endpoint_ok_ = false;
  std::vector<std::string> stored_payloads_;  // alive until the server goes
};

// The engine's side: records each request and answers as configured.
class FakeEngine : public RequestHandler {
 public:
  struct Seen {
    ConnectionId from = 0;
    coap::Method method{};
    std::vector<std::string> path, query;
    std::optional<uint16_t> content_format, accept;
    std::optional<uint32_t> observe;
    coap::Token token;
    std::string payload;
  };

  void on_request(ConnectionId from, const coap::Request& request, std::span<uint8_t> buffer,
                  coap::Response& response) override {
    Seen seen;
    seen.from = from;
    seen.method = request.method;
    for (auto s : request.path) seen.path.emplace_back(s);
    for (auto s : request.query) seen.query.emplace_back(s);
    seen.content_format = request.content_format;
    seen.accept = request.accept;
    seen.observe = request.observe;
    seen.token = request.token;
    seen.payload.assign(request.payload.begin(), request.payload.end());
    requests.push_back(std::move(seen));

    response.code = answer_code;
    response.observe = answer_observe;
    response.content_format = answer_format;
    if (answer_payload.size() > buffer.size()) {
      response.code = coap::kInternalServerError;
      return;
    }
    std::copy(answer_payload.begin(), answer_payload.end(), buffer.begin());
    response.payload = buffer.first(answer_payload.size());
  }
  void on_notification_reset(ConnectionId from, const coap::Token& token) override {
    reset_from = from;
    reset_tokens.push_back(token);
  }

  uint8_t answer_code = coap::kContent;
  std::optional<uint32_t> answer_observe;
  std::optional<uint16_t> answer_format;
  std::string answer_payload;
  std::vector<Seen> requests;
  ConnectionId reset_from = 0;
  std::vector<coap::Token> reset_tokens;
};

class InProcess : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server.ready());
    endpoint.set_request_handler(engine);
    ConnectionSettings settings;
    uri = server.uri();
    settings.uri = uri;
    ASSERT_TRUE(endpoint.open(kServerId, settings).ok());
    // Register, so the server knows the client's session.
    static constexpr std::string_view kRd[] = {"rd"};
    static constexpr std::string_view kQuery[] = {"ep=node-1", "lt=300"};
    coap::Request reg;
    reg.method = coap::Method::kPost;
    reg.path = kRd;
    reg.query = kQuery;
    reg.content_format = 40;
    reg.payload = bytes_of("</1/0>,</3/0>");
    ASSERT_TRUE(endpoint.request(kServerId, reg, registration).ok());
    ASSERT_TRUE(run_until(step(), [&] { return registration.done && server.registered(); }));
  }

  std::function<void()> step() {
    return [this] {
      endpoint.poll(5);
      server.poll();
    };
  }

  bool wait_for_responses(size_t count) {
    return run_until(step(), [&] { return server.responses.size() >= count; });
  }

  InProcessServer server;
  LibcoapEndpoint endpoint;
  FakeEngine engine;
  RecordingResponse registration;
  std::string uri;
};

TEST_F(InProcess, RegisterGetsLocationPath) {
  EXPECT_EQ(registration.error, Error::kOk);
  EXPECT_EQ(registration.code, coap::kCreated);
  EXPECT_EQ(registration.location_path, (std::vector<std::string>{"rd", "ab12"}));
}

TEST_F(InProcess, ServerRequestReachesEngineAndAnswerReturns) {
  engine.answer_format = 11542;
  engine.answer_payload = "tlv-bytes";
  auto token = server.send(COAP_REQUEST_GET, {"3", "0", "1"}, std::nullopt, 11542);
  ASSERT_TRUE(wait_for_responses(1));
  ASSERT_EQ(engine.requests.size(), 1u);
  const auto& seen = engine.requests[0];
  EXPECT_EQ(seen.from, kServerId);
  EXPECT_EQ(seen.method, coap::Method::kGet);
  EXPECT_EQ(seen.path, (std::vector<std::string>{"3", "0", "1"}));
  EXPECT_EQ(seen.accept, 11542);
  EXPECT_FALSE(seen.observe.has_value());
  EXPECT_EQ(std::vector<uint8_t>(seen.token.bytes, seen.token.bytes + seen.token.size), token);
  EXPECT_EQ(server.responses[0].code, coap::kContent);
  EXPECT_EQ(server.responses[0].content_format, 11542);
  EXPECT_EQ(server.responses[0].payload, "tlv-bytes");
}

TEST_F(InProcess, ErrorAnswerCarriesNoPayload) {
  engine.answer_code = coap::kNotFound;
  server.send(COAP_REQUEST_DELETE, {"9", "9"}, std::nullopt, std::nullopt);
  ASSERT_TRUE(wait_for_responses(1));
  EXPECT_EQ(server.responses[0].code, coap::kNotFound);
  EXPECT_EQ(server.responses[0].payload, "");
}

// RFC 7641 §3.2/§4.2: the registration answer and the notifications carry
// the registration's token and increasing Observe numbers; RST ends it.
TEST_F(InProcess, ObserveNotificationsAndResetRfc7641) {
  engine.answer_format = 0;
  engine.answer_payload = "21.5";
  engine.answer_observe = 7;
  auto token = server.send(COAP_REQUEST_GET, {"3303", "0", "5700"}, 0, std::nullopt);
  ASSERT_TRUE(wait_for_responses(1));
  ASSERT_EQ(engine.requests.size(), 1u);
  EXPECT_EQ(engine.requests[0].observe, 0u);
  EXPECT_EQ(server.responses[0].observe, 7u);
  EXPECT_EQ(server.responses[0].payload, "21.5");
  coap::Token observed = engine.requests[0].token;

  coap::Response notification;
  notification.content_format = 0;
  notification.observe = 8;
  notification.payload = bytes_of("22.0");
  ASSERT_TRUE(endpoint.notify(kServerId, observed, notification, true).ok());
  ASSERT_TRUE(wait_for_responses(2));
  EXPECT_EQ(server.responses[1].token, token);
  EXPECT_EQ(server.responses[1].observe, 8u);
  EXPECT_EQ(server.responses[1].payload, "22.0");
  EXPECT_EQ(server.responses[1].code, coap::kContent);

  // Without a number from the engine the transport numbers it.
  notification.observe.reset();
  notification.payload = bytes_of("22.5");
  ASSERT_TRUE(endpoint.notify(kServerId, observed, notification, false).ok());
  ASSERT_TRUE(wait_for_responses(3));
  EXPECT_TRUE(server.responses[2].observe.has_value());
  EXPECT_EQ(server.responses[2].payload, "22.5");

  server.reject_notifications = true;
  notification.payload = bytes_of("23.0");
  ASSERT_TRUE(endpoint.notify(kServerId, observed, notification, true).ok());
  ASSERT_TRUE(run_until(step(), [&] { return !engine.reset_tokens.empty(); }));
  EXPECT_EQ(engine.reset_from, kServerId);
  EXPECT_EQ(engine.reset_tokens[0], observed);
}

TEST_F(InProcess, BlockwiseRequestFromServerRfc7959) {
  std::string body(3000, 'w');
  for (size_t i = 0; i < body.size(); i += 7) body[i] = static_cast<char>('a' + i % 26);
  engine.answer_code = coap::kChanged;
  server.send(COAP_REQUEST_PUT, {"1", "0", "1"}, std::nullopt, std::nullopt, body);
  ASSERT_TRUE(wait_for_responses(1));
  ASSERT_EQ(engine.requests.size(), 1u);
  EXPECT_EQ(engine.requests[0].payload, body);
  EXPECT_EQ(engine.requests[0].content_format, 11542);
  EXPECT_EQ(server.responses[0].code, coap::kChanged);
}

TEST_F(InProcess, BlockwiseAnswerToServerRfc7959) {
  engine.answer_format = 110;
  engine.answer_payload.assign(4500, 'r');
  for (size_t i = 0; i < engine.answer_payload.size(); i += 11) engine.answer_payload[i] = static_cast<char>('0' + i % 10);
  server.send(COAP_REQUEST_GET, {"3"}, std::nullopt, 110);
  ASSERT_TRUE(wait_for_responses(1));
  EXPECT_EQ(server.responses[0].code, coap::kContent);
  EXPECT_EQ(server.responses[0].content_format, 110);
  EXPECT_EQ(server.responses[0].payload, engine.answer_payload);
  EXPECT_EQ(engine.requests.size(), 1u);  // later blocks came from libcoap's copy
}

TEST_F(InProcess, TooManyPathSegmentsIsBadRequest) {
  server.send(COAP_REQUEST_GET, {"1", "2", "3", "4", "5", "6", "7", "8", "9"}, std::nullopt, std::nullopt);
  ASSERT_TRUE(wait_for_responses(1));
  EXPECT_EQ(server.responses[0].code, coap::kBadRequest);
  EXPECT_TRUE(engine.requests.empty());
}

TEST_F(InProcess, NotificationMustFitOnePdu) {
  std::string big(2000, 'n');
  coap::Response notification;
  notification.content_format = 0;
  notification.payload = bytes_of(big);
  coap::Token token;
  token.size = 2;
  EXPECT_EQ(endpoint.notify(kServerId, token, notification, true).error(), Error::kBufferTooSmall);
  EXPECT_EQ(endpoint.notify(kServerId + 1, token, notification, true).error(), Error::kNotFound);
}

// The engine may close (and reopen) a connection from inside a callback.
class ClosingEngine : public RequestHandler {
 public:
  explicit ClosingEngine(LibcoapEndpoint& endpoint) : endpoint_(endpoint) {}
  void on_request(ConnectionId from, const coap::Request&, std::span<uint8_t>, coap::Response& response) override {
    response.code = coap::kChanged;
    endpoint_.close(from);
    closed = true;
  }
  void on_notification_reset(ConnectionId, const coap::Token&) override {}
  bool closed = false;

 private:
  LibcoapEndpoint& endpoint_;
};

TEST_F(InProcess, CloseFromInsideRequestHandler) {
  ClosingEngine closing(endpoint);
  endpoint.set_request_handler(closing);
  server.send(COAP_REQUEST_POST, {"1", "0", "8"}, std::nullopt, std::nullopt);
  ASSERT_TRUE(run_until(step(), [&] { return closing.closed; }));
  for (int i = 0; i < 5; ++i) step()();
  RecordingResponse after;
  coap::Request request;
  EXPECT_EQ(endpoint.request(kServerId, request, after).error(), Error::kNotFound);
}

}  // namespace
}  // namespace lwm2m::transport::testing
