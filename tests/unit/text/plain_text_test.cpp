// text/plain (Core TS §7.4.1): one resource or resource instance as text.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "lwm2m/text/plain_text_codec.h"
#include "tests/unit/common/record_test_util.h"

using namespace lwm2m;
using record_test::bytes;
using record_test::record;

namespace {

std::string text_of(const Value& v, size_t capacity = 64) {
  std::vector<uint8_t> out(capacity);
  Result<size_t> n = format_plain_text(v, out);
  EXPECT_TRUE(n.ok()) << error_name(n.error());
  return n.ok() ? std::string(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(*n)) : std::string();
}

struct Encoded {
  Error error = Error::kOk;
  std::string text;
};

Encoded encode(const Path& request, const std::vector<Record>& records, size_t capacity = 64) {
  record_test::Encoded e = record_test::encode_with<PlainTextEncoder>(request, records, capacity);
  return {e.error, std::string(e.bytes.begin(), e.bytes.end())};
}

}  // namespace

TEST(PlainTextFormat, EachDataType_CoreTs7_4_1) {
  EXPECT_EQ(text_of(Value::of_integer(100)), "100");  // Device Battery Level
  EXPECT_EQ(text_of(Value::of_integer(-42)), "-42");
  EXPECT_EQ(text_of(Value::of_integer(INT64_MIN)), "-9223372036854775808");
  EXPECT_EQ(text_of(Value::of_unsigned(UINT64_MAX)), "18446744073709551615");
  EXPECT_EQ(text_of(Value::of_time(1367491215)), "1367491215");  // Device Current Time: seconds
  EXPECT_EQ(text_of(Value::of_float(21.5)), "21.5");
  EXPECT_EQ(text_of(Value::of_float(-0.1)), "-0.1");
  EXPECT_EQ(text_of(Value::of_float(3)), "3");
  EXPECT_EQ(text_of(Value::of_boolean(true)), "1");
  EXPECT_EQ(text_of(Value::of_boolean(false)), "0");
  EXPECT_EQ(text_of(Value::of_objlnk(66, 1)), "66:1");
  EXPECT_EQ(text_of(Value::of_objlnk(65535, 65535)), "65535:65535");
  EXPECT_EQ(text_of(Value::of_string("Open Mobile Alliance")), "Open Mobile Alliance");
  EXPECT_EQ(text_of(Value::of_string("")), "");
  EXPECT_EQ(text_of(Value::of_corelnk("</3/0>")), "</3/0>");
}

TEST(PlainTextFormat, OpaqueIsBase64_Rfc4648Section10) {
  EXPECT_EQ(text_of(Value::of_opaque(bytes("foobar"))), "Zm9vYmFy");
  EXPECT_EQ(text_of(Value::of_opaque(bytes("fooba"))), "Zm9vYmE=");
  EXPECT_EQ(text_of(Value::of_opaque(bytes("f"))), "Zg==");
  EXPECT_EQ(text_of(Value::of_opaque({})), "");
}

TEST(PlainTextFormat, Refusals) {
  uint8_t out[8];
  EXPECT_EQ(format_plain_text(Value::of_float(std::nan("")), out).error(), Error::kOutOfRange);
  EXPECT_EQ(format_plain_text(Value::of_float(std::numeric_limits<double>::infinity()), out).error(), Error::kOutOfRange);
  EXPECT_EQ(format_plain_text(Value::none(), out).error(), Error::kTypeMismatch);
  EXPECT_EQ(format_plain_text(Value::of_string("123456789"), out).error(), Error::kBufferTooSmall);
  EXPECT_EQ(format_plain_text(Value::of_integer(-1234567890), out).error(), Error::kBufferTooSmall);
  EXPECT_EQ(format_plain_text(Value::of_objlnk(65535, 65535), out).error(), Error::kBufferTooSmall);
  EXPECT_EQ(format_plain_text(Value::of_objlnk(6553, 655), std::span<uint8_t>(out, 4)).error(), Error::kBufferTooSmall);
  EXPECT_EQ(format_plain_text(Value::of_opaque(bytes("abcdefg")), out).error(), Error::kBufferTooSmall);
  EXPECT_EQ(format_plain_text(Value::of_boolean(true), {}).error(), Error::kBufferTooSmall);
}

