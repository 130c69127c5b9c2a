// The LwM2M test server against stand-in clients on loopback: libcoap's
// coap-client-gnutls for the Registration interface (Core TS 1.2 §6.2), and
// the project's LibcoapEndpoint with a fake device for everything the server
// sends (§6.1 Bootstrap, §6.3 Device Management, §6.4 Reporting).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <sstream>
#include <thread>

#include "tests/server/script_runner.h"
#include "tests/server/test_server.h"
#include "transport/libcoap_endpoint.h"

namespace lwm2m::test_server {
namespace {

constexpr ConnectionId kId = 1;
constexpr Milliseconds kShort{3000};

std::span<const uint8_t> bytes_of(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

// Runs a program with a bounded wait; its exit code (or -1).
int run_program(std::vector<std::string> arguments, int timeout_ms = 10000) {
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (std::string& a : arguments) argv.push_back(a.data());
    argv.push_back(nullptr);
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  for (int waited = 0; waited < timeout_ms; waited += 10) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::this_thread::sleep_for(Milliseconds(10));
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  return -1;
}

// What the fake device saw of one server request.
struct Seen {
  coap::Method method{};
  std::string path;  // "/3/0/1"
  std::vector<std::string> query;
  std::optional<uint16_t> content_format, accept;
  std::optional<uint32_t> observe;
  coap::Token token;
  std::string payload;
};

// A device behind the project's libcoap endpoint, polled by its own thread.
class FakeDevice : public RequestHandler, public transport::CredentialSource {
 public:
  explicit FakeDevice(std::string psk_key = "secret-key")
      : psk_key_(std::move(psk_key)), endpoint_(this, options()) {
    endpoint_.set_request_handler(*this);
    thread_ = std::thread([this] {
      while (running_) {
        {
          std::lock_guard<std::mutex> lock(mutex_);
          if (polling_) endpoint_.poll(0);
        }
        std::this_thread::sleep_for(Milliseconds(2));
      }
    });
  }
  ~FakeDevice() {
    running_ = false;
    thread_.join();
  }

  static transport::LibcoapEndpointOptions options() {
    transport::LibcoapEndpointOptions o;
    o.ack_timeout_ms = 1000;
    o.max_retransmit = 2;
    return o;
  }

  // Sends a request and waits (bounded) for its answer; the code, or 0.
  struct Reply : ResponseHandler {
    void on_response(const coap::Response& r) override {
      code = r.code;
      for (auto s : r.location_path) location.emplace_back(s);
      done = true;
    }
    void on_failure(Error) override { done = true; }
    bool done = false;
    uint8_t code = 0;
    std::vector<std::string> location;
  };
  Reply call(const std::string& uri, SecurityMode mode, coap::Method method, std::vector<std::string_view> path,
             std::vector<std::string_view> query, std::string payload, std::optional<uint16_t> format = 40,
             Milliseconds timeout = kShort) {
    Reply reply;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      uri_ = uri;
      ConnectionSettings settings;
      settings.uri = uri_;
      settings.mode = mode;
      if (!opened_ || uri != opened_uri_) {
        if (!endpoint_.open(kId, settings).ok()) return reply;
        opened_ = true;
        opened_uri_ = uri;
      }
      payload_ = std::move(payload);
      coap::Request request;
      request.method = method;
      request.path = path;
      request.query = query;
      request.content_format = payload_.empty() ? std::nullopt : format;
      request.payload = bytes_of(payload_);
      if (!endpoint_.request(kId, request, reply).ok()) return reply;
    }
    auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (reply.done) return reply;
      }
      std::this_thread::sleep_for(Milliseconds(5));
    }
    std::lock_guard<std::mutex> lock(mutex_);
    endpoint_.close(kId);  // forget the handler before it goes out of scope
    opened_ = false;
    return reply;
  }

  Reply register_as(const std::string& uri, const std::string& ep, SecurityMode mode = SecurityMode::kNoSec,
                    std::string links = "</1/0>,</3/0>", std::string version = "lwm2m=1.2") {
    std::string ep_query = "ep=" + ep;
    return call(uri, mode, coap::Method::kPost, {"rd"}, {ep_query, "lt=60", version, "b=U"}, std::move(links));
  }

