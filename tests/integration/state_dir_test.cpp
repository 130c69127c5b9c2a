// lwm2m-client --state-dir against the project's LwM2M test server on
// loopback: what a server wrote to the Server object (the lifetime /1/0/1,
// Core TS 1.2 §6.2.2 / Server object) outlives a restart and wins over -l,
// and damaged state files are reported and leave the client running from its
// flags. Every wait is bounded; the child never outlives a test.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "apps/lwm2m-client/state_store.h"
#include "lwm2m/model/registry.h"
#include "objects/security_object.h"
#include "objects/server_object.h"
#include "tests/integration/client_process.h"
#include "tests/server/test_server.h"

#ifndef LWM2M_CLIENT_PROGRAM
#error "LWM2M_CLIENT_PROGRAM must name the built lwm2m-client"
#endif

namespace lwm2m::test_server {
namespace {

constexpr const char* kEndpoint = "state-test";
constexpr Milliseconds kWait{8000};
constexpr uint16_t kTextPlain = 0;

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

class StateDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    state_dir_ = ::testing::TempDir() + "lwm2m-state-" + name;
    log_prefix_ = ::testing::TempDir() + "lwm2m-client-" + name;
    std::filesystem::remove_all(state_dir_);
    std::string error;
    ServerConfig config;
    config.address = "127.0.0.1";
    ASSERT_TRUE(server_.start(config, &error)) << error;
  }

  void TearDown() override {
    for (ClientProcess& client : clients_) client.kill_now();
    if (HasFailure()) {
      for (const ClientProcess& client : clients_) {
        std::fprintf(stderr, "--- lwm2m-client log ---\n%s\n", client.log().c_str());
      }
    }
    server_.stop();
    std::filesystem::remove_all(state_dir_);
  }

  // Starts client run `run` (0, 1) with --state-dir, -u and the given lifetime.
  bool start_client(size_t run, const std::string& lifetime) {
    return clients_[run].start({LWM2M_CLIENT_PROGRAM, "-u", server_.uri(Transport::kUdp), "-e", kEndpoint, "-l",
                                lifetime, "--state-dir", state_dir_, "-v"},
                               log_prefix_ + "-" + std::to_string(run) + ".log");
  }

  // SIGTERM, then the De-register and a clean exit.
  void stop_client(size_t run) {
    clients_[run].signal(SIGTERM);
    EXPECT_TRUE(server_.wait_deregistered(kEndpoint, kWait));
    EXPECT_EQ(clients_[run].wait_exit(kWait), std::optional<int>(0));
  }

  TestServer server_;
  ClientProcess clients_[2];
  std::string state_dir_;
  std::string log_prefix_;
};

TEST_F(StateDirTest, LifetimeWrittenByServerSurvivesRestartAndWinsOverFlag) {
  ASSERT_TRUE(start_client(0, "30"));
  ASSERT_TRUE(server_.wait_registered(kEndpoint, kWait));
  std::string text = "77";
  Answer answer = server_.write(kEndpoint, "/1/0/1", kTextPlain, std::vector<uint8_t>(text.begin(), text.end()),
                                true, kWait);
  ASSERT_EQ(answer.code_text(), "2.04");
  ASSERT_TRUE(server_.wait_updates(kEndpoint, 1, kWait));
  stop_client(0);

  // Same server URI, another -l: the saved Server object wins.
  ASSERT_TRUE(start_client(1, "300"));
  ASSERT_TRUE(server_.wait_registered(kEndpoint, kWait));
  std::optional<ClientRecord> record = server_.client(kEndpoint);
  ASSERT_TRUE(record.has_value());
  EXPECT_TRUE(contains(record->query, "lt=77")) << record->links;
  EXPECT_EQ(record->lifetime, 77u);
  EXPECT_NE(clients_[1].log().find("restored Security and Server objects"), std::string::npos);
  stop_client(1);
}

TEST_F(StateDirTest, CorruptStateFilesAreReportedAndFlagsUsed) {
  client::StateStore store(state_dir_);
  ASSERT_TRUE(store.open().ok());
  for (uint16_t object_id : {uint16_t{0}, uint16_t{1}}) {
    std::ofstream garbage(store.object_file(object_id), std::ios::binary | std::ios::trunc);
    garbage << "this is not a state file \x01\x02\xff";
  }

  ASSERT_TRUE(start_client(0, "30"));
  ASSERT_TRUE(server_.wait_registered(kEndpoint, kWait));
  std::optional<ClientRecord> record = server_.client(kEndpoint);
  ASSERT_TRUE(record.has_value());
  EXPECT_TRUE(contains(record->query, "lt=30"));
  std::string log = clients_[0].log();
  EXPECT_NE(log.find("lwm2m-client error: state file " + store.object_file(0) + " is unusable"), std::string::npos)
      << log;
  EXPECT_NE(log.find("starting from the flags"), std::string::npos) << log;
  stop_client(0);

  // The flags' accounts were saved over the damaged files.
  objects::SecurityObject security;
  objects::ServerObject server;
  FixedRegistry<2> registry;
  ASSERT_TRUE(registry.add(security).ok());
  ASSERT_TRUE(registry.add(server).ok());
  EXPECT_TRUE(store.load_object(registry, 0).ok());
  EXPECT_TRUE(store.load_object(registry, 1).ok());
  EXPECT_EQ(security.instance_count(), 1u);
  EXPECT_EQ(server.instance_count(), 1u);
}

}  // namespace
}  // namespace lwm2m::test_server
