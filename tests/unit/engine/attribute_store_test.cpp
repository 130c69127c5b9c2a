#include "lwm2m/engine/attribute_store.h"

#include <gtest/gtest.h>

namespace lwm2m {
namespace {

Attributes pmin(uint32_t seconds) {
  Attributes a;
  a.pmin = seconds;
  return a;
}

TEST(AttributeStore, KeepsAttributesPerServerAndPath) {
  FixedAttributeStore<4> store;
  ASSERT_TRUE(store.set(1, Path(3, 0, 9), pmin(10)).ok());
  ASSERT_TRUE(store.set(2, Path(3, 0, 9), pmin(20)).ok());
  ASSERT_NE(store.find(1, Path(3, 0, 9)), nullptr);
  EXPECT_EQ(store.find(1, Path(3, 0, 9))->pmin, 10u);
  EXPECT_EQ(store.find(2, Path(3, 0, 9))->pmin, 20u);
  EXPECT_EQ(store.find(1, Path(3, 0)), nullptr);
  EXPECT_EQ(store.find(3, Path(3, 0, 9)), nullptr);
  ASSERT_TRUE(store.set(1, Path(3, 0, 9), pmin(30)).ok());  // replaces, no new row
  EXPECT_EQ(store.find(1, Path(3, 0, 9))->pmin, 30u);
  EXPECT_EQ(store.size(), 2u);
}

TEST(AttributeStore, EmptyAttributesRemoveTheRow) {
  FixedAttributeStore<2> store;
  ASSERT_TRUE(store.set(1, Path(3), pmin(1)).ok());
  ASSERT_TRUE(store.set(1, Path(3), Attributes{}).ok());
  EXPECT_EQ(store.find(1, Path(3)), nullptr);
  EXPECT_EQ(store.size(), 0u);
  EXPECT_TRUE(store.set(1, Path(4), Attributes{}).ok());  // removing what is absent is fine
}

TEST(AttributeStore, FullTableRefusesNewRowsButUpdatesOld) {
  FixedAttributeStore<2> store;
  ASSERT_TRUE(store.set(1, Path(3), pmin(1)).ok());
  ASSERT_TRUE(store.set(1, Path(4), pmin(1)).ok());
  EXPECT_EQ(store.set(1, Path(5), pmin(1)), Status(Error::kCapacityExceeded));
  EXPECT_EQ(store.find(1, Path(5)), nullptr);
  EXPECT_TRUE(store.set(1, Path(4), pmin(2)).ok());
}

TEST(AttributeStore, RemoveWithinAndRemoveServer) {
  FixedAttributeStore<8> store;
  ASSERT_TRUE(store.set(1, Path(3, 0), pmin(1)).ok());
  ASSERT_TRUE(store.set(2, Path(3, 0, 9), pmin(1)).ok());
  ASSERT_TRUE(store.set(1, Path(3, 1), pmin(1)).ok());
  ASSERT_TRUE(store.set(1, Path(3), pmin(1)).ok());
  store.remove_within(Path(3, 0));
  EXPECT_EQ(store.find(1, Path(3, 0)), nullptr);
  EXPECT_EQ(store.find(2, Path(3, 0, 9)), nullptr);
  EXPECT_NE(store.find(1, Path(3, 1)), nullptr);
  EXPECT_NE(store.find(1, Path(3)), nullptr);
  store.remove_server(1);
  EXPECT_EQ(store.size(), 0u);
}

TEST(AttributeStore, ServerViewIsAnAttributeLookup) {
  FixedAttributeStore<4> store;
  ASSERT_TRUE(store.set(5, Path(3, 0), pmin(7)).ok());
  AttributeStore::ServerView view = store.for_server(5);
  const AttributeLookup& lookup = view;
  ASSERT_NE(lookup.find(Path(3, 0)), nullptr);
  EXPECT_EQ(lookup.find(Path(3, 0))->pmin, 7u);
  EXPECT_EQ(store.for_server(6).find(Path(3, 0)), nullptr);
}

}  // namespace
}  // namespace lwm2m
