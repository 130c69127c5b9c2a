// Device Management operations, Core TS 1.2 §6.3 (Read §6.3.1, Write §6.3.3,
// Execute §6.3.5, Create §6.3.6, Delete §6.3.8, Write-Composite §6.3.7).
#include <gtest/gtest.h>

#include "lwm2m/model/operations.h"
#include "record_fakes.h"
#include "test_object.h"

using namespace lwm2m;
using lwm2m::testing::ListDecoder;
using lwm2m::testing::RecordingEncoder;
using lwm2m::testing::TestObject;

namespace {

class Operations : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(registry.add(object).ok());
    ASSERT_TRUE(object.create_instance(0).ok());
    ASSERT_TRUE(object.set(0, 0, Value::of_string("first")).ok());
    ASSERT_TRUE(object.set(0, 1, Value::of_integer(7)).ok());
    ASSERT_TRUE(object.set(0, 2, 0, Value::of_float(1.5)).ok());
    ASSERT_TRUE(object.set(0, 2, 3, Value::of_float(2.5)).ok());
    ASSERT_TRUE(object.set(0, 3, Value::of_string("SN1")).ok());
  }
  std::string name(uint16_t instance = 0) {
    Value v;
    EXPECT_TRUE(object.read(Path(30000, instance, 0), v).ok());
    return std::string(v.text());
  }
  TestObject object;
  FixedRegistry<4> registry;
  RecordingEncoder out;
  uint8_t scratch[64];
};

TEST_F(Operations, ReadInstanceListsReadableResourcesInOrder) {
  ASSERT_TRUE(read(registry, Path(30000, 0), out).ok());
  ASSERT_EQ(out.items.size(), 5u);  // Name, Level, Readings/0, Readings/3, Serial; not Reset or Blob
  EXPECT_EQ(out.items[0].path, Path(30000, 0, 0));
  EXPECT_EQ(out.items[0].bytes, "first");
  EXPECT_EQ(out.items[2].path, Path(30000, 0, 2, 0));
  EXPECT_EQ(out.items[3].path, Path(30000, 0, 2, 3));
  EXPECT_EQ(out.items[4].path, Path(30000, 0, 3));
}

TEST_F(Operations, ReadEveryDepthAndErrors) {
  ASSERT_TRUE(read(registry, Path(30000), out).ok());
  EXPECT_EQ(out.items.size(), 5u);
  ASSERT_TRUE(read(registry, Path(30000, 0, 2), out).ok());
  EXPECT_EQ(out.items.size(), 2u);
  ASSERT_TRUE(read(registry, Path(30000, 0, 2, 3), out).ok());
  ASSERT_EQ(out.items.size(), 1u);
  EXPECT_EQ(out.items[0].value, Value::of_float(2.5));
  EXPECT_EQ(read(registry, Path(30000, 0, 5), out).error(), Error::kNotFound);  // Blob absent
  ASSERT_TRUE(object.set(0, 5, Value::of_opaque({})).ok());
  EXPECT_EQ(read(registry, Path(30000, 0, 5), out).error(), Error::kMethodNotAllowed);  // W only
  EXPECT_EQ(read(registry, Path(30000, 0, 4), out).error(), Error::kNotFound);
  EXPECT_EQ(read(registry, Path(30000, 1), out).error(), Error::kNotFound);
  EXPECT_EQ(read(registry, Path(4), out).error(), Error::kNotFound);
  EXPECT_EQ(read(registry, Path(30000, 0, 0, 0), out).error(), Error::kNotFound);  // single resource
}

TEST_F(Operations, PartialUpdateChangesOnlyGivenValues) {
  ListDecoder in;
  in.text(Path(30000, 0, 1), "42");
  ASSERT_TRUE(write(registry, Path(30000, 0), WriteMode::kPartialUpdate, in, scratch).ok());
  Value v;
  ASSERT_TRUE(object.read(Path(30000, 0, 1), v).ok());
  EXPECT_EQ(v, Value::of_integer(42));
  EXPECT_EQ(name(), "first");
  uint16_t ids[4];
  EXPECT_EQ(object.resource_instances(0, 2, ids), 2u);
}

