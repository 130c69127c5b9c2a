// Data types and conversions: Core TS Appendix C (data types), §7.4.1 (plain text), §7.4.3 (TLV values).
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "lwm2m/core/value.h"

using namespace lwm2m;

namespace {
Result<Value> from_text(const char* s, DataType t, std::span<uint8_t> scratch = {}) {
  DecodedValue d;
  d.encoding = WireEncoding::kPlainText;
  d.value.bytes = {reinterpret_cast<const uint8_t*>(s), std::strlen(s)};
  return convert(d, t, scratch);
}
Result<Value> from_tlv(std::vector<uint8_t> b, DataType t) {
  static std::vector<uint8_t> keep;
  keep = std::move(b);
  DecodedValue d;
  d.encoding = WireEncoding::kTlvBytes;
  d.value.bytes = keep;
  return convert(d, t, {});
}
Result<Value> from_typed(Value v, DataType t) { return convert(DecodedValue{v, WireEncoding::kTyped}, t, {}); }
}  // namespace

TEST(PlainTextValue, EachTypeCoreTs7_3_1) {
  EXPECT_EQ(from_text("-42", DataType::kInteger).value(), Value::of_integer(-42));
  EXPECT_EQ(from_text("18446744073709551615", DataType::kUnsignedInteger).value(), Value::of_unsigned(UINT64_MAX));
  EXPECT_EQ(from_text("-1.5e3", DataType::kFloat).value(), Value::of_float(-1500));
  EXPECT_EQ(from_text("1", DataType::kBoolean).value(), Value::of_boolean(true));
  EXPECT_EQ(from_text("0", DataType::kBoolean).value(), Value::of_boolean(false));
  EXPECT_EQ(from_text("1700000000", DataType::kTime).value(), Value::of_time(1700000000));
  EXPECT_EQ(from_text("3:0", DataType::kObjlnk).value(), Value::of_objlnk(3, 0));
  EXPECT_EQ(from_text("65535:65535", DataType::kObjlnk).value(), Value::of_objlnk(65535, 65535));
  EXPECT_EQ(from_text("Open Mobile Alliance", DataType::kString).value(), Value::of_string("Open Mobile Alliance"));
  uint8_t scratch[8];
  Result<Value> opaque = from_text("AQID", DataType::kOpaque, scratch);
  ASSERT_TRUE(opaque.ok());
  EXPECT_EQ(opaque->bytes.size(), 3u);
  EXPECT_EQ(opaque->bytes[2], 3);
}

TEST(PlainTextValue, RejectsMalformedAndOutOfRange) {
  EXPECT_EQ(from_text("9223372036854775808", DataType::kInteger).error(), Error::kOutOfRange);
  EXPECT_EQ(from_text("-1", DataType::kUnsignedInteger).error(), Error::kMalformed);
  EXPECT_EQ(from_text("12a", DataType::kInteger).error(), Error::kMalformed);
  EXPECT_EQ(from_text("", DataType::kInteger).error(), Error::kMalformed);
  EXPECT_EQ(from_text("true", DataType::kBoolean).error(), Error::kMalformed);
  EXPECT_EQ(from_text("2", DataType::kBoolean).error(), Error::kMalformed);
  EXPECT_EQ(from_text("1e999", DataType::kFloat).error(), Error::kOutOfRange);
  EXPECT_EQ(from_text("nan", DataType::kFloat).error(), Error::kMalformed);
  EXPECT_EQ(from_text("3-0", DataType::kObjlnk).error(), Error::kMalformed);
  EXPECT_EQ(from_text("\xC0\xAF", DataType::kString).error(), Error::kInvalidUtf8);
}

TEST(TlvValue, IntegersInEveryWidthCoreTs7_3_3) {
  EXPECT_EQ(from_tlv({0x80}, DataType::kInteger).value(), Value::of_integer(-128));
  EXPECT_EQ(from_tlv({0x7F, 0xFF}, DataType::kInteger).value(), Value::of_integer(32767));
  EXPECT_EQ(from_tlv({0xFF, 0xFF, 0xFF, 0xFE}, DataType::kInteger).value(), Value::of_integer(-2));
  EXPECT_EQ(from_tlv({0x80, 0, 0, 0, 0, 0, 0, 0}, DataType::kInteger).value(), Value::of_integer(INT64_MIN));
  EXPECT_EQ(from_tlv({0xFF}, DataType::kUnsignedInteger).value(), Value::of_unsigned(255));
  EXPECT_EQ(from_tlv({1, 2, 3}, DataType::kInteger).error(), Error::kMalformed);
  EXPECT_EQ(from_tlv({}, DataType::kInteger).error(), Error::kMalformed);
}