  void notify(const std::string& text, uint32_t sequence) {
    std::lock_guard<std::mutex> lock(mutex_);
    notification_text_ = text;
    coap::Response n;
    n.code = coap::kContent;
    n.content_format = 0;
    n.observe = sequence;
    n.payload = bytes_of(notification_text_);
    notify_status_ = endpoint_.notify(kId, observed_, n, true);
  }

  void set_polling(bool on) {
    std::lock_guard<std::mutex> lock(mutex_);
    polling_ = on;
  }
  std::vector<Seen> seen() {
    std::lock_guard<std::mutex> lock(mutex_);
    return seen_;
  }
  size_t resets() {
    std::lock_guard<std::mutex> lock(mutex_);
    return resets_;
  }

  // RequestHandler (called from the polling thread, mutex_ held).
  void on_request(ConnectionId, const coap::Request& request, std::span<uint8_t> buffer,
                  coap::Response& response) override {
    Seen s;
    s.method = request.method;
    for (auto segment : request.path) s.path += "/" + std::string(segment);
    if (s.path.empty()) s.path = "/";
    for (auto q : request.query) s.query.emplace_back(q);
    s.content_format = request.content_format;
    s.accept = request.accept;
    s.observe = request.observe;
    s.token = request.token;
    s.payload.assign(request.payload.begin(), request.payload.end());
    seen_.push_back(s);
    answer(s, buffer, response);
  }
  void on_notification_reset(ConnectionId, const coap::Token&) override { ++resets_; }

  Status psk(uint16_t, transport::PskCredentials& out) override {
    out.identity = bytes_of(identity_);
    out.key = bytes_of(psk_key_);
    return kOk;
  }
  Status certificate(uint16_t, transport::CertificateCredentials&) override { return Error::kNotFound; }

  Status notify_status_;

 private:
  void put(std::span<uint8_t> buffer, coap::Response& response, const std::vector<uint8_t>& bytes) {
    std::copy(bytes.begin(), bytes.end(), buffer.begin());
    response.payload = buffer.first(bytes.size());
  }
  void put(std::span<uint8_t> buffer, coap::Response& response, std::string_view text) {
    put(buffer, response, std::vector<uint8_t>(text.begin(), text.end()));
  }

  // Answers like a tiny Device object: /3/0/0 "Acme", /3/0/9 battery 87.
  void answer(const Seen& s, std::span<uint8_t> buffer, coap::Response& response) {
    response.code = coap::kContent;
    switch (s.method) {
      case coap::Method::kGet: {
        if (s.observe == 1u) {
          response.code = coap::kContent;
          response.content_format = 0;
          put(buffer, response, "cancelled");
          return;
        }
        if (s.observe == 0u) {
          observed_ = s.token;
          response.observe = 1;
        }
        if (s.accept == 40u) {
          response.content_format = 40;
          put(buffer, response, "</3/0>,</3/0/0>,</3/0/9>");
          return;
        }
        if (s.path == "/3/0/0") {
          response.content_format = 0;
          put(buffer, response, "Acme");
          return;
        }
        if (s.path == "/3/0") {
          uint16_t format = s.accept.value_or(11542);
          Record records[] = {{Path(3, 0, 0), Value::of_string("Acme")}, {Path(3, 0, 9), Value::of_integer(87)}};
          Result<std::vector<uint8_t>> payload = encode_records(format, Path(3, 0), records);
          if (!payload.ok()) {
            response.code = coap::kNotAcceptable;
            return;
          }
          response.content_format = format;
          put(buffer, response, *payload);
          return;
        }
        response.code = coap::kNotFound;
        return;
      }
      case coap::Method::kFetch: {
        Record records[] = {{Path(3, 0, 0), Value::of_string("Acme")}};
        Result<std::vector<uint8_t>> payload = encode_records(s.accept.value_or(110), Path(), records);
        response.content_format = s.accept.value_or(110);
        if (s.observe == 0u) {
          observed_ = s.token;
          response.observe = 1;
        }
        put(buffer, response, *payload);
        return;
      }
      case coap::Method::kDelete:
        response.code = coap::kDeleted;
        return;
      case coap::Method::kPost:
        response.code = (s.path == "/3303" || s.path == "/1") ? coap::kCreated : coap::kChanged;
        return;
      default:
        response.code = coap::kChanged;
        return;
    }
  }

