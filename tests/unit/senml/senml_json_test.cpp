// SenML JSON (content format 110): Core TS §7.4.4 examples, RFC 8428 §5
// examples, round trips of every LwM2M data type, and malformed packs.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>

#include "lwm2m/senml/senml_json_decoder.h"
#include "lwm2m/senml/senml_json_encoder.h"
#include "senml_test_util.h"

using lwm2m::DataType;
using lwm2m::Error;
using lwm2m::Path;
using lwm2m::Record;
using lwm2m::SenmlJsonDecoder;
using lwm2m::SenmlJsonEncoder;
using lwm2m::Value;
using senml_test::bytes;
using senml_test::decode_all;
using senml_test::Decoded;
using senml_test::text_of;
using senml_test::rec;
using senml_test::core_ts_device_records;

namespace {

Decoded decode(std::string_view json, const Path& request = Path{}, size_t scratch_size = 256) {
  std::vector<uint8_t> scratch(scratch_size);
  SenmlJsonDecoder d(bytes(json), request, scratch);
  return decode_all(d);
}

Error decode_error(std::string_view json, const Path& request = Path{}) { return decode(json, request).error; }


std::string encode(const Path& request, const std::vector<Record>& records) {
  std::vector<uint8_t> json = senml_test::encode_ok<SenmlJsonEncoder>(request, records, 1024);
  return std::string(json.begin(), json.end());
}

// Core TS §7.4.4: Read on the Device Object Instance /3/0 answered in SenML JSON.
constexpr std::string_view kCoreTsDeviceRead =
    R"([{"bn":"/3/0/","n":"0","vs":"Open Mobile Alliance"},)"
    R"({"n":"1","vs":"Lightweight M2M Client"},)"
    R"({"n":"2","vs":"345000123"},)"
    R"({"n":"3","vs":"1.0"},)"
    R"({"n":"6/0","v":1},)"
    R"({"n":"6/1","v":5},)"
    R"({"n":"7/0","v":3800},)"
    R"({"n":"7/1","v":5000},)"
    R"({"n":"8/0","v":125},)"
    R"({"n":"8/1","v":900},)"
    R"({"n":"9","v":100},)"
    R"({"n":"10","v":15},)"
    R"({"n":"11/0","v":0},)"
    R"({"n":"13","v":1367491215},)"
    R"({"n":"14","vs":"+02:00"},)"
    R"({"n":"16","vs":"U"}])";

}  // namespace

TEST(SenmlJson, CoreTs7_4_4DeviceReadDecodes) {
  Decoded d = decode(kCoreTsDeviceRead, Path(3, 0));
  senml_test::expect_records(d, core_ts_device_records());  // Time comes back as Integer: v carries no type
  for (const lwm2m::DecodedRecord& r : d.records) {
    EXPECT_EQ(r.value.encoding, lwm2m::WireEncoding::kTyped);
    EXPECT_FALSE(r.has_time);
  }
}

TEST(SenmlJson, CoreTs7_4_4DeviceReadEncodesExactly) {
  EXPECT_EQ(encode(Path(3, 0), core_ts_device_records()), kCoreTsDeviceRead);
}

TEST(SenmlJson, SingleResourceAndCompositeNaming) {
  EXPECT_EQ(encode(Path(3, 0, 0), {rec(Path(3, 0, 0), Value::of_string("Open Mobile Alliance"))}),
            R"([{"bn":"/3/0/0","vs":"Open Mobile Alliance"}])");
  EXPECT_EQ(encode(Path(3, 0, 7), {rec(Path(3, 0, 7, 0), Value::of_integer(3800)),
                                    rec(Path(3, 0, 7, 1), Value::of_integer(5000))}),
            R"([{"bn":"/3/0/7/","n":"0","v":3800},{"n":"1","v":5000}])");
  EXPECT_EQ(encode(Path{}, {rec(Path(1, 0, 1), Value::of_integer(86400)), rec(Path(3, 0, 9), Value::of_integer(95))}),
            R"([{"n":"/1/0/1","v":86400},{"n":"/3/0/9","v":95}])");
  EXPECT_EQ(encode(Path(3), {}), "[]");
}

