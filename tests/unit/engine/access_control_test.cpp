// check_access: the Access Control object rules of Core TS 1.2 §7.3, one rule a test.
#include "lwm2m/engine/access_control.h"

#include <gtest/gtest.h>

#include "objects/access_control_object.h"
#include "objects/device_object.h"

namespace lwm2m {
namespace {

using objects::kAclCreate;
using objects::kAclDelete;
using objects::kAclExecute;
using objects::kAclRead;
using objects::kAclWrite;

constexpr AccessOperation kAll[] = {AccessOperation::kRead, AccessOperation::kWrite, AccessOperation::kExecute,
                                    AccessOperation::kDelete};

class AccessControlTest : public ::testing::Test {
 protected:
  AccessControlTest() {
    EXPECT_TRUE(registry.add(aco).ok());
    EXPECT_TRUE(registry.add(device).ok());
    EXPECT_TRUE(aco.add_control(0, 3, 0, 1).ok());  // /3/0 owned by server 1
  }
  Status check(uint16_t server, AccessOperation op, const Path& path) {
    return check_access(registry, server, op, path);
  }

  objects::AccessControlObject aco;
  objects::DeviceObject device;
  FixedRegistry<4> registry;
};

TEST_F(AccessControlTest, OwnerHasFullRightsWithoutAnyAclEntry) {
  for (AccessOperation op : kAll) EXPECT_TRUE(check(1, op, Path(3, 0, 4)).ok());
}

TEST_F(AccessControlTest, NoEntryAndNoDefaultIsUnauthorized) {
  for (AccessOperation op : kAll) EXPECT_EQ(check(2, op, Path(3, 0)), Status(Error::kUnauthorized));
}

TEST_F(AccessControlTest, ExplicitEntryGivesExactlyItsBits) {
  ASSERT_TRUE(aco.set_acl(0, 2, kAclRead | kAclExecute).ok());
  EXPECT_TRUE(check(2, AccessOperation::kRead, Path(3, 0, 1)).ok());
  EXPECT_TRUE(check(2, AccessOperation::kExecute, Path(3, 0, 4)).ok());
  EXPECT_EQ(check(2, AccessOperation::kWrite, Path(3, 0, 13)), Status(Error::kUnauthorized));
  EXPECT_EQ(check(2, AccessOperation::kDelete, Path(3, 0)), Status(Error::kUnauthorized));
  EXPECT_EQ(check(3, AccessOperation::kRead, Path(3, 0)), Status(Error::kUnauthorized));
}

TEST_F(AccessControlTest, DefaultEntryZeroAppliesToServersWithoutTheirOwn) {
  ASSERT_TRUE(aco.set_acl(0, 0, kAclRead | kAclWrite).ok());
  EXPECT_TRUE(check(7, AccessOperation::kWrite, Path(3, 0, 13)).ok());
  EXPECT_EQ(check(7, AccessOperation::kDelete, Path(3, 0)), Status(Error::kUnauthorized));
}

TEST_F(AccessControlTest, ExplicitEntryOverridesTheDefault) {
  ASSERT_TRUE(aco.set_acl(0, 0, kAclRead | kAclWrite).ok());
  ASSERT_TRUE(aco.set_acl(0, 2, 0).ok());
  EXPECT_EQ(check(2, AccessOperation::kRead, Path(3, 0)), Status(Error::kUnauthorized));
}

TEST_F(AccessControlTest, InstanceWithoutGoverningAcoInstanceIsUnauthorized) {
  EXPECT_EQ(check(1, AccessOperation::kRead, Path(3, 1)), Status(Error::kUnauthorized));
  EXPECT_EQ(check(1, AccessOperation::kRead, Path(4, 0)), Status(Error::kUnauthorized));
}

TEST_F(AccessControlTest, CreateIsGovernedByTheObjectLevelInstance65535) {
  EXPECT_EQ(check(2, AccessOperation::kCreate, Path(3)), Status(Error::kUnauthorized));
  ASSERT_TRUE(aco.add_control(1, 3, kReservedId, kReservedId).ok());
  ASSERT_TRUE(aco.set_acl(1, 2, kAclCreate).ok());
  EXPECT_TRUE(check(2, AccessOperation::kCreate, Path(3)).ok());
  EXPECT_EQ(check(1, AccessOperation::kCreate, Path(3)), Status(Error::kUnauthorized));
  // The Create bit on an instance entry does not grant Create.
  ASSERT_TRUE(aco.set_acl(0, 1, kAclCreate).ok());
  EXPECT_EQ(check(1, AccessOperation::kCreate, Path(3)), Status(Error::kUnauthorized));
}

TEST_F(AccessControlTest, ObjectLevelReadIsLeftToPerInstanceFiltering) {
  EXPECT_TRUE(check(2, AccessOperation::kRead, Path(3)).ok());
  EXPECT_EQ(check(2, AccessOperation::kWrite, Path(3)), Status(Error::kUnauthorized));
  EXPECT_EQ(check(2, AccessOperation::kRead, Path()), Status(Error::kUnauthorized));
}

TEST_F(AccessControlTest, AccessControlObjectItself) {
  EXPECT_TRUE(check(2, AccessOperation::kRead, Path(2, 0, 2)).ok());
  EXPECT_TRUE(check(1, AccessOperation::kWrite, Path(2, 0, 2)).ok());  // the owner edits its ACL
  EXPECT_EQ(check(2, AccessOperation::kWrite, Path(2, 0, 2)), Status(Error::kUnauthorized));
  EXPECT_EQ(check(1, AccessOperation::kDelete, Path(2, 0)), Status(Error::kUnauthorized));
  EXPECT_EQ(check(1, AccessOperation::kCreate, Path(2)), Status(Error::kUnauthorized));
}

TEST(AccessControlWithoutObject, NothingIsGranted) {
  objects::DeviceObject device;
  FixedRegistry<2> registry;
  ASSERT_TRUE(registry.add(device).ok());
  EXPECT_EQ(check_access(registry, 1, AccessOperation::kRead, Path(3, 0)), Status(Error::kUnauthorized));
}

}  // namespace
}  // namespace lwm2m