TEST_F(Operations, ReplaceOfInstanceDropsOmittedOptionalResources) {
  ListDecoder in;
  in.add(Path(30000, 0, 0), Value::of_string("second")).add(Path(30000, 0, 2, 9), Value::of_float(9));
  ASSERT_TRUE(write(registry, Path(30000, 0), WriteMode::kReplace, in, scratch).ok());
  EXPECT_EQ(name(), "second");
  EXPECT_FALSE(object.has_resource(0, 1));  // optional Level left out: removed
  uint16_t ids[4];
  ASSERT_EQ(object.resource_instances(0, 2, ids), 1u);  // Readings replaced as a whole
  EXPECT_EQ(ids[0], 9);
  EXPECT_TRUE(object.has_resource(0, 3));  // read-only Serial is not the server's to remove
}

TEST_F(Operations, ReplaceOfMultipleResourceDropsOldInstances) {
  ListDecoder in;
  in.add(Path(30000, 0, 2, 1), Value::of_float(4));
  ASSERT_TRUE(write(registry, Path(30000, 0, 2), WriteMode::kReplace, in, scratch).ok());
  uint16_t ids[4];
  ASSERT_EQ(object.resource_instances(0, 2, ids), 1u);
  EXPECT_EQ(ids[0], 1);
}

TEST_F(Operations, FailedWriteChangesNothing) {
  // The second record is out of the DDF range: the first must not be applied.
  ListDecoder range;
  range.add(Path(30000, 0, 0), Value::of_string("changed")).add(Path(30000, 0, 1), Value::of_integer(101));
  EXPECT_EQ(write(registry, Path(30000, 0), WriteMode::kReplace, range, scratch).error(), Error::kOutOfRange);
  EXPECT_EQ(name(), "first");
  EXPECT_TRUE(object.has_resource(0, 1));

  ListDecoder broken;
  broken.add(Path(30000, 0, 0), Value::of_string("changed")).add(Path(30000, 0, 1), Value::of_integer(1)).fail_at(1);
  EXPECT_EQ(write(registry, Path(30000, 0), WriteMode::kPartialUpdate, broken, scratch).error(), Error::kMalformed);
  EXPECT_EQ(name(), "first");

  ListDecoder readonly;
  readonly.add(Path(30000, 0, 0), Value::of_string("changed")).add(Path(30000, 0, 3), Value::of_string("x"));
  EXPECT_EQ(write(registry, Path(30000, 0), WriteMode::kPartialUpdate, readonly, scratch).error(),
            Error::kMethodNotAllowed);
  EXPECT_EQ(name(), "first");

  ListDecoder too_big;  // the arena holds 96 bytes in all
  std::string big(90, 'x');
  too_big.add(Path(30000, 0, 5), Value::of_opaque({reinterpret_cast<const uint8_t*>(big.data()), big.size()}));
  EXPECT_EQ(write(registry, Path(30000, 0), WriteMode::kPartialUpdate, too_big, scratch).error(),
            Error::kCapacityExceeded);
  EXPECT_FALSE(object.has_resource(0, 5));
}