  std::mutex mutex_;
  std::thread thread_;
  std::atomic<bool> running_{true};
  bool polling_ = true;
  std::string identity_ = "device-1";
  std::string psk_key_;
  transport::LibcoapEndpoint endpoint_;
  std::string uri_, opened_uri_, payload_, notification_text_;
  bool opened_ = false;
  std::vector<Seen> seen_;
  coap::Token observed_;
  size_t resets_ = 0;
};

class TestServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerConfig config;
    config.udp = true;
    config.dtls = true;
    config.tcp = true;
    std::string key = "secret-key";
    config.psk.push_back({"device-1", std::vector<uint8_t>(key.begin(), key.end())});
    std::string error;
    ASSERT_TRUE(server.start(config, &error)) << error;
  }

  // A registered fake device named "dev".
  void register_device() {
    FakeDevice::Reply reply = device.register_as(server.uri(Transport::kUdp), "dev");
    ASSERT_EQ(reply.code, coap::kCreated);
    ASSERT_TRUE(server.wait_registered("dev", kShort));
  }

  TestServer server;
  FakeDevice device;
};

// §6.2.1 Register and §6.2.2 Update, §6.2.3 De-register, from libcoap's own client.
TEST_F(TestServerTest, RegistrationLifecycleFromCoapClient) {
  std::string base = server.uri(Transport::kUdp);
  ASSERT_EQ(run_program({"coap-client-gnutls", "-B", "5", "-m", "post", "-e", "</1/0>,</3/0>;ver=1.1",
                         base + "/rd?ep=test&lt=60&lwm2m=1.1&b=UQ"}),
            0);
  ASSERT_TRUE(server.wait_registered("test", kShort));
  std::optional<ClientRecord> record = server.client("test");
  ASSERT_TRUE(record);
  EXPECT_EQ(record->location, "rd/1");
  EXPECT_EQ(record->lifetime, 60u);
  EXPECT_EQ(record->version, "1.1");
  EXPECT_EQ(record->binding, "UQ");
  EXPECT_EQ(record->objects, (std::vector<std::string>{"/1/0", "/3/0"}));
  EXPECT_EQ(record->transport, Transport::kUdp);

  ASSERT_EQ(run_program({"coap-client-gnutls", "-B", "5", "-m", "post", base + "/rd/1?lt=30"}), 0);
  ASSERT_TRUE(server.wait_updates("test", 1, kShort));
  EXPECT_EQ(server.client("test")->lifetime, 30u);

  ASSERT_EQ(run_program({"coap-client-gnutls", "-B", "5", "-m", "delete", base + "/rd/1"}), 0);
  ASSERT_TRUE(server.wait_deregistered("test", kShort));
  record = server.client("test");
  ASSERT_EQ(record->history.size(), 3u);
  EXPECT_EQ(record->history[0].kind, RegistrationEvent::kRegister);
  EXPECT_EQ(record->history[1].kind, RegistrationEvent::kUpdate);
  EXPECT_EQ(record->history[2].kind, RegistrationEvent::kDeregister);
  EXPECT_LE(record->history[0].at, record->history[2].at);
}

TEST_F(TestServerTest, RegisterGivesLocationPathAndUpdateOfUnknownIsNotFound) {
  FakeDevice::Reply reply = device.register_as(server.uri(Transport::kUdp), "dev");
  EXPECT_EQ(reply.code, coap::kCreated);
  EXPECT_EQ(reply.location, (std::vector<std::string>{"rd", "1"}));
  reply = device.call(server.uri(Transport::kUdp), SecurityMode::kNoSec, coap::Method::kPost, {"rd", "1"}, {}, "");
  EXPECT_EQ(reply.code, coap::kChanged);
  reply = device.call(server.uri(Transport::kUdp), SecurityMode::kNoSec, coap::Method::kPost, {"rd", "77"}, {}, "");
  EXPECT_EQ(reply.code, coap::kNotFound);
}