TEST(PlainTextFormat, RoundTripThroughConvert) {
  uint8_t scratch[16];
  const Value values[] = {Value::of_integer(-7),         Value::of_unsigned(UINT64_MAX), Value::of_time(0),
                          Value::of_float(0.1),          Value::of_float(-1e300),        Value::of_boolean(true),
                          Value::of_objlnk(3, 0),        Value::of_string("grüße"),      Value::of_corelnk("</1>"),
                          Value::of_opaque(bytes("\x01\x02\xFF"))};
  for (const Value& v : values) {
    std::string text = text_of(v);
    DecodedValue d{Value::of_string(text), WireEncoding::kPlainText};
    Result<Value> back = convert(d, v.type, scratch);
    ASSERT_TRUE(back.ok()) << data_type_name(v.type) << ": " << error_name(back.error());
    EXPECT_EQ(back.value(), v) << data_type_name(v.type);
  }
}

TEST(PlainTextEncoder, SingleResourceAndResourceInstance_CoreTs7_4_1) {
  Encoded e = encode({3, 0, 9}, {record({3, 0, 9}, Value::of_integer(100))});
  EXPECT_EQ(e.error, Error::kOk);
  EXPECT_EQ(e.text, "100");
  e = encode({3, 0, 7, 1}, {record({3, 0, 7, 1}, Value::of_integer(5000))});
  EXPECT_EQ(e.error, Error::kOk);
  EXPECT_EQ(e.text, "5000");
  e = encode({3, 0, 9}, {});
  EXPECT_EQ(e.error, Error::kOk);
  EXPECT_EQ(e.text, "");
}

TEST(PlainTextEncoder, OnlyASingleValueIsAcceptable) {
  EXPECT_EQ(encode(Path(), {}).error, Error::kNotAcceptable);
  EXPECT_EQ(encode(Path(3), {}).error, Error::kNotAcceptable);
  EXPECT_EQ(encode({3, 0}, {}).error, Error::kNotAcceptable);
  // A multiple-instance resource read on /o/i/r.
  EXPECT_EQ(encode({3, 0, 7}, {record({3, 0, 7, 0}, Value::of_integer(3800))}).error, Error::kNotAcceptable);
  EXPECT_EQ(encode({3, 0, 4}, {record({3, 0, 4}, Value::none())}).error, Error::kNotAcceptable);
  EXPECT_EQ(encode({3, 0, 9}, {record({3, 0, 9}, Value::of_float(std::nan("")))}).error, Error::kNotAcceptable);
}

TEST(PlainTextEncoder, BrokenStreamsAndSmallBuffers) {
  EXPECT_EQ(encode({3, 0, 9}, {record({3, 0, 10}, Value::of_integer(1))}).error, Error::kInternal);
  EXPECT_EQ(encode({3, 0, 9}, {record({3, 0, 9}, Value::of_integer(1)), record({3, 0, 9}, Value::of_integer(1))}).error,
            Error::kInternal);
  EXPECT_EQ(encode({3, 0, 0}, {record({3, 0, 0}, Value::of_string("Open Mobile Alliance"))}, 19).error,
            Error::kBufferTooSmall);
  EXPECT_EQ(encode({3, 0, 0}, {record({3, 0, 0}, Value::of_string("Open Mobile Alliance"))}, 20).text,
            "Open Mobile Alliance");
}