// A Read-Composite (FETCH) request names paths without values.
TEST(SenmlJson, NamesWithoutValuesForReadComposite) {
  Decoded d = decode(R"([{"n":"/3/0/0"},{"n":"/3/0/9"},{"bn":"/1/0/","n":"1"},{"bn":"","n":"/5"}])");
  ASSERT_EQ(d.error, Error::kOk);
  ASSERT_EQ(d.records.size(), 4u);
  EXPECT_EQ(d.records[0].path, Path(3, 0, 0));
  EXPECT_EQ(d.records[1].path, Path(3, 0, 9));
  EXPECT_EQ(d.records[2].path, Path(1, 0, 1));
  EXPECT_EQ(d.records[3].path, Path(5));
  for (const auto& r : d.records) EXPECT_EQ(r.value.value.type, DataType::kNone);
  Record name_only;
  name_only.path = Path(3, 0, 0);
  EXPECT_EQ(encode(Path{}, {name_only}), R"([{"n":"/3/0/0"}])");
}

// RFC 8428 §5.1.2 (multiple datapoints) with its URN names: they are not LwM2M paths.
TEST(SenmlJson, Rfc8428UrnNamesAreNotPaths) {
  EXPECT_EQ(decode_error(R"([{"bn":"urn:dev:ow:10e2073a01080063:","n":"voltage","u":"V","v":120.1},
                             {"n":"current","u":"A","v":1.2}])"),
            Error::kInvalidPath);
}

// RFC 8428 §5.1.3 (multiple measurements), names replaced by LwM2M paths:
// bt, relative t, bver and bu resolve as the RFC says.
TEST(SenmlJson, Rfc8428Section5_1_3BaseTime) {
  Decoded d = decode(R"([
     {"bn":"/3303/0/","bt":1.276020076001e+09,
      "bu":"A","bver":5,
      "n":"5700","u":"V","v":120.1},
     {"n":"5701","t":-5,"v":1.2},
     {"n":"5701","t":-4,"v":1.3},
     {"n":"5701","t":-3,"v":1.4},
     {"n":"5701","t":-2,"v":1.5},
     {"n":"5701","t":-1,"v":1.6},
     {"n":"5701","v":1.7}
   ])");
  ASSERT_EQ(d.error, Error::kOk);
  ASSERT_EQ(d.records.size(), 7u);
  EXPECT_EQ(d.records[0].path, Path(3303, 0, 5700));
  EXPECT_EQ(d.records[0].value.value, Value::of_float(120.1));
  EXPECT_DOUBLE_EQ(d.records[0].time, 1.276020076001e+09);
  const double values[] = {1.2, 1.3, 1.4, 1.5, 1.6, 1.7};
  for (int i = 0; i < 6; ++i) {
    const auto& r = d.records[1 + i];
    EXPECT_EQ(r.path, Path(3303, 0, 5701));
    EXPECT_TRUE(r.has_time);
    EXPECT_DOUBLE_EQ(r.time, 1.276020076001e+09 - 5 + i) << i;
    EXPECT_EQ(r.value.value, Value::of_float(values[i]));
  }
}

// RFC 8428 §5.1.4 (multiple data types), names replaced by paths.
TEST(SenmlJson, Rfc8428Section5_1_4DataTypes) {
  Decoded d = decode(R"([
     {"bn":"/3341/0/","n":"5527","u":"Cel","v":23.1},
     {"n":"5750","vs":"Machine Room"},
     {"n":"5850","vb":false},
     {"n":"5910","vd":"aGkgCg"}
   ])");
  ASSERT_EQ(d.error, Error::kOk);
  ASSERT_EQ(d.records.size(), 4u);
  EXPECT_EQ(d.records[0].value.value, Value::of_float(23.1));
  EXPECT_EQ(text_of(d.records[1].value.value), "Machine Room");
  EXPECT_EQ(d.records[1].value.value.type, DataType::kString);
  EXPECT_EQ(d.records[2].value.value, Value::of_boolean(false));
  EXPECT_EQ(d.records[3].value.value.type, DataType::kOpaque);
  EXPECT_EQ(text_of(d.records[3].value.value), "hi \n");
  EXPECT_EQ(d.records[3].path, Path(3341, 0, 5910));
}

