// The real lwm2m-client process behind an unreliable network
// (lossy_udp_proxy.h): 20 % of the datagrams lost either way, 5 % duplicated,
// 5 % held back so later ones overtake them. CoAP's CON retransmission
// (RFC 7252 §4.2) and deduplication (§4.5) must carry Register, Reads,
// block-wise transfers (RFC 7959) and notifications through. Then a server
// that goes away and comes back, and malformed requests a server might send.
//
// The client program keeps libcoap's default transmission parameters
// (ACK_TIMEOUT 2 s, MAX_RETRANSMIT 4; it has no flag to shorten them), so the
// waits here are long but bounded. Fixed seeds keep the loss pattern the same
// from run to run, as far as timing allows.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/client_process.h"
#include "tests/integration/lossy_udp_proxy.h"
#include "tests/server/test_server.h"

#ifndef LWM2M_CLIENT_PROGRAM
#error "LWM2M_CLIENT_PROGRAM must name the built lwm2m-client"
#endif

namespace lwm2m::test_server {
namespace {

using test_support::LossyUdpProxy;
using test_support::LossyUdpProxyConfig;

constexpr const char* kEndpoint = "lossy-test";
// Long enough for an exchange to need three or four CON retransmissions.
constexpr Milliseconds kLossyWait{25000};
constexpr Milliseconds kWait{10000};
constexpr uint16_t kTlv = 11542;
constexpr uint16_t kSenmlJson = 110;
constexpr uint16_t kSenmlCbor = 112;
constexpr uint16_t kTextPlain = 0;
constexpr size_t kOneBlock = 1024;  // the largest Block2 size (RFC 7959 §2.2)

std::string log_path(const char* what) {
  return ::testing::TempDir() + "lwm2m-client-" + what + "-" +
         ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".log";
}

// TestServer <- proxy <- lwm2m-client, the proxy configured by the test.
class ProxiedClient : public ::testing::Test {
 protected:
  void start(LossyUdpProxyConfig proxy_config, const std::string& lifetime, Milliseconds register_wait) {
    std::string error;
    ServerConfig config;
    config.address = "127.0.0.1";
    ASSERT_TRUE(server_.start(config, &error)) << error;
    proxy_config.target_port = server_.port(Transport::kUdp);
    proxy_config_ = proxy_config;
    ASSERT_TRUE(proxy_.start(proxy_config, &error)) << error;
    ASSERT_TRUE(client_.start({LWM2M_CLIENT_PROGRAM, "-u", proxy_.uri(), "-e", kEndpoint, "-l", lifetime, "-vv"},
                              log_path("lossy")));
    ASSERT_TRUE(server_.wait_registered(kEndpoint, register_wait)) << client_.log();
  }

  void TearDown() override {
    client_.kill_now();
    test_support::LossyUdpProxyCounts c = proxy_.counts();
    std::fprintf(stderr, "proxy: %llu received, %llu forwarded, %llu dropped, %llu duplicated, %llu reordered\n",
                 static_cast<unsigned long long>(c.received), static_cast<unsigned long long>(c.forwarded),
                 static_cast<unsigned long long>(c.dropped), static_cast<unsigned long long>(c.duplicated),
                 static_cast<unsigned long long>(c.reordered));
    if (HasFailure()) std::fprintf(stderr, "--- lwm2m-client log ---\n%s\n", client_.log().c_str());
    proxy_.stop();
    server_.stop();
  }

