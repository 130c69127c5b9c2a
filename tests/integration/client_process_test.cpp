// The real lwm2m-client program against the project's LwM2M test server on
// loopback: Register (Core TS 1.2 §6.2.1), Read in TLV and SenML CBOR
// (§6.3.1), Write of the lifetime and the Update it causes (§6.2.2),
// Execute of the Registration Update Trigger /1/0/8 (Server object),
// Observe with notifications (§6.4), and SIGTERM -> De-register (§6.2.3)
// with exit status 0. Every wait is bounded; the child never outlives a test.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "apps/lwm2m-client/host_device_info.h"
#include "lwm2m/core/content_format.h"
#include "tests/integration/client_process.h"
#include "tests/server/test_server.h"

#ifndef LWM2M_CLIENT_PROGRAM
#error "LWM2M_CLIENT_PROGRAM must name the built lwm2m-client"
#endif

namespace lwm2m::test_server {
namespace {

constexpr const char* kEndpoint = "it-test";
constexpr Milliseconds kWait{10000};
constexpr uint16_t kTlv = 11542;
constexpr uint16_t kSenmlCbor = 112;
constexpr uint16_t kTextPlain = 0;

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::optional<std::string> find_string(const std::vector<OwnedRecord>& records, const Path& path) {
  for (const OwnedRecord& r : records) {
    if (r.path == path) {
      Result<std::string> text = r.as_string();
      if (text.ok()) return *text;
    }
  }
  return std::nullopt;
}

class ClientProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ServerConfig config;
    config.address = "127.0.0.1";
    ASSERT_TRUE(server_.start(config, &error)) << error;
    std::string log_path = ::testing::TempDir() + "lwm2m-client-" +
                           ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".log";
    ASSERT_TRUE(client_.start({LWM2M_CLIENT_PROGRAM, "-u", server_.uri(Transport::kUdp), "-e", kEndpoint, "-l", "30",
                               "-v"},
                              log_path));
    ASSERT_TRUE(server_.wait_registered(kEndpoint, kWait)) << client_.log();
  }

  void TearDown() override {
    client_.kill_now();
    if (HasFailure()) std::fprintf(stderr, "--- lwm2m-client log ---\n%s\n", client_.log().c_str());
    server_.stop();
  }

  TestServer server_;
  ClientProcess client_;
};

TEST_F(ClientProcessTest, RegisterCarriesEndpointLifetimeVersionBindingAndObjects_TS_6_2_1) {
  std::optional<ClientRecord> record = server_.client(kEndpoint);
  ASSERT_TRUE(record.has_value());
  EXPECT_TRUE(contains(record->query, "ep=it-test"));
  EXPECT_TRUE(contains(record->query, "lt=30"));
  EXPECT_TRUE(contains(record->query, "lwm2m=1.2"));
  EXPECT_TRUE(contains(record->query, "b=U"));
  EXPECT_EQ(record->lifetime, 30u);
  EXPECT_EQ(record->version, "1.2");
  for (const char* object : {"/1/0", "/3/0", "/3303/0", "/3304/0", "/3315/0"}) {
    EXPECT_TRUE(contains(record->objects, object)) << object << " in " << record->links;
  }
  // The Security object is never announced (Core TS §6.2.1).
  for (const std::string& link : record->objects) EXPECT_NE(link.rfind("/0/", 0), 0u) << link;
}

TEST_F(ClientProcessTest, ReadDeviceInTlvAndSenmlCborGivesTheHostValues_TS_6_3_1) {
  client::HostFacts facts = client::read_host_facts("0.1.0");
  for (uint16_t format : {kTlv, kSenmlCbor}) {
    Answer answer = server_.read(kEndpoint, "/3/0", format, kWait);
    ASSERT_EQ(answer.code_text(), "2.05") << format;
    ASSERT_EQ(answer.content_format, format);
    Result<std::vector<OwnedRecord>> records = answer.records(Path(3, 0));
    ASSERT_TRUE(records.ok()) << format;
    EXPECT_EQ(find_string(*records, Path(3, 0, 0)), facts.manufacturer) << format;
    EXPECT_EQ(find_string(*records, Path(3, 0, 1)), facts.model_number) << format;
    EXPECT_EQ(find_string(*records, Path(3, 0, 3)), facts.firmware_version) << format;
    EXPECT_EQ(find_string(*records, Path(3, 0, 16)), "U") << format;
  }
}

