// application/octet-stream (Core TS §7.4.2): the raw bytes of one Opaque
// resource or resource instance.
#include <gtest/gtest.h>

#include <vector>

#include "lwm2m/text/opaque_codec.h"
#include "tests/unit/common/record_test_util.h"

using namespace lwm2m;
using record_test::Encoded;
using record_test::record;

namespace {

Encoded encode(const Path& request, const std::vector<Record>& records, size_t capacity = 64) {
  return record_test::encode_with<OpaqueEncoder>(request, records, capacity);
}

const std::vector<uint8_t> kPackage = {0x00, 0xFF, 0x10, 0x80, 0x7F};

}  // namespace

TEST(OpaqueEncoder, RawBytesOfAnOpaqueResource_CoreTs7_4_2) {
  Encoded e = encode({5, 0, 0}, {record({5, 0, 0}, Value::of_opaque(kPackage))});
  EXPECT_EQ(e.error, Error::kOk);
  EXPECT_EQ(e.bytes, kPackage);
  e = encode({5, 0, 0, 3}, {record({5, 0, 0, 3}, Value::of_opaque(kPackage))});
  EXPECT_EQ(e.error, Error::kOk);
  EXPECT_EQ(e.bytes, kPackage);
  e = encode({5, 0, 0}, {record({5, 0, 0}, Value::of_opaque({}))});
  EXPECT_EQ(e.error, Error::kOk);
  EXPECT_TRUE(e.bytes.empty());
}

TEST(OpaqueEncoder, OtherDataTypesAreNotAcceptable) {
  for (const Value& v : {Value::of_string("abc"), Value::of_integer(1), Value::of_float(1.5), Value::of_boolean(true),
                         Value::of_time(0), Value::of_objlnk(1, 2), Value::of_corelnk("</1>"), Value::of_unsigned(1),
                         Value::none()})
    EXPECT_EQ(encode({3, 0, 0}, {record({3, 0, 0}, v)}).error, Error::kNotAcceptable) << data_type_name(v.type);
}

TEST(OpaqueEncoder, OnlyASingleValueIsAcceptable) {
  EXPECT_EQ(encode(Path(), {}).error, Error::kNotAcceptable);
  EXPECT_EQ(encode(Path(5), {}).error, Error::kNotAcceptable);
  EXPECT_EQ(encode({5, 0}, {}).error, Error::kNotAcceptable);
  EXPECT_EQ(encode({5, 0, 0}, {record({5, 0, 0, 1}, Value::of_opaque(kPackage))}).error, Error::kNotAcceptable);
}

TEST(OpaqueEncoder, BrokenStreamsAndSmallBuffers) {
  EXPECT_EQ(encode({5, 0, 0}, {record({5, 0, 1}, Value::of_opaque(kPackage))}).error, Error::kInternal);
  EXPECT_EQ(encode({5, 0, 0}, {record({5, 0, 0}, Value::of_opaque(kPackage)), record({5, 0, 0}, Value::of_opaque(kPackage))})
                .error,
            Error::kInternal);
  EXPECT_EQ(encode({5, 0, 0}, {record({5, 0, 0}, Value::of_opaque(kPackage))}, 4).error, Error::kBufferTooSmall);
  EXPECT_EQ(encode({5, 0, 0}, {record({5, 0, 0}, Value::of_opaque(kPackage))}, 5).bytes, kPackage);
}

TEST(OpaqueDecoder, YieldsTheWholePayloadAsTypedOpaque_CoreTs7_4_2) {
  OpaqueDecoder decoder(kPackage, {5, 0, 0});
  DecodedRecord r;
  ASSERT_TRUE(decoder.next(r).value());
  EXPECT_EQ(r.path, Path(5, 0, 0));
  EXPECT_EQ(r.value.encoding, WireEncoding::kTyped);
  EXPECT_EQ(r.value.value, Value::of_opaque(kPackage));
  EXPECT_EQ(convert(r.value, DataType::kOpaque, {}).value(), Value::of_opaque(kPackage));
  EXPECT_FALSE(decoder.next(r).value());
  decoder.rewind();
  EXPECT_TRUE(decoder.next(r).value());
}

TEST(OpaqueDecoder, OnlyOpaqueResourcesAcceptTheValue) {
  OpaqueDecoder decoder(kPackage, {3, 0, 0, 1});
  DecodedRecord r;
  ASSERT_TRUE(decoder.next(r).value());
  EXPECT_EQ(r.path, Path(3, 0, 0, 1));
  EXPECT_EQ(convert(r.value, DataType::kString, {}).error(), Error::kTypeMismatch);
  EXPECT_EQ(convert(r.value, DataType::kInteger, {}).error(), Error::kTypeMismatch);
}

TEST(OpaqueDecoder, EmptyPayloadIsAnEmptyValue) {
  OpaqueDecoder decoder({}, {5, 0, 0});
  DecodedRecord r;
  ASSERT_TRUE(decoder.next(r).value());
  EXPECT_TRUE(r.value.value.bytes.empty());
  EXPECT_EQ(r.value.value.type, DataType::kOpaque);
}

TEST(OpaqueDecoder, NotAResourcePathIsABadRequest) {
  DecodedRecord r;
  for (const Path& p : {Path(), Path(5), Path(5, 0)}) {
    OpaqueDecoder decoder(kPackage, p);
    EXPECT_EQ(decoder.next(r).error(), Error::kBadRequest);
  }
}