  TestServer server_;
  LossyUdpProxy proxy_;
  LossyUdpProxyConfig proxy_config_;
  ClientProcess client_;
};

LossyUdpProxyConfig lossy(uint64_t seed) {
  LossyUdpProxyConfig config;
  config.drop = 0.2;
  config.duplicate = 0.05;
  config.reorder = 0.05;
  config.reorder_delay = Milliseconds(20);
  config.seed = seed;
  return config;
}

LossyUdpProxyConfig perfect() {
  LossyUdpProxyConfig config;
  config.drop = config.duplicate = config.reorder = 0.0;
  return config;
}

TEST_F(ProxiedClient, RegisterReadBlockwiseAndNotificationsSurviveLossDuplicatesAndReordering) {
  ASSERT_NO_FATAL_FAILURE(start(lossy(15), "120", kLossyWait));

  for (int i = 0; i < 8; ++i) {
    Answer answer = server_.read(kEndpoint, "/3/0", kTlv, kLossyWait);
    ASSERT_EQ(answer.code_text(), "2.05") << "read " << i;
    Result<std::vector<OwnedRecord>> records = answer.records(Path(3, 0));
    ASSERT_TRUE(records.ok()) << "read " << i;
    EXPECT_GE(records->size(), 5u);
  }

  // Every readable object together (Read-Composite, Core TS §6.3.8) is
  // under 1 KB here, so the block-wise transfer goes the other way: a
  // Write-Partial-Update (§6.3.3) of the Server object's Default Maximum
  // Period in SenML JSON padded with 1.5 KB of JSON whitespace (RFC 8259 §2).
  // libcoap sends it with Block1 (RFC 7959 §2.5), each block its own CON
  // exchange through the lossy link; the client reassembles it.
  std::string body = "[" + std::string(1500, ' ') + "{\"n\":\"/1/0/3\",\"v\":77}" + std::string(100, '\n') + "]";
  ASSERT_GT(body.size(), kOneBlock);
  Answer written = server_.write(kEndpoint, "/1/0", kSenmlJson, std::vector<uint8_t>(body.begin(), body.end()),
                                 false, kLossyWait);
  ASSERT_EQ(written.code_text(), "2.04");
  Answer pmax = server_.read(kEndpoint, "/1/0/3", kTextPlain, kLossyWait);
  ASSERT_EQ(pmax.code_text(), "2.05");
  EXPECT_EQ(pmax.text(), "77");

  TestServer::Observation observation =
      server_.observe(kEndpoint, "/3303/0/5700", kSenmlCbor, {"pmax=1"}, kLossyWait);
  ASSERT_NE(observation.id, 0u);
  ASSERT_EQ(observation.first.code_text(), "2.05");
  // One a second at best; with a fifth lost, eight take well under 15 s.
  EXPECT_TRUE(server_.wait_notifications(observation.id, 8, kLossyWait));

  test_support::LossyUdpProxyCounts counts = proxy_.counts();
  EXPECT_GT(counts.dropped, 0u);
  EXPECT_GT(counts.duplicated, 0u);
  EXPECT_GT(counts.reordered, 0u);
}

// The link goes down (every datagram lost) for longer than a few
// notification periods, then comes back: the registration holds (an Update
// in flight is retransmitted until it gets through) and notifications resume.
TEST_F(ProxiedClient, NotificationsResumeAfterAnOutage) {
  ASSERT_NO_FATAL_FAILURE(start(perfect(), "30", kWait));
  TestServer::Observation observation = server_.observe(kEndpoint, "/3303/0/5700", kSenmlCbor, {"pmax=1"}, kWait);
  ASSERT_NE(observation.id, 0u);
  ASSERT_TRUE(server_.wait_notifications(observation.id, 2, kWait));

  proxy_.set_drop(1.0);
  std::this_thread::sleep_for(Milliseconds(300));  // what was in flight lands
  size_t before = server_.notifications(observation.id).size();
  std::this_thread::sleep_for(Milliseconds(6000));
  EXPECT_EQ(server_.notifications(observation.id).size(), before) << "the outage let notifications through";
  proxy_.set_drop(0.0);

  EXPECT_TRUE(server_.wait_notifications(observation.id, before + 3, kWait));
  std::optional<ClientRecord> record = server_.client(kEndpoint);
  ASSERT_TRUE(record.has_value());
  EXPECT_TRUE(record->registered);
  Answer answer = server_.read(kEndpoint, "/3/0/16", kTextPlain, kWait);
  EXPECT_EQ(answer.code_text(), "2.05");
}

// The server's port disappears (ICMP port unreachable on loopback) and comes
// back: the failed Update makes the client Register again, after the
// Communication Retry Timer (/1/0/18, set to 2 s) back-off doubling per
// attempt, and the server's reads and a new Observe work.
TEST_F(ProxiedClient, ReRegistersAfterTheServerComesBack) {
  ASSERT_NO_FATAL_FAILURE(start(perfect(), "30", kWait));
  std::string two = "2";
  ASSERT_EQ(server_.write(kEndpoint, "/1/0/18", kTextPlain, std::vector<uint8_t>(two.begin(), two.end()), true, kWait)
                .code_text(),
            "2.04");
  std::string eight = "8";
  ASSERT_EQ(server_.write(kEndpoint, "/1/0/1", kTextPlain, std::vector<uint8_t>(eight.begin(), eight.end()), true,
                          kWait)
                .code_text(),
            "2.04");
  ASSERT_TRUE(server_.wait_updates(kEndpoint, 1, kWait));
  size_t registers_before = server_.register_attempts().size();

  uint16_t port = proxy_.port();
  proxy_.stop();  // the next Update meets a closed port
  std::this_thread::sleep_for(Milliseconds(8000));
  LossyUdpProxyConfig again = proxy_config_;
  again.listen_port = port;
  std::string error;
  ASSERT_TRUE(proxy_.start(again, &error)) << error;

  auto deadline = Clock::now() + Milliseconds(30000);
  while (server_.register_attempts().size() == registers_before && Clock::now() < deadline) {
    std::this_thread::sleep_for(Milliseconds(50));
  }
  ASSERT_GT(server_.register_attempts().size(), registers_before) << "no new Register";
  Answer answer = server_.read(kEndpoint, "/3/0/16", kTextPlain, kWait);
  EXPECT_EQ(answer.code_text(), "2.05");

  // A new registration ends the previous observations (the engine's
  // Client::on_registered): once an Update confirms the registration is
  // settled (a late copy of a Register sent during the outage may still make
  // the server move the client to a new location), the server observes
  // again and is notified.
  auto settled = [&] {
    std::optional<ClientRecord> r = server_.client(kEndpoint);
    return r && !r->history.empty() && r->history.back().kind == RegistrationEvent::kUpdate &&
           code_text(r->history.back().answered_code) == "2.04";
  };
  deadline = Clock::now() + Milliseconds(15000);
  while (!settled() && Clock::now() < deadline) std::this_thread::sleep_for(Milliseconds(50));
  ASSERT_TRUE(settled()) << "no Update answered 2.04 after the new Register";
  TestServer::Observation observation = server_.observe(kEndpoint, "/3303/0/5700", kSenmlCbor, {"pmax=1"}, kWait);
  ASSERT_NE(observation.id, 0u);
  EXPECT_EQ(observation.first.code_text(), "2.05");
  EXPECT_TRUE(server_.wait_notifications(observation.id, 2, kWait));
}

// --- Malformed requests, injected by the proxy as if from the server ------

// A CoAP message (RFC 7252 §3): options as (number, value), in order.
std::vector<uint8_t> coap_message(uint8_t type, uint8_t code, uint16_t message_id, std::vector<uint8_t> token,
                                  const std::vector<std::pair<uint16_t, std::vector<uint8_t>>>& options,
                                  const std::vector<uint8_t>& payload) {
  std::vector<uint8_t> out;
  out.push_back(static_cast<uint8_t>(0x40 | (type << 4) | token.size()));
  out.push_back(code);
  out.push_back(static_cast<uint8_t>(message_id >> 8));
  out.push_back(static_cast<uint8_t>(message_id));
  out.insert(out.end(), token.begin(), token.end());
  uint16_t last = 0;
  auto nibble = [](size_t v, std::vector<uint8_t>& extended) -> uint8_t {
    if (v < 13) return static_cast<uint8_t>(v);
    if (v < 269) {
      extended.push_back(static_cast<uint8_t>(v - 13));
      return 13;
    }
    extended.push_back(static_cast<uint8_t>((v - 269) >> 8));
    extended.push_back(static_cast<uint8_t>(v - 269));
    return 14;
  };
  for (const auto& [number, value] : options) {
    std::vector<uint8_t> delta_ext, length_ext;
    uint8_t delta = nibble(number - last, delta_ext);
    uint8_t length = nibble(value.size(), length_ext);
    out.push_back(static_cast<uint8_t>(delta << 4 | length));
    out.insert(out.end(), delta_ext.begin(), delta_ext.end());
    out.insert(out.end(), length_ext.begin(), length_ext.end());
    out.insert(out.end(), value.begin(), value.end());
    last = number;
  }
  if (!payload.empty()) {
    out.push_back(0xff);
    out.insert(out.end(), payload.begin(), payload.end());
  }
  return out;
}

std::vector<uint8_t> text(const std::string& s) { return {s.begin(), s.end()}; }
std::vector<uint8_t> uint_option(uint16_t v) {
  if (v == 0) return {};
  if (v < 256) return {static_cast<uint8_t>(v)};
  return {static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v)};
}

constexpr uint8_t kCon = 0, kAck = 2, kGet = 1, kPost = 2, kPut = 3;
constexpr uint16_t kUriPath = 11, kContentFormat = 12;

struct Malformed {
  const char* name;
  uint8_t method;
  std::vector<std::string> path;
  std::optional<uint16_t> content_format;
  std::vector<std::pair<uint16_t, std::vector<uint8_t>>> extra_options;  // after the path, in order
  std::vector<uint8_t> payload;
  const char* expected;  // the response code
};

class MalformedRequests : public ProxiedClient {
 protected:
  // Sends `request` as a CON with a fresh message ID and returns the code of
  // the piggybacked answer, "none" when there was none within a second.
  std::string answer_code(const Malformed& m) {
    uint16_t mid = next_mid_++;
    std::vector<std::pair<uint16_t, std::vector<uint8_t>>> options;
    for (const std::string& segment : m.path) options.push_back({kUriPath, text(segment)});
    if (m.content_format) options.push_back({kContentFormat, uint_option(*m.content_format)});
    for (const auto& o : m.extra_options) options.push_back(o);
    std::vector<uint8_t> message = coap_message(kCon, m.method, mid, {0xa5, static_cast<uint8_t>(mid)}, options,
                                                m.payload);
    size_t seen = proxy_.from_client().size();
    if (!proxy_.inject_to_client(message)) return "not sent";
    auto deadline = Clock::now() + Milliseconds(1000);
    while (Clock::now() < deadline) {
      std::vector<std::vector<uint8_t>> sent = proxy_.from_client();
      for (size_t i = seen; i < sent.size(); ++i) {
        const std::vector<uint8_t>& d = sent[i];
        if (d.size() >= 4 && (d[0] >> 4 & 0x3) == kAck && (d[2] << 8 | d[3]) == mid) return code_text(d[1]);
      }
      std::this_thread::sleep_for(Milliseconds(10));
    }
    return "none";
  }

