// Security (0), Server (1) and Access Control (2): storage, the Server
// executes through ServerActions, and the checks on server writes.
#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "object_test_util.h"
#include "objects/access_control_object.h"
#include "objects/security_object.h"
#include "objects/server_object.h"

namespace lwm2m::objects {
namespace {

using testing::expect_mandatory_resources;
using testing::read_value;
using testing::server_execute;
using testing::server_write;
using testing::text;

constexpr uint8_t kIdentity[] = {'d', 'e', 'v', '1'};
constexpr uint8_t kPsk[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08};

TEST(SecurityObject, AccountHoldsEveryMandatoryResource) {
  SecurityObject security;
  SecurityAccount account;
  account.server_uri = "coaps://127.0.0.1:5684";
  account.mode = SecurityMode::kPreSharedKey;
  account.public_key_or_identity = kIdentity;
  account.secret_key = kPsk;
  account.short_server_id = 101;
  ASSERT_TRUE(security.add_account(1, account).ok());
  expect_mandatory_resources(security, 1);
  EXPECT_EQ(text(read_value(security, 1, 0)), "coaps://127.0.0.1:5684");
  EXPECT_FALSE(read_value(security, 1, 1).boolean);
  EXPECT_EQ(read_value(security, 1, 2).integer, 0);
  Value identity = read_value(security, 1, 3);
  EXPECT_EQ(std::vector<uint8_t>(identity.bytes.begin(), identity.bytes.end()),
            std::vector<uint8_t>(std::begin(kIdentity), std::end(kIdentity)));
  EXPECT_EQ(read_value(security, 1, 5).bytes.size(), sizeof kPsk);
  EXPECT_EQ(read_value(security, 1, 10).integer, 101);
}

TEST(SecurityObject, BootstrapAccountHasNoShortServerId) {
  SecurityObject security;
  SecurityAccount account;
  account.server_uri = "coap://127.0.0.1:5693";
  account.bootstrap_server = true;
  ASSERT_TRUE(security.add_account(0, account).ok());
  EXPECT_TRUE(read_value(security, 0, 1).boolean);
  EXPECT_EQ(read_value(security, 0, 2).integer, 3);  // NoSec
  EXPECT_FALSE(security.has_resource(0, 10));
}

TEST(SecurityObject, RejectsOverlongUriAndDuplicateAndFullPool) {
  SecurityObject security;
  std::string long_uri(256, 'a');
  SecurityAccount account;
  account.server_uri = long_uri;
  EXPECT_EQ(security.add_account(0, account), Error::kOutOfRange);
  EXPECT_EQ(security.instance_count(), 0u);
  account.server_uri = "coap://x";
  ASSERT_TRUE(security.add_account(0, account).ok());
  EXPECT_EQ(security.add_account(0, account), Error::kAlreadyExists);
  ASSERT_TRUE(security.add_account(1, account).ok());
  ASSERT_TRUE(security.add_account(2, account).ok());
  EXPECT_EQ(security.add_account(3, account), Error::kCapacityExceeded);  // 3 instances
}

TEST(SecurityObject, KeyTooLargeForArenaLeavesNoInstance) {
  SecurityObject security;
  std::vector<uint8_t> huge(4096, 0xAB);
  SecurityAccount account;
  account.server_uri = "coaps://x";
  account.server_public_key = huge;
  EXPECT_EQ(security.add_account(0, account), Error::kCapacityExceeded);
  EXPECT_FALSE(security.has_instance(0));
  // The failed attempt left its room behind.
  std::vector<uint8_t> certificate(1024, 0x30);
  account.server_public_key = certificate;
  EXPECT_TRUE(security.add_account(0, account).ok());
}

struct RecordingActions final : ServerActions {
  std::vector<std::pair<char, uint16_t>> calls;
  Status answer = kOk;
  Status disable(uint16_t ssid) override { calls.push_back({'D', ssid}); return answer; }
  Status trigger_registration_update(uint16_t ssid) override { calls.push_back({'U', ssid}); return answer; }
  Status trigger_bootstrap_request(uint16_t ssid) override { calls.push_back({'B', ssid}); return answer; }
};

TEST(ServerObject, AddServerHoldsMandatoryResourcesAndOptionalOnesGiven) {
  ServerObject server;
  ServerAccount account;
  account.short_server_id = 7;
  account.lifetime = 300;
  account.binding = "UQ";
  account.default_max_period = 60;
  ASSERT_TRUE(server.add_server(0, account).ok());
  expect_mandatory_resources(server, 0);
  EXPECT_EQ(read_value(server, 0, 0).integer, 7);
  EXPECT_EQ(read_value(server, 0, 1).integer, 300);
  EXPECT_TRUE(read_value(server, 0, 6).boolean);
  EXPECT_EQ(text(read_value(server, 0, 7)), "UQ");
  EXPECT_EQ(read_value(server, 0, 3).integer, 60);
  EXPECT_FALSE(server.has_resource(0, 2));
  EXPECT_FALSE(server.has_resource(0, 5));
  Result<uint16_t> ssid = server.short_server_id(0);
  ASSERT_TRUE(ssid.ok());
  EXPECT_EQ(*ssid, 7);
}

TEST(ServerObject, AddServerRejectsBadAccounts) {
  ServerObject server;
  ServerAccount account;
  account.short_server_id = 0;
  EXPECT_EQ(server.add_server(0, account), Error::kOutOfRange);
  account.short_server_id = 65535;
  EXPECT_EQ(server.add_server(0, account), Error::kOutOfRange);
  account.short_server_id = 1;
  account.lifetime = -1;
  EXPECT_EQ(server.add_server(0, account), Error::kOutOfRange);
  account.lifetime = 60;
  account.binding = "X";
  EXPECT_EQ(server.add_server(0, account), Error::kBadRequest);
  EXPECT_EQ(server.instance_count(), 0u);
}

TEST(ServerObject, BindingLetters) {
  EXPECT_TRUE(is_valid_binding("U"));
  EXPECT_TRUE(is_valid_binding("UT"));
  EXPECT_TRUE(is_valid_binding("UTSNQ"));
  EXPECT_FALSE(is_valid_binding(""));
  EXPECT_FALSE(is_valid_binding("UU"));
  EXPECT_FALSE(is_valid_binding("u"));
  EXPECT_FALSE(is_valid_binding("U,T"));
}

TEST(ServerObject, ServerWritesAreCheckedAndApplied) {
  ServerObject server;
  ASSERT_TRUE(server.add_server(0, ServerAccount{}).ok());
  EXPECT_TRUE(server_write(server, Path(1, 0, 1), Value::of_integer(120)).ok());
  EXPECT_EQ(read_value(server, 0, 1).integer, 120);
  EXPECT_EQ(server_write(server, Path(1, 0, 1), Value::of_integer(-5)), Error::kOutOfRange);
  EXPECT_EQ(server_write(server, Path(1, 0, 2), Value::of_integer(-1)), Error::kOutOfRange);
  EXPECT_TRUE(server_write(server, Path(1, 0, 2), Value::of_integer(10)).ok());
  EXPECT_EQ(server_write(server, Path(1, 0, 7), Value::of_string("UZ")), Error::kBadRequest);
  EXPECT_TRUE(server_write(server, Path(1, 0, 7), Value::of_string("T")).ok());
  EXPECT_EQ(text(read_value(server, 0, 7)), "T");
  // Short Server ID is read-only; the wrong type is refused by the range check.
  EXPECT_EQ(server_write(server, Path(1, 0, 0), Value::of_integer(9)), Error::kMethodNotAllowed);
  EXPECT_EQ(server_write(server, Path(1, 0, 6), Value::of_integer(1)), Error::kTypeMismatch);
  EXPECT_EQ(server_write(server, Path(1, 0, 27), Value::of_unsigned(256)), Error::kOutOfRange);  // 0..255
}

TEST(ServerObject, ExecutesReachServerActionsWithShortServerId) {
  RecordingActions actions;
  ServerObject server(&actions);
  ServerAccount account;
  account.short_server_id = 42;
  ASSERT_TRUE(server.add_server(3, account).ok());
  EXPECT_TRUE(server.has_resource(3, 4));
  EXPECT_TRUE(server.has_resource(3, 8));
  EXPECT_TRUE(server.has_resource(3, 9));
  EXPECT_TRUE(server_execute(server, 3, 4).ok());
  EXPECT_TRUE(server_execute(server, 3, 8).ok());
  EXPECT_TRUE(server_execute(server, 3, 9).ok());
  ASSERT_EQ(actions.calls.size(), 3u);
  EXPECT_EQ(actions.calls[0], (std::pair<char, uint16_t>{'D', 42}));
  EXPECT_EQ(actions.calls[1], (std::pair<char, uint16_t>{'U', 42}));
  EXPECT_EQ(actions.calls[2], (std::pair<char, uint16_t>{'B', 42}));
  actions.answer = Error::kInternal;
  EXPECT_EQ(server_execute(server, 3, 8), Error::kInternal);  // the engine's answer passes through
  EXPECT_EQ(server_execute(server, 3, 1), Error::kMethodNotAllowed);  // not executable
  EXPECT_EQ(server.execute(3, 1, {}), Error::kMethodNotAllowed);
  EXPECT_EQ(server.execute(4, 8, {}), Error::kNotFound);
}

TEST(ServerObject, ExecuteWithoutActionsIsNotAllowed) {
  ServerObject server;
  ASSERT_TRUE(server.add_server(0, ServerAccount{}).ok());
  EXPECT_EQ(server_execute(server, 0, 8), Error::kMethodNotAllowed);
}

TEST(AccessControlObject, ControlHoldsMandatoryResourcesAndAcl) {
  AccessControlObject acl;
  ASSERT_TRUE(acl.add_control(0, 3, 0, 101).ok());
  expect_mandatory_resources(acl, 0);
  EXPECT_EQ(read_value(acl, 0, 0).integer, 3);
  EXPECT_EQ(read_value(acl, 0, 1).integer, 0);
  EXPECT_EQ(read_value(acl, 0, 3).integer, 101);
  EXPECT_FALSE(acl.has_resource(0, 2));
  ASSERT_TRUE(acl.set_acl(0, 101, kAclRead | kAclWrite | kAclExecute).ok());
  ASSERT_TRUE(acl.set_acl(0, 0, kAclRead).ok());
  uint16_t ids[4];
  ASSERT_EQ(acl.resource_instances(0, 2, ids), 2u);
  EXPECT_EQ(ids[0], 0);
  EXPECT_EQ(ids[1], 101);
  EXPECT_EQ(read_value(acl, 0, 2, 101).integer, 7);
}

TEST(AccessControlObject, RejectsOutOfRangeValues) {
  AccessControlObject acl;
  EXPECT_EQ(acl.add_control(0, 0, 0, 1), Error::kOutOfRange);      // Object ID 1..65534
  EXPECT_EQ(acl.add_control(0, 65535, 0, 1), Error::kOutOfRange);
  ASSERT_TRUE(acl.add_control(0, 5, 0, 1).ok());
  EXPECT_EQ(acl.set_acl(0, 1, 32), Error::kOutOfRange);  // ACL 0..31
  EXPECT_EQ(acl.set_acl(0, 1, -1), Error::kOutOfRange);
  EXPECT_EQ(acl.set_acl(1, 1, 1), Error::kNotFound);
  // Server writes: ACL is RW with range 0..31, Object ID read-only.
  EXPECT_EQ(server_write(acl, Path(2, 0, 2, 1), Value::of_integer(40)), Error::kOutOfRange);
  EXPECT_TRUE(server_write(acl, Path(2, 0, 2, 1), Value::of_integer(31)).ok());
  EXPECT_EQ(server_write(acl, Path(2, 0, 0), Value::of_integer(4)), Error::kMethodNotAllowed);
}

}  // namespace
}  // namespace lwm2m::objects