TEST_F(TestServerTest, RegisterWithoutEndpointNameIsBadRequest) {
  FakeDevice::Reply reply = device.call(server.uri(Transport::kUdp), SecurityMode::kNoSec, coap::Method::kPost,
                                        {"rd"}, {"lt=60"}, "</3/0>");
  EXPECT_EQ(reply.code, coap::kBadRequest);
  EXPECT_TRUE(server.endpoints().empty());
}

// INTEROP-NOTES: 1.1 servers refuse lwm2m=1.2 with 4.12 (or 4.00).
TEST_F(TestServerTest, RefusesVersion12WhenConfigured) {
  Behaviour behaviour;
  behaviour.refuse_lwm2m_1_2 = coap::kPreconditionFailed;
  server.set_behaviour(behaviour);
  std::string uri = server.uri(Transport::kUdp);
  EXPECT_EQ(device.register_as(uri, "dev").code, coap::kPreconditionFailed);
  EXPECT_FALSE(server.client("dev"));
  EXPECT_EQ(device.register_as(uri, "dev", SecurityMode::kNoSec, "</3/0>", "lwm2m=1.1").code, coap::kCreated);
  std::vector<RegistrationEvent> attempts = server.register_attempts();
  ASSERT_EQ(attempts.size(), 2u);
  EXPECT_EQ(attempts[0].answered_code, coap::kPreconditionFailed);
  EXPECT_EQ(attempts[1].answered_code, coap::kCreated);
}

TEST_F(TestServerTest, RefusesQuotedContentTypeListWhenConfigured) {
  Behaviour behaviour;
  behaviour.refuse_quoted_ct = true;
  server.set_behaviour(behaviour);
  std::string uri = server.uri(Transport::kUdp);
  EXPECT_EQ(device.register_as(uri, "dev", SecurityMode::kNoSec, "</>;ct=\"60 110\",</3/0>").code, coap::kBadRequest);
  EXPECT_EQ(device.register_as(uri, "dev", SecurityMode::kNoSec, "</>;ct=110,</3/0>").code, coap::kCreated);
}

TEST_F(TestServerTest, DelayedAndDroppedRegisterAnswers) {
  Behaviour behaviour;
  behaviour.response_delay_ms = 1200;
  server.set_behaviour(behaviour);
  auto start = Clock::now();
  EXPECT_EQ(device.register_as(server.uri(Transport::kUdp), "slow").code, coap::kCreated);
  EXPECT_GE(Clock::now() - start, Milliseconds(1100));

  // The first Register is lost; the CON retransmission is answered.
  behaviour.response_delay_ms = 0;
  behaviour.drop_responses = 1;
  server.set_behaviour(behaviour);
  start = Clock::now();
  EXPECT_EQ(device.register_as(server.uri(Transport::kUdp), "lossy").code, coap::kCreated);
  EXPECT_GE(Clock::now() - start, Milliseconds(900));
}

TEST_F(TestServerTest, DtlsPskRegistration) {
  FakeDevice::Reply reply = device.register_as(server.uri(Transport::kDtls), "secure", SecurityMode::kPsk);
  EXPECT_EQ(reply.code, coap::kCreated);
  ASSERT_TRUE(server.client("secure"));
  EXPECT_EQ(server.client("secure")->transport, Transport::kDtls);
}

TEST_F(TestServerTest, DtlsWithWrongKeyIsNotRegistered) {
  FakeDevice intruder("wrong-key");
  FakeDevice::Reply reply = intruder.register_as(server.uri(Transport::kDtls), "intruder", SecurityMode::kPsk);
  EXPECT_EQ(reply.code, 0);
  EXPECT_FALSE(server.client("intruder"));
}

TEST_F(TestServerTest, TcpRegistrationAndRead) {
  ASSERT_EQ(device.register_as(server.uri(Transport::kTcp), "tcp").code, coap::kCreated);
  EXPECT_EQ(server.client("tcp")->transport, Transport::kTcp);
  Answer answer = server.read("tcp", "/3/0/0", std::nullopt, kShort);
  EXPECT_EQ(answer.code, coap::kContent);
  EXPECT_EQ(answer.text(), "Acme");
}

