#include <gtest/gtest.h>

#include <string>

#include "test_object.h"

using namespace lwm2m;
using lwm2m::testing::TestObject;

namespace {
std::string read_text(const Object& o, Path p) {
  Value v;
  EXPECT_TRUE(o.read(p, v).ok());
  return std::string(v.text());
}
}  // namespace

TEST(StoredObject, InstancesStayOrderedAndBounded) {
  TestObject o;
  for (uint16_t id : {uint16_t{5}, uint16_t{1}, uint16_t{3}, uint16_t{2}}) ASSERT_TRUE(o.create_instance(id).ok());
  EXPECT_EQ(o.create_instance(9).error(), Error::kCapacityExceeded);
  EXPECT_EQ(o.create_instance(1).error(), Error::kAlreadyExists);
  ASSERT_EQ(o.instance_count(), 4u);
  EXPECT_EQ(o.instance_id(0), 1);
  EXPECT_EQ(o.instance_id(3), 5);
  ASSERT_TRUE(o.delete_instance(3).ok());
  EXPECT_EQ(o.instance_id(2), 5);
  EXPECT_EQ(o.free_instance_id().value(), 0);
}

TEST(StoredObject, ArenaCompactsWhenFragmented) {
  TestObject o;  // 96-byte arena
  ASSERT_TRUE(o.create_instance(0).ok());
  ASSERT_TRUE(o.create_instance(1).ok());
  std::string a(40, 'a'), b(40, 'b');
  ASSERT_TRUE(o.set(0, 0, Value::of_string(a)).ok());
  ASSERT_TRUE(o.set(1, 0, Value::of_string(b)).ok());
  // Rewriting instance 0 twice needs compaction: the old 40 bytes are garbage.
  for (char c : {'c', 'd', 'e'}) {
    std::string s(40, c);
    ASSERT_TRUE(o.set(0, 0, Value::of_string(s)).ok()) << c;
    EXPECT_EQ(read_text(o, Path(30000, 0, 0)), s);
    EXPECT_EQ(read_text(o, Path(30000, 1, 0)), b);
  }
  std::string too_big(60, 'z');
  EXPECT_EQ(o.set(0, 3, Value::of_string(too_big)).error(), Error::kCapacityExceeded);
  EXPECT_EQ(read_text(o, Path(30000, 0, 0)), std::string(40, 'e'));
}

TEST(StoredObject, CopyWithinTheObjectSurvivesCompaction) {
  TestObject o;
  ASSERT_TRUE(o.create_instance(0).ok());
  ASSERT_TRUE(o.set(0, 0, Value::of_string(std::string(30, 'x'))).ok());
  ASSERT_TRUE(o.set(0, 0, Value::of_string(std::string(30, 'y'))).ok());  // 30 bytes garbage
  ASSERT_TRUE(o.set(0, 3, Value::of_string(std::string(30, 'z'))).ok());
  Value src;
  ASSERT_TRUE(o.read(Path(30000, 0, 3), src).ok());
  ASSERT_TRUE(o.set(0, 5, Value::of_opaque(src.bytes)).ok());  // forces compaction of its own source
  Value copy;
  ASSERT_TRUE(o.read(Path(30000, 0, 5), copy).ok());
  EXPECT_EQ(std::string(copy.text()), std::string(30, 'z'));
}

TEST(StoredObject, DeleteReleasesValues) {
  TestObject o;
  ASSERT_TRUE(o.create_instance(0).ok());
  ASSERT_TRUE(o.set(0, 0, Value::of_string(std::string(90, 'x'))).ok());
  ASSERT_TRUE(o.delete_instance(0).ok());
  ASSERT_TRUE(o.create_instance(0).ok());
  EXPECT_FALSE(o.has_resource(0, 0));
  EXPECT_TRUE(o.set(0, 0, Value::of_string(std::string(90, 'y'))).ok());
  EXPECT_EQ(o.set(7, 0, Value::of_integer(1)).error(), Error::kNotFound);
}

TEST(StoredObject, MandatoryExecutableResourcesArePresent) {
  static constexpr ResourceDef kResources[] = {
      {0, "Run", Operations::kExecute, false, true, DataType::kNone, {}, ""},
      {1, "Stop", Operations::kExecute, false, false, DataType::kNone, {}, ""},
  };
  static constexpr ObjectDef kDef{30001, "Runner", {1, 0}, false, false, kResources};
  class Runner final : public StoredObject<1, 1, 1> {
   public:
    Runner() : StoredObject(kDef) {}
  } o;
  ASSERT_TRUE(o.create_instance(0).ok());
  EXPECT_TRUE(o.has_resource(0, 0));
  EXPECT_FALSE(o.has_resource(0, 1));  // optional: the object says when it has it
  EXPECT_FALSE(o.has_resource(1, 0));
}