TEST_F(ClientProcessTest, WriteLifetimeSendsUpdateWithNewLifetime_TS_6_2_2) {
  std::string text = "45";
  Answer answer = server_.write(kEndpoint, "/1/0/1", kTextPlain, std::vector<uint8_t>(text.begin(), text.end()),
                                true, kWait);
  ASSERT_EQ(answer.code_text(), "2.04");
  ASSERT_TRUE(server_.wait_updates(kEndpoint, 1, kWait));
  std::optional<ClientRecord> record = server_.client(kEndpoint);
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->lifetime, 45u);
  EXPECT_TRUE(contains(record->query, "lt=45"));
}

TEST_F(ClientProcessTest, ExecuteRegistrationUpdateTriggerSendsUpdate) {
  Answer answer = server_.execute(kEndpoint, "/1/0/8", "", kWait);
  ASSERT_EQ(answer.code_text(), "2.04");
  EXPECT_TRUE(server_.wait_updates(kEndpoint, 1, kWait));
}

TEST_F(ClientProcessTest, ObserveTemperatureGetsNotifications_TS_6_4_1) {
  // pmax=1 in the Observe query (Core TS §5.1.2): a notification at least
  // every second, whether or not the slowly drifting sensor moved by 0.1.
  TestServer::Observation observation = server_.observe(kEndpoint, "/3303/0/5700", kSenmlCbor, {"pmax=1"}, kWait);
  ASSERT_NE(observation.id, 0u);
  ASSERT_EQ(observation.first.code_text(), "2.05");
  EXPECT_TRUE(observation.first.observe.has_value());
  ASSERT_TRUE(server_.wait_notifications(observation.id, 2, kWait));
  for (const Answer& notification : server_.notifications(observation.id)) {
    EXPECT_EQ(notification.code_text(), "2.05");
    Result<std::vector<OwnedRecord>> records = notification.records(Path(3303, 0, 5700));
    ASSERT_TRUE(records.ok());
    ASSERT_EQ(records->size(), 1u);
    Result<double> value = (*records)[0].as_float();
    ASSERT_TRUE(value.ok());
    EXPECT_GE(*value, 10.0);
    EXPECT_LE(*value, 35.0);
  }
}

TEST_F(ClientProcessTest, SigtermDeregistersAndExitsZero_TS_6_2_3) {
  client_.signal(SIGTERM);
  EXPECT_TRUE(server_.wait_deregistered(kEndpoint, kWait));
  std::optional<int> status = client_.wait_exit(kWait);
  ASSERT_TRUE(status.has_value()) << "no normal exit within the bound";
  EXPECT_EQ(*status, 0);
}

// DTLS with a pre-shared key (Security mode 0): the client takes identity
// and key from its Security object (/0/0/3, /0/0/5) as given by -i and -k.
TEST(ClientProcessDtls, RegistersOverDtlsWithPsk) {
  const std::string identity = "it-test-identity";
  const std::vector<uint8_t> key = {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef};
  TestServer server;
  ServerConfig config;
  config.udp = false;
  config.dtls = true;
  config.psk.push_back(PskEntry{identity, key});
  std::string error;
  ASSERT_TRUE(server.start(config, &error)) << error;
  ClientProcess client;
  ASSERT_TRUE(client.start({LWM2M_CLIENT_PROGRAM, "-u", server.uri(Transport::kDtls), "-e", kEndpoint, "-l", "30",
                            "-i", identity, "-k", "0123456789abcdef", "-v"},
                           ::testing::TempDir() + "lwm2m-client-dtls.log"));
  EXPECT_TRUE(server.wait_registered(kEndpoint, kWait)) << client.log();
  Answer answer = server.read(kEndpoint, "/3/0/16", kTextPlain, kWait);
  EXPECT_EQ(answer.code_text(), "2.05");
  EXPECT_EQ(answer.text(), "U");
  client.signal(SIGINT);
  EXPECT_TRUE(server.wait_deregistered(kEndpoint, kWait)) << client.log();
  EXPECT_EQ(client.wait_exit(kWait), std::optional<int>(0));
  server.stop();
}

}  // namespace
}  // namespace lwm2m::test_server