// §6.3.1 Read, with the answer decoded by the project's decoders.
TEST_F(TestServerTest, ReadDecodesRecordsInTlvAndSenmlJson) {
  register_device();
  for (uint16_t format : {uint16_t{11542}, uint16_t{110}}) {
    Answer answer = server.read("dev", "/3/0", format, kShort);
    ASSERT_EQ(answer.code, coap::kContent) << format;
    EXPECT_EQ(answer.content_format, format);
    Result<std::vector<OwnedRecord>> records = answer.records(Path(3, 0));
    ASSERT_TRUE(records.ok()) << error_name(records.error());
    ASSERT_EQ(records->size(), 2u);
    EXPECT_EQ((*records)[0].path_text(), "/3/0/0");
    EXPECT_EQ(*(*records)[0].as_string(), "Acme");
    EXPECT_EQ(*(*records)[1].as_integer(), 87);
  }
  Seen last = device.seen().back();
  EXPECT_EQ(last.method, coap::Method::kGet);
  EXPECT_EQ(last.path, "/3/0");
  EXPECT_EQ(last.accept, 110);
}

// §6.3.3 Write (replace and partial), §6.3.5 Execute, Create, Delete.
TEST_F(TestServerTest, WriteExecuteCreateDeleteReachTheClient) {
  register_device();
  Record lifetime[] = {{Path(1, 0, 1), Value::of_integer(300)}};
  EXPECT_EQ(server.write("dev", "/1/0/1", 11542, lifetime, true, kShort).code, coap::kChanged);
  EXPECT_EQ(server.write("dev", "/1/0", 110, std::span<const Record>(lifetime), false, kShort).code, coap::kChanged);
  EXPECT_EQ(server.execute("dev", "/1/0/8", "0='x'", kShort).code, coap::kChanged);
  Record sensor[] = {{Path(3303, 0, 5700), Value::of_float(21.5)}};
  EXPECT_EQ(server.create("dev", "/3303", 110, sensor, kShort).code, coap::kCreated);
  EXPECT_EQ(server.remove("dev", "/3303/0", kShort).code, coap::kDeleted);

  std::vector<Seen> seen = device.seen();
  ASSERT_EQ(seen.size(), 5u);
  EXPECT_EQ(seen[0].method, coap::Method::kPut);
  EXPECT_EQ(seen[0].content_format, 11542);
  Result<std::vector<OwnedRecord>> written = decode_records(11542, bytes_of(seen[0].payload), Path(1, 0, 1));
  ASSERT_TRUE(written.ok());
  ASSERT_EQ(written->size(), 1u);
  EXPECT_EQ(*(*written)[0].as_integer(), 300);
  EXPECT_EQ(seen[1].method, coap::Method::kPost);
  EXPECT_EQ(seen[1].content_format, 110);
  EXPECT_EQ(seen[2].path, "/1/0/8");
  EXPECT_EQ(seen[2].payload, "0='x'");
  EXPECT_EQ(seen[3].path, "/3303");
  EXPECT_EQ(seen[4].method, coap::Method::kDelete);
}

// §6.3.4 Discover and Write-Attributes carry their queries.
TEST_F(TestServerTest, DiscoverAndWriteAttributes) {
  register_device();
  Answer discover = server.discover("dev", "/3/0", 1, kShort);
  EXPECT_EQ(discover.code, coap::kContent);
  EXPECT_EQ(discover.content_format, 40);
  EXPECT_EQ(discover.text(), "</3/0>,</3/0/0>,</3/0/9>");
  EXPECT_EQ(server.write_attributes("dev", "/3/0/9", {"pmin=1", "pmax=10", "gt=50"}, kShort).code, coap::kChanged);
  std::vector<Seen> seen = device.seen();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].accept, 40);
  EXPECT_EQ(seen[0].query, (std::vector<std::string>{"depth=1"}));
  EXPECT_EQ(seen[1].method, coap::Method::kPut);
  EXPECT_EQ(seen[1].query, (std::vector<std::string>{"pmin=1", "pmax=10", "gt=50"}));
  EXPECT_TRUE(seen[1].payload.empty());
}