  uint16_t next_mid_ = 0x7100;
};

TEST_F(MalformedRequests, AnsweredWithTheRightErrorAndTheClientKeepsRunning) {
  ASSERT_NO_FATAL_FAILURE(start(perfect(), "60", kWait));
  const std::vector<Malformed> cases = {
      // Core TS §6.3 / RFC 7252 §5.9.2: what cannot name a resource.
      {"object id out of range", kGet, {"70000"}, {}, {}, {}, "4.00"},
      {"instance not a number", kGet, {"3", "zero"}, {}, {}, {}, "4.00"},
      {"five path segments", kGet, {"3", "0", "0", "0", "0"}, {}, {}, {}, "4.00"},
      {"object that does not exist", kGet, {"4242"}, {}, {}, {}, "4.04"},
      // RFC 7252 §5.4.1: an unknown critical option (25 is odd and unassigned).
      {"unknown critical option", kGet, {"3", "0"}, {}, {{25, {1}}}, {}, "4.02"},
      // RFC 7252 §5.10.3 / Core TS §6.3.3: a format the client does not know.
      {"unknown content format", kPut, {"1", "0", "1"}, 9999, {}, text("45"), "4.15"},
      // Core TS §7.4.3 TLV: a resource header announcing 5 bytes, 1 present.
      {"truncated TLV", kPut, {"1", "0"}, kTlv, {}, {0xc8, 0x01, 0x05, 0x00}, "4.00"},
      // RFC 8949: an indefinite array closed twice, then a reserved byte.
      {"garbage CBOR", kPut, {"1", "0"}, kSenmlCbor, {}, {0x9f, 0xff, 0xff, 0x1c}, "4.00"},
      // Core TS §7.3 plain text: a lifetime that is not a number.
      {"text that is not a number", kPut, {"1", "0", "1"}, kTextPlain, {}, text("soon"), "4.00"},
      {"write to the Device object's read-only manufacturer", kPut, {"3", "0", "0"}, kTextPlain, {}, text("x"),
       "4.05"},
      {"execute with a payload that is not an argument list", kPost, {"1", "0", "8"}, {}, {}, text("=,'"), "4.00"},
  };
  for (const Malformed& m : cases) EXPECT_EQ(answer_code(m), m.expected) << m.name;

  // Not even a CoAP header: dropped silently or reset, never a crash.
  const std::vector<uint8_t> truncated_header = {0x40, 0x01};
  ASSERT_TRUE(proxy_.inject_to_client(truncated_header));
  const std::vector<uint8_t> token_past_end = {0x48, 0x01, 0x71, 0xff, 0x01};
  ASSERT_TRUE(proxy_.inject_to_client(token_past_end));

  Answer answer = server_.read(kEndpoint, "/3/0/16", kTextPlain, kWait);
  EXPECT_EQ(answer.code_text(), "2.05");
  EXPECT_EQ(answer.text(), "U");
  EXPECT_FALSE(client_.wait_exit(Milliseconds(100)).has_value()) << "the client exited";
}

}  // namespace
}  // namespace lwm2m::test_server