// Every LwM2M data type through the encoder and back.
TEST(SenmlJson, RoundTripsEveryDataType) {
  const uint8_t opaque[] = {0x00, 0xfb, 0xff, 0x10, 0x80, 0x7f, 0x01};
  std::vector<uint8_t> big_opaque(200);
  for (size_t i = 0; i < big_opaque.size(); ++i) big_opaque[i] = static_cast<uint8_t>(i * 7);
  std::vector<Record> records = {
      rec(Path(9, 0, 0), Value::of_string("tab\t\"quote\" \xC3\xA9\xF0\x9D\x84\x9E")),
      rec(Path(9, 0, 1), Value::of_integer(-9223372036854775807 - 1)),
      rec(Path(9, 0, 2), Value::of_unsigned(18446744073709551615u)),
      rec(Path(9, 0, 3), Value::of_float(-0.1)),
      rec(Path(9, 0, 4), Value::of_boolean(true)),
      rec(Path(9, 0, 5), Value::of_opaque(opaque)),
      rec(Path(9, 0, 6), Value::of_time(1700000000)),
      rec(Path(9, 0, 7), Value::of_objlnk(3, 65534)),
      rec(Path(9, 0, 8), Value::of_corelnk("</3/0>;ct=110")),
      rec(Path(9, 0, 9, 0), Value::of_opaque({})),
      rec(Path(9, 0, 9, 1), Value::of_opaque(big_opaque)),
      rec(Path(9, 0, 10), Value::of_objlnk(65535, 65535)),
      rec(Path(9, 0, 11), Value::of_float(1e300)),
  };
  std::string json = encode(Path(9, 0), records);
  Decoded d = decode(json, Path(9, 0), 512);
  {
    SCOPED_TRACE(json);
    senml_test::expect_records(d, records);
    // Each decodes to the resource's own type with the core conversion.
    senml_test::expect_converts_back(d, records);
  }
  EXPECT_NE(json.find(R"("vd":"APv_EIB_AQ")"), std::string::npos) << json;  // base64url, no padding
  EXPECT_NE(json.find(R"("vlo":"3:65534")"), std::string::npos) << json;
}

TEST(SenmlJson, IntegralFloatsComeBackAsIntegersAndConvert) {
  std::string json = encode(Path(3303, 0), {rec(Path(3303, 0, 5700), Value::of_float(21.0))});
  EXPECT_EQ(json, R"([{"bn":"/3303/0/","n":"5700","v":21}])");
  Decoded d = decode(json);
  ASSERT_EQ(d.error, Error::kOk);
  EXPECT_EQ(d.records[0].value.value, Value::of_integer(21));
  EXPECT_EQ(*lwm2m::convert(d.records[0].value, DataType::kFloat, {}), Value::of_float(21.0));
}

TEST(SenmlJson, TimestampsRoundTrip) {
  const double times[] = {1700000000, 1700000000, 1700000005.25, 1600000000};
  std::vector<Record> records = senml_test::timed_temperatures(times);  // and an untimed "Cel"
  std::string json = encode(Path(3303, 0), records);
  EXPECT_EQ(json,
            R"([{"bn":"/3303/0/","bt":1700000000,"n":"5700","v":20.5},{"n":"5700","v":20.5},)"
            R"({"n":"5700","t":5.25,"v":20.5},{"n":"5700","t":-100000000,"v":20.5},{"bt":0,"n":"5701","vs":"Cel"}])");
  senml_test::expect_timed_temperatures(decode(json), times);
}

TEST(SenmlJson, UnknownFieldsAreSkippedButMustUnderstandOnesRefused) {
  Decoded d = decode(R"([{"bn":"/3/0/","n":"0","u":"m","ut":5,"x":{"deep":[1,2,{"a":null}]},"vs":"a"}])");
  ASSERT_EQ(d.error, Error::kOk);
  EXPECT_EQ(text_of(d.records[0].value.value), "a");
  EXPECT_EQ(decode_error(R"([{"n":"/3/0/0","v":1,"foo_":1}])"), Error::kBadRequest);  // RFC 8428 §4.4
}