// §6.3.2 Read-Composite (FETCH) and §6.3.7 Write-Composite (iPATCH).
TEST_F(TestServerTest, CompositeOperations) {
  register_device();
  for (uint16_t format : {uint16_t{110}, uint16_t{112}}) {
    Answer answer = server.read_composite("dev", {"/3/0/0", "/1/0/1"}, format, std::nullopt, kShort);
    ASSERT_EQ(answer.code, coap::kContent);
    Result<std::vector<OwnedRecord>> records = answer.records(Path());
    ASSERT_TRUE(records.ok());
    ASSERT_EQ(records->size(), 1u);
    EXPECT_EQ(*(*records)[0].as_string(), "Acme");
    Seen fetch = device.seen().back();
    EXPECT_EQ(fetch.method, coap::Method::kFetch);
    EXPECT_EQ(fetch.content_format, format);
    Result<std::vector<OwnedRecord>> names = decode_records(format, bytes_of(fetch.payload), Path());
    ASSERT_TRUE(names.ok()) << error_name(names.error());
    ASSERT_EQ(names->size(), 2u);
    EXPECT_EQ((*names)[1].path_text(), "/1/0/1");
    EXPECT_EQ((*names)[1].type, DataType::kNone);
  }
  Record records[] = {{Path(1, 0, 1), Value::of_integer(120)}, {Path(3, 0, 14), Value::of_string("+02")}};
  EXPECT_EQ(server.write_composite("dev", 112, records, kShort).code, coap::kChanged);
  Seen patch = device.seen().back();
  EXPECT_EQ(patch.method, coap::Method::kIPatch);
  Result<std::vector<OwnedRecord>> decoded = decode_records(112, bytes_of(patch.payload), Path());
  ASSERT_TRUE(decoded.ok());
  ASSERT_EQ(decoded->size(), 2u);
  EXPECT_EQ(*(*decoded)[1].as_string(), "+02");
}

// §6.4.1 Observe, notifications with timestamps, §6.4.2 cancel (RFC 7641 §3.6).
TEST_F(TestServerTest, ObserveNotificationsAndCancelByGet) {
  register_device();
  TestServer::Observation o = server.observe("dev", "/3/0/0", std::nullopt, {"pmin=1"}, kShort);
  ASSERT_NE(o.id, 0u);
  EXPECT_EQ(o.first.code, coap::kContent);
  EXPECT_EQ(o.first.observe, 1u);
  EXPECT_EQ(device.seen().back().query, (std::vector<std::string>{"pmin=1"}));
  device.notify("Beta", 2);
  device.notify("Gamma", 3);
  ASSERT_TRUE(server.wait_notifications(o.id, 2, kShort));
  std::vector<Answer> notes = server.notifications(o.id);
  EXPECT_EQ(notes[0].text(), "Beta");
  EXPECT_EQ(notes[1].text(), "Gamma");
  EXPECT_LE(notes[0].at, notes[1].at);

  Answer cancel = server.cancel_observe(o.id, CancelMode::kGetSameToken, kShort);
  EXPECT_EQ(cancel.text(), "cancelled");
  Seen last = device.seen().back();
  EXPECT_EQ(last.observe, 1u);
  EXPECT_EQ(last.path, "/3/0/0");
}

TEST_F(TestServerTest, CancelWithNewTokenAndPassiveReset) {
  register_device();
  TestServer::Observation first = server.observe("dev", "/3/0/0", std::nullopt, {}, kShort);
  coap::Token observe_token = device.seen().back().token;
  EXPECT_EQ(server.cancel_observe(first.id, CancelMode::kGetNewToken, kShort).code, coap::kContent);
  EXPECT_FALSE(device.seen().back().token == observe_token);
  EXPECT_EQ(device.seen().back().observe, 1u);

  TestServer::Observation second = server.observe("dev", "/3/0/0", std::nullopt, {}, kShort);
  ASSERT_EQ(second.first.code, coap::kContent);
  std::thread notifier([&] {
    std::this_thread::sleep_for(Milliseconds(200));
    device.notify("Delta", 5);
  });
  Answer reset = server.cancel_observe(second.id, CancelMode::kReset, kShort);
  notifier.join();
  EXPECT_EQ(reset.text(), "Delta");
  auto deadline = Clock::now() + kShort;
  while (device.resets() == 0 && Clock::now() < deadline) std::this_thread::sleep_for(Milliseconds(10));
  EXPECT_EQ(device.resets(), 1u);
}

