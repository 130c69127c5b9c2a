// TLV value encodings per data type, Core TS §7.4.3 and Appendix C, and the
// round trip through lwm2m::convert.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "lwm2m/tlv/tlv_value.h"
#include "tlv_test_util.h"

using namespace lwm2m;
using namespace lwm2m::test;

namespace {
std::vector<uint8_t> bytes_of(const Value& v) {
  Result<TlvValue> t = TlvValue::of(v);
  EXPECT_TRUE(t.ok());
  if (!t.ok()) return {};
  return {t->bytes().begin(), t->bytes().end()};
}

Value back(const std::vector<uint8_t>& bytes, DataType type) {
  DecodedValue d;
  d.value.bytes = bytes;
  d.encoding = WireEncoding::kTlvBytes;
  Result<Value> v = convert(d, type, {});
  EXPECT_TRUE(v.ok()) << error_name(v.error());
  return v.value();
}
}  // namespace

TEST(TlvValue, IntegerTakesTheShortestOf1_2_4_8Bytes) {
  EXPECT_EQ(bytes_of(Value::of_integer(0)), hex("00"));
  EXPECT_EQ(bytes_of(Value::of_integer(127)), hex("7F"));
  EXPECT_EQ(bytes_of(Value::of_integer(128)), hex("00 80"));
  EXPECT_EQ(bytes_of(Value::of_integer(-128)), hex("80"));
  EXPECT_EQ(bytes_of(Value::of_integer(-129)), hex("FF 7F"));
  EXPECT_EQ(bytes_of(Value::of_integer(32767)), hex("7F FF"));
  EXPECT_EQ(bytes_of(Value::of_integer(32768)), hex("00 00 80 00"));
  EXPECT_EQ(bytes_of(Value::of_integer(INT32_MIN)), hex("80 00 00 00"));
  EXPECT_EQ(bytes_of(Value::of_integer(int64_t{INT32_MAX} + 1)), hex("00 00 00 00 80 00 00 00"));
  EXPECT_EQ(bytes_of(Value::of_integer(INT64_MIN)), hex("80 00 00 00 00 00 00 00"));
  EXPECT_EQ(bytes_of(Value::of_time(1367491215)), hex("51 82 42 8F"));
  EXPECT_EQ(bytes_of(Value::of_time(-1)), hex("FF"));
}

TEST(TlvValue, UnsignedTakesTheShortestOf1_2_4_8Bytes) {
  EXPECT_EQ(bytes_of(Value::of_unsigned(200)), hex("C8"));
  EXPECT_EQ(bytes_of(Value::of_unsigned(256)), hex("01 00"));
  EXPECT_EQ(bytes_of(Value::of_unsigned(65536)), hex("00 01 00 00"));
  EXPECT_EQ(bytes_of(Value::of_unsigned(UINT32_MAX)), hex("FF FF FF FF"));
  EXPECT_EQ(bytes_of(Value::of_unsigned(UINT64_MAX)), hex("FF FF FF FF FF FF FF FF"));
}

TEST(TlvValue, FloatIs4BytesWhenExactElse8) {
  EXPECT_EQ(bytes_of(Value::of_float(1.5)), hex("3F C0 00 00"));
  EXPECT_EQ(bytes_of(Value::of_float(-0.0)), hex("80 00 00 00"));
  EXPECT_EQ(bytes_of(Value::of_float(0.1)), hex("3F B9 99 99 99 99 99 9A"));
  EXPECT_EQ(bytes_of(Value::of_float(1e300)), hex("7E 37 E4 3C 88 00 75 9C"));
  EXPECT_EQ(bytes_of(Value::of_float(std::numeric_limits<double>::infinity())), hex("7F 80 00 00"));
  EXPECT_EQ(bytes_of(Value::of_float(std::numeric_limits<float>::max())).size(), 4u);
}

TEST(TlvValue, BooleanObjlnkAndBytes) {
  EXPECT_EQ(bytes_of(Value::of_boolean(true)), hex("01"));
  EXPECT_EQ(bytes_of(Value::of_boolean(false)), hex("00"));
  EXPECT_EQ(bytes_of(Value::of_objlnk(67, 0)), hex("00 43 00 00"));
  EXPECT_EQ(bytes_of(Value::of_objlnk(65535, 65535)), hex("FF FF FF FF"));
  EXPECT_EQ(bytes_of(Value::of_string("U")), hex("55"));
  EXPECT_EQ(bytes_of(Value::of_corelnk("</3>")), hex("3C 2F 33 3E"));
  const uint8_t raw[] = {0x00, 0xFF, 0x10};
  EXPECT_EQ(bytes_of(Value::of_opaque(raw)), hex("00 FF 10"));
  EXPECT_TRUE(bytes_of(Value::of_opaque({})).empty());
}

TEST(TlvValue, NoneHasNoEncoding) {
  EXPECT_EQ(TlvValue::of(Value::none()).error(), Error::kTypeMismatch);
}

TEST(TlvValue, EncodeIntoBuffer) {
  uint8_t out[4];
  EXPECT_EQ(encode_tlv_value(Value::of_integer(5000), out).value(), 2u);
  EXPECT_EQ(out[0], 0x13);
  EXPECT_EQ(out[1], 0x88);
  EXPECT_EQ(encode_tlv_value(Value::of_float(0.1), out).error(), Error::kBufferTooSmall);
  EXPECT_EQ(encode_tlv_value(Value::none(), out).error(), Error::kTypeMismatch);
}

TEST(TlvValue, RoundTripOfEveryType) {
  const uint8_t raw[] = {1, 2, 3, 0};
  const Value values[] = {
      Value::of_string("héllo"),         Value::of_string(""),
      Value::of_integer(0),              Value::of_integer(-1),
      Value::of_integer(INT64_MAX),      Value::of_integer(INT64_MIN),
      Value::of_integer(-32769),         Value::of_unsigned(0),
      Value::of_unsigned(UINT64_MAX),    Value::of_unsigned(4294967296ull),
      Value::of_float(1.5),              Value::of_float(0.1),
      Value::of_float(-3.4e38),          Value::of_float(1e-300),
      Value::of_boolean(true),           Value::of_boolean(false),
      Value::of_opaque(raw),             Value::of_time(1700000000),
      Value::of_time(-2208988800),       Value::of_objlnk(3, 0),
      Value::of_corelnk("</3/0>;ver=1.2"),
  };
  for (const Value& v : values) EXPECT_EQ(back(bytes_of(v), v.type), v) << data_type_name(v.type);
}