TEST(PlainTextEncoder, ErrorsAreStickyUntilBegin) {
  uint8_t out[2];
  PlainTextEncoder encoder(out);
  EXPECT_EQ(encoder.add(record({3, 0, 9}, Value::of_integer(1))).error(), Error::kInternal);
  ASSERT_TRUE(encoder.begin({3, 0, 9}).ok());
  EXPECT_EQ(encoder.add(record({3, 0, 9}, Value::of_integer(100))).error(), Error::kBufferTooSmall);
  EXPECT_EQ(encoder.finish().error(), Error::kBufferTooSmall);
  ASSERT_TRUE(encoder.begin({3, 0, 9}).ok());
  ASSERT_TRUE(encoder.add(record({3, 0, 9}, Value::of_integer(42))).ok());
  EXPECT_EQ(encoder.finish().value(), 2u);
}

TEST(PlainTextDecoder, YieldsOneRecordAtTheRequestPath_CoreTs7_4_1) {
  std::string payload = "100";
  PlainTextDecoder decoder(bytes(payload), {3, 0, 9});
  DecodedRecord r;
  ASSERT_TRUE(decoder.next(r).value());
  EXPECT_EQ(r.path, Path(3, 0, 9));
  EXPECT_EQ(r.value.encoding, WireEncoding::kPlainText);
  EXPECT_EQ(convert(r.value, DataType::kInteger, {}).value(), Value::of_integer(100));
  EXPECT_FALSE(decoder.next(r).value());
  EXPECT_FALSE(decoder.next(r).value());
  decoder.rewind();
  ASSERT_TRUE(decoder.next(r).value());
  EXPECT_EQ(r.value.value.bytes.size(), 3u);
}

TEST(PlainTextDecoder, ResourceInstanceAndEmptyPayload) {
  PlainTextDecoder decoder({}, {3, 0, 14, 2});
  DecodedRecord r;
  ASSERT_TRUE(decoder.next(r).value());
  EXPECT_EQ(r.path, Path(3, 0, 14, 2));
  EXPECT_EQ(convert(r.value, DataType::kString, {}).value(), Value::of_string(""));
  EXPECT_EQ(convert(r.value, DataType::kInteger, {}).ok(), false);
}

TEST(PlainTextDecoder, NotAResourcePathIsABadRequest) {
  DecodedRecord r;
  for (const Path& p : {Path(), Path(3), Path(3, 0)}) {
    PlainTextDecoder decoder(bytes("1"), p);
    EXPECT_EQ(decoder.next(r).error(), Error::kBadRequest);
  }
}

TEST(PlainTextDecoder, MalformedTextFailsInConvert) {
  uint8_t scratch[8];
  auto convert_text = [&](std::string_view text, DataType type) {
    PlainTextDecoder decoder(bytes(text), {3, 0, 9});
    DecodedRecord r;
    EXPECT_TRUE(decoder.next(r).value());
    return convert(r.value, type, scratch).error();
  };
  EXPECT_NE(convert_text("12a", DataType::kInteger), Error::kOk);
  EXPECT_NE(convert_text(" 1", DataType::kInteger), Error::kOk);
  EXPECT_NE(convert_text("99999999999999999999", DataType::kInteger), Error::kOk);
  EXPECT_NE(convert_text("-1", DataType::kUnsignedInteger), Error::kOk);
  EXPECT_NE(convert_text("true", DataType::kBoolean), Error::kOk);
  EXPECT_NE(convert_text("nan", DataType::kFloat), Error::kOk);
  EXPECT_NE(convert_text("3", DataType::kObjlnk), Error::kOk);
  EXPECT_NE(convert_text("3:65536", DataType::kObjlnk), Error::kOk);
  EXPECT_NE(convert_text("Zg=", DataType::kOpaque), Error::kOk);
  EXPECT_NE(convert_text("AAAAAAAAAAAAAAAA", DataType::kOpaque), Error::kOk);  // more than the scratch holds
  EXPECT_EQ(convert_text("\xC3\x28", DataType::kString), Error::kInvalidUtf8);
}