TEST_F(TestServerTest, ObserveCompositeUsesFetch) {
  register_device();
  TestServer::Observation o = server.observe_composite("dev", {"/3/0/0"}, 110, std::nullopt, kShort);
  EXPECT_EQ(o.first.code, coap::kContent);
  Seen fetch = device.seen().back();
  EXPECT_EQ(fetch.method, coap::Method::kFetch);
  EXPECT_EQ(fetch.observe, 0u);
  EXPECT_EQ(fetch.payload, "[{\"n\":\"/3/0/0\"}]");
}

// §6.4.4 Send: POST /dp is answered 2.04 and kept with its payload.
TEST_F(TestServerTest, SendIsRecorded) {
  register_device();
  Record records[] = {{Path(3, 0, 9), Value::of_integer(42)}};
  Result<std::vector<uint8_t>> payload = encode_records(110, Path(), records);
  ASSERT_TRUE(payload.ok());
  FakeDevice::Reply reply = device.call(server.uri(Transport::kUdp), SecurityMode::kNoSec, coap::Method::kPost,
                                        {"dp"}, {}, std::string(payload->begin(), payload->end()), 110);
  EXPECT_EQ(reply.code, coap::kChanged);
  ASSERT_TRUE(server.wait_sends(1, kShort));
  SendRecord send = server.sends()[0];
  EXPECT_EQ(send.endpoint, "dev");
  EXPECT_EQ(send.content_format, 110);
  EXPECT_EQ(send.payload, *payload);
}

// §6.1.3 Client Initiated Bootstrap, then the server's bootstrap operations.
TEST_F(TestServerTest, BootstrapSequence) {
  FakeDevice::Reply reply = device.call(server.uri(Transport::kUdp), SecurityMode::kNoSec, coap::Method::kPost,
                                        {"bs"}, {"ep=boot", "pct=11542"}, "");
  EXPECT_EQ(reply.code, coap::kChanged);
  ASSERT_TRUE(server.wait_bootstrap_request("boot", kShort));
  EXPECT_EQ(server.bootstrap_requests()[0].query, (std::vector<std::string>{"ep=boot", "pct=11542"}));

  EXPECT_EQ(server.bootstrap_delete("boot", "/", kShort).code, coap::kDeleted);
  Record security[] = {{Path(0, 1, 0), Value::of_string("coap://127.0.0.1:5683")},
                       {Path(0, 1, 1), Value::of_boolean(false)},
                       {Path(0, 1, 2), Value::of_integer(3)}};
  EXPECT_EQ(server.bootstrap_write("boot", "/0/1", 11542, security, kShort).code, coap::kChanged);
  EXPECT_EQ(server.bootstrap_discover("boot", "/", kShort).code, coap::kContent);
  EXPECT_EQ(server.bootstrap_finish("boot", kShort).code, coap::kChanged);

  std::vector<Seen> seen = device.seen();
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[0].method, coap::Method::kDelete);
  EXPECT_EQ(seen[0].path, "/");
  EXPECT_EQ(seen[1].method, coap::Method::kPut);
  Result<std::vector<OwnedRecord>> written = decode_records(11542, bytes_of(seen[1].payload), Path(0, 1));
  ASSERT_TRUE(written.ok());
  ASSERT_EQ(written->size(), 3u);
  EXPECT_EQ(*(*written)[0].as_string(), "coap://127.0.0.1:5683");
  EXPECT_EQ(seen[3].method, coap::Method::kPost);
  EXPECT_EQ(seen[3].path, "/bs");
}

