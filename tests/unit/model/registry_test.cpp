#include <gtest/gtest.h>

#include "lwm2m/model/registry.h"
#include "test_object.h"

using namespace lwm2m;

TEST(Registry, KeepsObjectsOrderedAndUnique) {
  lwm2m::testing::TestObject a;
  FixedRegistry<1> registry;
  ASSERT_TRUE(registry.add(a).ok());
  EXPECT_EQ(registry.add(a).error(), Error::kAlreadyExists);
  EXPECT_EQ(registry.find(30000), &a);
  EXPECT_EQ(registry.find(3), nullptr);
  EXPECT_EQ(registry.size(), 1u);
}