TEST(SenmlJson, EscapedStringsAndNames) {
  Decoded d = decode(R"([{"bn":"\/3\/0\/","n":"\u0030","vs":"\u00e9\n"}])");
  ASSERT_EQ(d.error, Error::kOk);
  EXPECT_EQ(d.records[0].path, Path(3, 0, 0));
  EXPECT_EQ(text_of(d.records[0].value.value), "\xC3\xA9\n");
}

TEST(SenmlJson, RejectsMalformedPacks) {
  EXPECT_EQ(decode_error(""), Error::kTruncated);
  EXPECT_EQ(decode_error("{}"), Error::kMalformed);                         // not an array
  EXPECT_EQ(decode_error("[1]"), Error::kMalformed);                        // record not an object
  EXPECT_EQ(decode_error(R"([{"n":"/3/0/0","v":1}] x)"), Error::kMalformed);  // trailing garbage
  EXPECT_EQ(decode_error(R"([{"n":"/3/0/0","v":1})"), Error::kTruncated);
  EXPECT_EQ(decode_error(R"([{"n":"/3/0/0","v":1)"), Error::kTruncated);
  EXPECT_EQ(decode_error(R"([{"n":"/3/0/0","v":1,"v":2}])"), Error::kDuplicate);
  EXPECT_EQ(decode_error(R"([{"n":"/3/0/0","n":"/3/0/1"}])"), Error::kDuplicate);
  EXPECT_EQ(decode_error(R"([{"n":"/3/0/0","v":1,"vs":"a"}])"), Error::kMalformed);  // two values
  EXPECT_EQ(decode_error(R"([{"n":"/3/0/0","vb":true,"vd":"AA"}])"), Error::kMalformed);
  EXPECT_EQ(decode_error(R"([{"n":"/3/0/0","v":"1"}])"), Error::kTypeMismatch);
  EXPECT_EQ(decode_error(R"([{"n":"/3/0/0","vs":1}])"), Error::kTypeMismatch);
  EXPECT_EQ(decode_error(R"([{"n":"/3/0/0","vb":1}])"), Error::kTypeMismatch);
  EXPECT_EQ(decode_error(R"([{"n":"/3/0/0","vb":null}])"), Error::kTypeMismatch);
  EXPECT_EQ(decode_error(R"([{"n":3}])"), Error::kTypeMismatch);
  EXPECT_EQ(decode_error(R"([{"n":"/3/0/0","v":[1]}])"), Error::kTypeMismatch);
  EXPECT_EQ(decode_error(R"([{"n":"/3/0/0","bt":"1"}])"), Error::kTypeMismatch);
  EXPECT_EQ(decode_error(R"([{"n":"/3/0/0","v":1e999}])"), Error::kOutOfRange);
  EXPECT_EQ(decode_error(R"([{"n":"/3/0/0","t":1e999}])"), Error::kOutOfRange);
  EXPECT_EQ(decode_error(R"([{"bt":1e308,"n":"/3/0/0","t":1e308}])"), Error::kOutOfRange);
  EXPECT_EQ(decode_error(R"([{"n":"/3/0/0","vd":"a"}])"), Error::kMalformed);       // bad base64
  EXPECT_EQ(decode_error(R"([{"n":"/3/0/0","vd":"AA=A"}])"), Error::kMalformed);
  EXPECT_EQ(decode_error(R"([{"n":"/3/0/0","vlo":"3"}])"), Error::kMalformed);
  EXPECT_EQ(decode_error(R"([{"n":"/3/0/0","vlo":"3:70000"}])"), Error::kMalformed);
  EXPECT_EQ(decode_error(R"([{"n":"/3/0/0","vs":"\ud800"}])"), Error::kInvalidUtf8);
  EXPECT_EQ(decode_error("[{\"n\":\"/3/0/0\",\"vs\":\"\xC3\x28\"}]"), Error::kInvalidUtf8);
  EXPECT_EQ(decode_error("[{\"n\":\"/3/0/\xFF\"}]"), Error::kInvalidUtf8);
  EXPECT_EQ(decode_error(R"([{"n":"3/0/0","v":1}])"), Error::kInvalidPath);         // not absolute
  EXPECT_EQ(decode_error(R"([{"bn":"/3/0","n":"1","v":1}])"), Error::kInvalidPath); // "/3/01"
  EXPECT_EQ(decode_error(R"([{"v":1}])"), Error::kInvalidPath);                     // no name
  EXPECT_EQ(decode_error(R"([{"n":"/3/0/0","bver":11}])"), Error::kBadRequest);
  EXPECT_EQ(decode_error(R"([{"n":"/3/1/0","v":1}])", Path(3, 0)), Error::kBadRequest);
  EXPECT_EQ(decode_error(R"([[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]])"), Error::kMalformed);
  EXPECT_EQ(decode_error(R"([{"n":"/3/0/0","x":[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]}])"), Error::kTooDeep);
}