TEST_F(TestServerTest, SilentClientTimesOutWithinBound) {
  register_device();
  device.set_polling(false);
  auto start = Clock::now();
  Answer answer = server.read("dev", "/3/0/0", std::nullopt, Milliseconds(300));
  EXPECT_FALSE(answer.answered());
  EXPECT_LT(Clock::now() - start, Milliseconds(2000));
  EXPECT_EQ(server.read("nobody", "/3/0/0", std::nullopt, Milliseconds(100)).code, 0);
}

TEST_F(TestServerTest, ScriptDrivesAClient) {
  register_device();
  std::istringstream script(
      "# a session as the interop scripts write it\n"
      "timeout 3\n"
      "wait-register dev\n"
      "read /3/0 tlv\n"
      "expect-code 2.05\n"
      "expect-format tlv\n"
      "expect-value /3/0/0 Acme\n"
      "expect-value /3/0/9 87\n"
      "write /1/0/1 text 300\n"
      "expect-code 2.04\n"
      "write /1/0/1 senml-cbor int 120\n"
      "execute /1/0/8 0='a b'\n"
      "observe /3/0/0\n"
      "expect-contains Acme\n"
      "exit 0\n"
      "read /never/reached\n");
  std::ostringstream log;
  ScriptRunner runner(server, log);
  EXPECT_EQ(runner.run(script), 0) << log.str();
  std::vector<Seen> seen = device.seen();
  ASSERT_EQ(seen.size(), 5u);
  EXPECT_EQ(seen[1].payload, "300");
  EXPECT_EQ(seen[2].content_format, 112);
  EXPECT_EQ(seen[3].payload, "0='a b'");
  EXPECT_EQ(seen[4].observe, 0u);
}

TEST_F(TestServerTest, ScriptStopsAtFailedExpectation) {
  register_device();
  std::istringstream script("endpoint dev\nread /3/0/0\nexpect-code 4.04\nread /3/0/0\n");
  std::ostringstream log;
  ScriptRunner runner(server, log);
  EXPECT_EQ(runner.run(script), 1);
  EXPECT_NE(log.str().find("FAILED at line 3"), std::string::npos) << log.str();
  EXPECT_EQ(device.seen().size(), 1u);
}

TEST(TestServerHelpers, CodesFormatsAndCompositePaths) {
  EXPECT_EQ(parse_code("2.05"), coap::kContent);
  EXPECT_EQ(parse_code("4.12"), coap::kPreconditionFailed);
  EXPECT_EQ(parse_code("4.32"), 0);
  EXPECT_EQ(parse_code("205"), 0);
  EXPECT_EQ(code_text(coap::kNotFound), "4.04");
  EXPECT_EQ(code_text(0), "none");
  EXPECT_EQ(parse_format("tlv"), 11542);
  EXPECT_EQ(parse_format("1542"), 1542);
  EXPECT_FALSE(parse_format("xml"));
  EXPECT_FALSE(parse_format("99999"));
  std::string expected = "[{\"n\":\"/3/0\"}]";
  EXPECT_EQ(encode_composite_paths(110, {"/3/0"}).value(), std::vector<uint8_t>(expected.begin(), expected.end()));
  EXPECT_EQ(encode_composite_paths(110, {"/3/x"}).error(), Error::kInvalidPath);
  EXPECT_EQ(encode_composite_paths(11542, {"/3/0"}).error(), Error::kUnsupportedFormat);
  EXPECT_FALSE(decode_records(11542, bytes_of("\xc8"), Path(3, 0)).ok());  // truncated TLV
}

TEST(TestServerStart, BadAddressAndDoubleStop) {
  TestServer server;
  ServerConfig config;
  config.address = "not-an-address";
  std::string error;
  EXPECT_FALSE(server.start(config, &error));
  EXPECT_FALSE(error.empty());
  config.address = "127.0.0.1";
  config.dtls = true;  // without PSK or certificate
  EXPECT_FALSE(server.start(config, &error));
  server.stop();
  config.dtls = false;
  config.address = "::1";
  EXPECT_TRUE(server.start(config, &error)) << error;
  EXPECT_EQ(server.uri(Transport::kUdp).rfind("coap://[::1]:", 0), 0u);
  server.stop();
  server.stop();
}

}  // namespace
}  // namespace lwm2m::test_server