TEST_F(Operations, WriteChecksTypesAndTargets) {
  ListDecoder wrong_type;
  wrong_type.add(Path(30000, 0, 1), Value::of_string("7"));
  EXPECT_EQ(write(registry, Path(30000, 0, 1), WriteMode::kReplace, wrong_type, scratch).error(),
            Error::kTypeMismatch);
  ListDecoder outside;
  outside.add(Path(30000, 0, 0), Value::of_string("x"));
  EXPECT_EQ(write(registry, Path(30000, 0, 1), WriteMode::kReplace, outside, scratch).error(), Error::kBadRequest);
  ListDecoder any;
  EXPECT_EQ(write(registry, Path(30000), WriteMode::kReplace, any, scratch).error(), Error::kMethodNotAllowed);
  EXPECT_EQ(write(registry, Path(30000, 0, 3), WriteMode::kReplace, any, scratch).error(), Error::kMethodNotAllowed);
  EXPECT_EQ(write(registry, Path(30000, 2), WriteMode::kReplace, any, scratch).error(), Error::kNotFound);
  ListDecoder instance_of_single;
  instance_of_single.add(Path(30000, 0, 1, 0), Value::of_integer(1));
  EXPECT_EQ(write(registry, Path(30000, 0), WriteMode::kPartialUpdate, instance_of_single, scratch).error(),
            Error::kBadRequest);
}

TEST_F(Operations, WriteCompositeAcrossInstancesIsAtomic) {
  ASSERT_TRUE(object.create_instance(1).ok());
  ASSERT_TRUE(object.set(1, 0, Value::of_string("other")).ok());
  ListDecoder ok;
  ok.add(Path(30000, 0, 0), Value::of_string("a")).add(Path(30000, 1, 0), Value::of_string("b"));
  ASSERT_TRUE(write_composite(registry, ok, scratch).ok());
  EXPECT_EQ(name(0), "a");
  EXPECT_EQ(name(1), "b");
  ListDecoder bad;
  bad.add(Path(30000, 0, 0), Value::of_string("c")).add(Path(30000, 3, 0), Value::of_string("d"));
  EXPECT_EQ(write_composite(registry, bad, scratch).error(), Error::kNotFound);
  EXPECT_EQ(name(0), "a");
}

TEST_F(Operations, ExecuteWithArgumentsCoreTs5_4_5) {
  const std::string args = "0='on',3";
  ASSERT_TRUE(execute(registry, Path(30000, 0, 4), {reinterpret_cast<const uint8_t*>(args.data()), args.size()}).ok());
  EXPECT_EQ(object.resets, 1);
  EXPECT_EQ(object.last_args, args);
  const std::string bad = "0='on";
  EXPECT_EQ(execute(registry, Path(30000, 0, 4), {reinterpret_cast<const uint8_t*>(bad.data()), bad.size()}).error(),
            Error::kBadRequest);
  EXPECT_EQ(execute(registry, Path(30000, 0, 1), {}).error(), Error::kMethodNotAllowed);
  EXPECT_EQ(execute(registry, Path(30000, 0), {}).error(), Error::kMethodNotAllowed);
  EXPECT_EQ(object.resets, 1);
}

TEST_F(Operations, CreateNeedsMandatoryValuesAndRollsBack) {
  ListDecoder missing_name;
  missing_name.add(Path(30000, 2, 1), Value::of_integer(5));
  EXPECT_EQ(create(registry, 30000, 2, missing_name, scratch).error(), Error::kBadRequest);
  EXPECT_FALSE(object.has_instance(2));

  ListDecoder full;
  full.add(Path(30000, 2, 0), Value::of_string("new")).add(Path(30000, 2, 1), Value::of_integer(5));
  ASSERT_TRUE(create(registry, 30000, 2, full, scratch).ok());
  EXPECT_EQ(name(2), "new");
  EXPECT_EQ(create(registry, 30000, 2, full, scratch).error(), Error::kAlreadyExists);
  EXPECT_EQ(object.free_instance_id().value(), 1);
}

TEST_F(Operations, DeleteInstance) {
  EXPECT_EQ(remove(registry, Path(30000)).error(), Error::kMethodNotAllowed);
  ASSERT_TRUE(remove(registry, Path(30000, 0)).ok());
  EXPECT_FALSE(object.has_instance(0));
  EXPECT_EQ(remove(registry, Path(30000, 0)).error(), Error::kNotFound);
}

}  // namespace