TEST(SenmlJson, ReportsSmallScratch) {
  EXPECT_EQ(decode(R"([{"n":"/3/0/0","vd":"AAAAAAAA"}])", Path{}, 4).error, Error::kBufferTooSmall);
  EXPECT_EQ(decode(R"([{"n":"/3/0/0","vd":"AAAAAAAA"}])", Path{}, 6).error, Error::kOk);
}

TEST(SenmlJson, ErrorsAreStickyAndRewindStartsOver) {
  std::string json = R"([{"bn":"/3/0/","n":"0","v":1},{"n":"1","v":2}])";
  uint8_t scratch[32];
  SenmlJsonDecoder d(bytes(json), Path{}, scratch);
  lwm2m::DecodedRecord r;
  ASSERT_TRUE(*d.next(r));
  ASSERT_TRUE(*d.next(r));
  EXPECT_EQ(r.path, Path(3, 0, 1));  // bn carried over
  EXPECT_FALSE(*d.next(r));
  EXPECT_FALSE(*d.next(r));
  d.rewind();
  ASSERT_TRUE(*d.next(r));
  EXPECT_EQ(r.path, Path(3, 0, 0));

  std::string bad = R"([{"n":"/3/0/0","v":1},{"n":"/3/0/0","v":x}])";
  SenmlJsonDecoder b(bytes(bad), Path{}, scratch);
  ASSERT_TRUE(*b.next(r));
  EXPECT_EQ(b.next(r).error(), Error::kMalformed);
  EXPECT_EQ(b.next(r).error(), Error::kMalformed);
}

TEST(SenmlJson, EncoderReportsFullBufferAndBadValues) {
  uint8_t small[16];
  SenmlJsonEncoder e(small);
  ASSERT_TRUE(e.begin(Path(3, 0)).ok());
  EXPECT_EQ(e.add(rec(Path(3, 0, 0), Value::of_string("Open Mobile Alliance"))).error(), Error::kBufferTooSmall);

  uint8_t buf[128];
  SenmlJsonEncoder nan_encoder(buf);
  ASSERT_TRUE(nan_encoder.begin(Path(3, 0)).ok());
  EXPECT_EQ(nan_encoder.add(rec(Path(3, 0, 0), Value::of_float(std::nan("")))).error(), Error::kOutOfRange);

  SenmlJsonEncoder utf8_encoder(buf);
  ASSERT_TRUE(utf8_encoder.begin(Path(3, 0)).ok());
  EXPECT_EQ(utf8_encoder.add(rec(Path(3, 0, 0), Value::of_string("\xC3"))).error(), Error::kInvalidUtf8);

  SenmlJsonEncoder outside(buf);
  ASSERT_TRUE(outside.begin(Path(3, 0)).ok());
  EXPECT_EQ(outside.add(rec(Path(4, 0, 0), Value::of_integer(1))).error(), Error::kInternal);

  SenmlJsonEncoder unbegun(buf);
  EXPECT_EQ(unbegun.add(rec(Path(3, 0, 0), Value::of_integer(1))).error(), Error::kInternal);
}