TEST(TlvValue, FloatBooleanObjlnk) {
  EXPECT_EQ(from_tlv({0x3F, 0xC0, 0, 0}, DataType::kFloat).value(), Value::of_float(1.5));
  EXPECT_EQ(from_tlv({0x3F, 0xF8, 0, 0, 0, 0, 0, 0}, DataType::kFloat).value(), Value::of_float(1.5));
  EXPECT_EQ(from_tlv({1}, DataType::kBoolean).value(), Value::of_boolean(true));
  EXPECT_EQ(from_tlv({2}, DataType::kBoolean).error(), Error::kMalformed);
  EXPECT_EQ(from_tlv({0, 3, 0, 1}, DataType::kObjlnk).value(), Value::of_objlnk(3, 1));
  EXPECT_EQ(from_tlv({0, 3, 0}, DataType::kObjlnk).error(), Error::kMalformed);
}

TEST(TypedValue, ExactNumericConversionsOnly) {
  EXPECT_EQ(from_typed(Value::of_integer(5), DataType::kFloat).value(), Value::of_float(5));
  EXPECT_EQ(from_typed(Value::of_float(5), DataType::kInteger).value(), Value::of_integer(5));
  EXPECT_EQ(from_typed(Value::of_float(5.5), DataType::kInteger).error(), Error::kTypeMismatch);
  EXPECT_EQ(from_typed(Value::of_float(1e300), DataType::kInteger).error(), Error::kOutOfRange);
  EXPECT_EQ(from_typed(Value::of_integer(-1), DataType::kUnsignedInteger).error(), Error::kOutOfRange);
  EXPECT_EQ(from_typed(Value::of_unsigned(UINT64_MAX), DataType::kInteger).error(), Error::kOutOfRange);
  EXPECT_EQ(from_typed(Value::of_integer(1700000000), DataType::kTime).value(), Value::of_time(1700000000));
  EXPECT_EQ(from_typed(Value::of_string("x"), DataType::kInteger).error(), Error::kTypeMismatch);
  EXPECT_EQ(from_typed(Value::of_boolean(true), DataType::kString).error(), Error::kTypeMismatch);
}

TEST(TypedValue, StringToObjlnkParsesObjectColonInstance) {
  // LwM2M CBOR (Core TS §7.4.6) and SenML "vlo" carry an Objlnk as text "o:i".
  EXPECT_EQ(from_typed(Value::of_string("3:0"), DataType::kObjlnk).value(), Value::of_objlnk(3, 0));
  EXPECT_EQ(from_typed(Value::of_string("65534:12"), DataType::kObjlnk).value(), Value::of_objlnk(65534, 12));
  EXPECT_EQ(from_typed(Value::of_string("65535:65535"), DataType::kObjlnk).value(),
            Value::of_objlnk(65535, 65535));
  EXPECT_EQ(from_typed(Value::of_string("3"), DataType::kObjlnk).error(), Error::kMalformed);
  EXPECT_EQ(from_typed(Value::of_string("3:"), DataType::kObjlnk).error(), Error::kMalformed);
  EXPECT_EQ(from_typed(Value::of_string("3:65535"), DataType::kObjlnk).error(), Error::kMalformed);
  EXPECT_EQ(from_typed(Value::of_string("-3:0"), DataType::kObjlnk).error(), Error::kMalformed);
  EXPECT_EQ(from_typed(Value::of_integer(3), DataType::kObjlnk).error(), Error::kTypeMismatch);
}

TEST(Utf8, RFC3629WellFormedness) {
  auto ok = [](const char* s) {
    return is_valid_utf8({reinterpret_cast<const uint8_t*>(s), std::strlen(s)});
  };
  EXPECT_TRUE(ok("abc"));
  EXPECT_TRUE(ok("\xC3\xA9"));          // é
  EXPECT_TRUE(ok("\xF0\x9F\x98\x80"));  // U+1F600
  EXPECT_FALSE(ok("\xC3"));             // truncated
  EXPECT_FALSE(ok("\xE0\x80\xAF"));     // overlong
  EXPECT_FALSE(ok("\xED\xA0\x80"));     // surrogate
  EXPECT_FALSE(ok("\xF4\x90\x80\x80")); // > U+10FFFF
  EXPECT_FALSE(ok("\x80"));
}
