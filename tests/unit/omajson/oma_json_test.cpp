// OMA LwM2M JSON (content format 11543): Core TS 1.0 §6.4.4 "JSON" examples
// byte for byte, round trips of every data type, and malformed payloads.
#include <gtest/gtest.h>

#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "lwm2m/omajson/oma_json_decoder.h"
#include "lwm2m/omajson/oma_json_encoder.h"
#include "tests/unit/common/record_test_util.h"

using lwm2m::DataType;
using lwm2m::DecodedRecord;
using lwm2m::Error;
using lwm2m::OmaJsonDecoder;
using lwm2m::OmaJsonEncoder;
using lwm2m::Path;
using lwm2m::Record;
using lwm2m::Value;
using lwm2m::WireEncoding;
using record_test::bytes;
using record_test::record;

namespace {

constexpr std::string_view kDeviceJson =
    R"({"bn":"/3/0/","e":[{"n":"0","sv":"Open Mobile Alliance"},{"n":"1","sv":"Lightweight M2M Client"},)"
    R"({"n":"2","sv":"345000123"},{"n":"3","sv":"1.0"},{"n":"6/0","v":1},{"n":"6/1","v":5},)"
    R"({"n":"7/0","v":3800},{"n":"7/1","v":5000},{"n":"8/0","v":125},{"n":"8/1","v":900},)"
    R"({"n":"9","v":100},{"n":"10","v":15},{"n":"11/0","v":0},{"n":"13","v":1367491215},)"
    R"({"n":"14","sv":"+02:00"},{"n":"16","sv":"U"}]})";

std::string encode(const Path& request, const std::vector<Record>& records, size_t capacity = 2048) {
  std::vector<uint8_t> buf(capacity);
  OmaJsonEncoder enc(buf);
  EXPECT_TRUE(enc.begin(request).ok());
  for (const Record& r : records) EXPECT_TRUE(enc.add(r).ok());
  auto n = enc.finish();
  EXPECT_TRUE(n.ok()) << lwm2m::error_name(n.error());
  return n.ok() ? std::string(reinterpret_cast<const char*>(buf.data()), *n) : std::string();
}

// Decodes everything; returns the error that stopped it (kOk at a clean end).
Error decode_all(std::string_view payload, const Path& request, std::vector<DecodedRecord>* out = nullptr,
                 std::span<uint8_t> scratch = {}) {
  static uint8_t default_scratch[256];
  if (scratch.empty()) scratch = default_scratch;
  OmaJsonDecoder dec(bytes(payload), request, scratch);
  DecodedRecord r;
  for (int guard = 0; guard < 1000; ++guard) {
    auto more = dec.next(r);
    if (!more.ok()) return more.error();
    if (!*more) return Error::kOk;
    if (out) out->push_back(r);
  }
  ADD_FAILURE() << "decoder did not end";
  return Error::kInternal;
}

TEST(OmaJsonEncoder, CoreTsDeviceObjectExample) {
  EXPECT_EQ(encode(Path(3, 0), record_test::core_ts_device_records()), kDeviceJson);
}

TEST(OmaJsonDecoder, CoreTsDeviceObjectExample) {
  std::vector<DecodedRecord> got;
  ASSERT_EQ(decode_all(kDeviceJson, Path(3, 0), &got), Error::kOk);
  std::vector<Record> want = record_test::core_ts_device_records();
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got[i].path, want[i].path) << i;
    EXPECT_FALSE(got[i].has_time);
    auto v = lwm2m::convert(got[i].value, want[i].value.type, {});
    ASSERT_TRUE(v.ok()) << i;
    EXPECT_EQ(*v, want[i].value) << i;
  }
  EXPECT_EQ(got[0].value.encoding, WireEncoding::kPlainText);  // "sv"
  EXPECT_EQ(got[4].value.encoding, WireEncoding::kTyped);      // "v"
}

// The same example as 1.0-era servers send it for a Write: no "bn", names
// relative to the request path.
TEST(OmaJsonDecoder, WithoutBaseNameNamesAreRelativeToRequest) {
  std::vector<DecodedRecord> got;
  ASSERT_EQ(decode_all(R"({"e":[{"n":"0","sv":"Open Mobile Alliance"},{"n":"6/1","v":5}]})", Path(3, 0), &got),
            Error::kOk);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].path, Path(3, 0, 0));
  EXPECT_EQ(got[1].path, Path(3, 0, 6, 1));
  got.clear();
  ASSERT_EQ(decode_all(R"({"e":[{"n":"3/0/1","sv":"x"}]})", Path(), &got), Error::kOk);
  EXPECT_EQ(got[0].path, Path(3, 0, 1));
  got.clear();
  // An absolute name without "bn".
  ASSERT_EQ(decode_all(R"({"e":[{"n":"/3/0/1","sv":"x"}]})", Path(3), &got), Error::kOk);
  EXPECT_EQ(got[0].path, Path(3, 0, 1));
}

// Objlnk "ov" as "object:instance" (Core TS 1.0 §6.4.4, Objlnk example).
TEST(OmaJsonEncoder, ObjlnkExample) {
  std::vector<Record> records = {
      record(Path(66, 0, 0), Value::of_string("myService1")),
      record(Path(66, 0, 1), Value::of_string("Internet.15.234")),
      record(Path(66, 0, 2), Value::of_objlnk(67, 0)),
  };
  constexpr std::string_view json =
      R"({"bn":"/66/0/","e":[{"n":"0","sv":"myService1"},{"n":"1","sv":"Internet.15.234"},{"n":"2","ov":"67:0"}]})";
  EXPECT_EQ(encode(Path(66, 0), records), json);
  std::vector<DecodedRecord> got;
  ASSERT_EQ(decode_all(json, Path(66, 0), &got), Error::kOk);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[2].value.value, Value::of_objlnk(67, 0));
}

// A single resource, and a timestamped history of one resource (base time + t).
TEST(OmaJsonDecoder, BaseTimeAndRepeatedTimestampedPath) {
  std::vector<DecodedRecord> got;
  ASSERT_EQ(decode_all(R"({"bn":"/3303/0/5700","bt":1000,"e":[{"v":22.4,"t":-5},{"v":22.9,"t":-30},{"v":24.1}]})",
                       Path(3303, 0, 5700), &got),
            Error::kOk);
  ASSERT_EQ(got.size(), 3u);
  for (const auto& r : got) {
    EXPECT_EQ(r.path, Path(3303, 0, 5700));
    EXPECT_TRUE(r.has_time);
  }
  EXPECT_EQ(got[0].time, 995);
  EXPECT_EQ(got[1].time, 970);
  EXPECT_EQ(got[2].time, 1000);
  EXPECT_EQ(got[0].value.value, Value::of_float(22.4));
}

TEST(OmaJsonDecoder, BaseNameWithoutTrailingSlashAndKeysInAnyOrder) {
  std::vector<DecodedRecord> got;
  ASSERT_EQ(decode_all(R"({"e":[{"sv":"a","n":"1"}],"bn":"/3/0"})", Path(3, 0), &got), Error::kOk);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].path, Path(3, 0, 1));
  EXPECT_EQ(decode_all(R"({"bn":"/3/0/","e":[]})", Path(3, 0)), Error::kOk);
}

TEST(OmaJsonEncoder, SingleResourceAndRootRequests) {
  EXPECT_EQ(encode(Path(3, 0, 9), {record(Path(3, 0, 9), Value::of_integer(100))}),
            R"({"bn":"/3/0/9/","e":[{"v":100}]})");
  EXPECT_EQ(encode(Path(), {record(Path(3, 0, 9), Value::of_integer(100)), record(Path(5, 0, 3), Value::of_integer(1))}),
            R"({"bn":"/","e":[{"n":"3/0/9","v":100},{"n":"5/0/3","v":1}]})");
  EXPECT_EQ(encode(Path(3, 0), {}), R"({"bn":"/3/0/","e":[]})");
}

TEST(OmaJsonEncoder, TimestampsAndEscapes) {
  Record r = record(Path(3303, 0, 5700), Value::of_float(-12.5));
  r.has_time = true;
  r.time = 1700000000.25;
  EXPECT_EQ(encode(Path(3303, 0), {r, record(Path(3303, 0, 5701), Value::of_string("a\"b\\\n"))}),
            R"({"bn":"/3303/0/","e":[{"n":"5700","v":-12.5,"t":1700000000.25},{"n":"5701","sv":"a\"b\\\n"}]})");
}

// A history of one resource repeats its name with "t" (Core TS 1.0 §6.4.4);
// an untimed repeat is still an ordering error.
TEST(OmaJsonEncoder, TimestampedHistoryOfOneResource) {
  Record a = record(Path(3303, 0, 5700), Value::of_float(22.4));
  a.has_time = true;
  a.time = 1000;
  Record b = a;
  b.value = Value::of_float(22.9);
  b.time = 1030;
  EXPECT_EQ(encode(Path(3303, 0, 5700), {a, b}),
            R"({"bn":"/3303/0/5700/","e":[{"v":22.4,"t":1000},{"v":22.9,"t":1030}]})");
  uint8_t buf[128];
  OmaJsonEncoder enc(buf);
  ASSERT_TRUE(enc.begin(Path(3303, 0)).ok());
  ASSERT_TRUE(enc.add(a).ok());
  EXPECT_EQ(enc.add(record(Path(3303, 0, 5700), Value::of_float(1))).error(), Error::kInternal);
}

TEST(OmaJsonEncoder, OpaqueIsBase64InSv) {
  const uint8_t raw[] = {0x00, 0xFF, 0x10, 0x20, 0x30};
  EXPECT_EQ(encode(Path(5, 0, 0), {record(Path(5, 0, 0), Value::of_opaque(raw))}),
            R"({"bn":"/5/0/0/","e":[{"sv":"AP8QIDA="}]})");
  // A value longer than one base64 chunk.
  std::vector<uint8_t> big(200);
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<uint8_t>(i * 7);
  std::string json = encode(Path(5, 0), {record(Path(5, 0, 0), Value::of_opaque(big))});
  std::vector<DecodedRecord> got;
  ASSERT_EQ(decode_all(json, Path(5, 0), &got), Error::kOk);
  uint8_t out[256];
  auto v = lwm2m::convert(got[0].value, DataType::kOpaque, out);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, Value::of_opaque(big));
}

TEST(OmaJsonRoundTrip, EveryDataType) {
  const uint8_t raw[] = {1, 2, 3, 250};
  std::vector<Record> records = {
      record(Path(1000, 0, 0), Value::of_string("h\xC3\xA9llo \"q\"")),
      record(Path(1000, 0, 1), Value::of_integer(std::numeric_limits<int64_t>::min())),
      record(Path(1000, 0, 2), Value::of_integer(std::numeric_limits<int64_t>::max())),
      record(Path(1000, 0, 3), Value::of_unsigned(std::numeric_limits<uint64_t>::max())),
      record(Path(1000, 0, 4), Value::of_float(3.141592653589793)),
      record(Path(1000, 0, 5), Value::of_float(-1e300)),
      record(Path(1000, 0, 6), Value::of_float(21.0)),
      record(Path(1000, 0, 7), Value::of_boolean(true)),
      record(Path(1000, 0, 8), Value::of_boolean(false)),
      record(Path(1000, 0, 9), Value::of_opaque(raw)),
      record(Path(1000, 0, 10), Value::of_opaque({})),
      record(Path(1000, 0, 11), Value::of_time(-1)),
      record(Path(1000, 0, 12), Value::of_objlnk(65534, 65534)),
      record(Path(1000, 0, 13), Value::of_corelnk("</3/0>;ver=1.1")),
      record(Path(1000, 0, 14, 65534), Value::of_string("")),
  };
  std::string json = encode(Path(1000, 0), records);
  std::vector<DecodedRecord> got;
  ASSERT_EQ(decode_all(json, Path(1000, 0), &got), Error::kOk) << json;
  ASSERT_EQ(got.size(), records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    EXPECT_EQ(got[i].path, records[i].path) << i;
    uint8_t scratch[64];
    auto v = lwm2m::convert(got[i].value, records[i].value.type, scratch);
    ASSERT_TRUE(v.ok()) << i << " " << lwm2m::error_name(v.error()) << " in " << json;
    EXPECT_EQ(*v, records[i].value) << i;
  }
  // Unsigned beyond int64 stays unsigned; integral floats come back as integers.
  EXPECT_EQ(got[3].value.value.type, DataType::kUnsignedInteger);
  EXPECT_EQ(got[6].value.value, Value::of_integer(21));
  // Re-encoding what decoded gives the same bytes.
  std::vector<Record> again;
  for (size_t i = 0; i < records.size(); ++i) {
    uint8_t scratch[64];
    Record r = record(got[i].path, lwm2m::convert(got[i].value, records[i].value.type, scratch).value());
    again.push_back(r);
    if (r.value.type == DataType::kOpaque) break;  // scratch dies here; the rest is covered above
  }
  EXPECT_EQ(encode(Path(1000, 0), std::vector<Record>(again.begin(), again.begin() + 9)),
            encode(Path(1000, 0), std::vector<Record>(records.begin(), records.begin() + 9)));
}

TEST(OmaJsonEncoder, RefusesBadRecordSequences) {
  uint8_t buf[256];
  {
    OmaJsonEncoder enc(buf);
    ASSERT_TRUE(enc.begin(Path(3, 0)).ok());
    EXPECT_EQ(enc.add(record(Path(4, 0, 1), Value::of_integer(1))).error(), Error::kInternal);  // outside request
    EXPECT_EQ(enc.finish().error(), Error::kInternal);
  }
  {
    OmaJsonEncoder enc(buf);
    ASSERT_TRUE(enc.begin(Path(3)).ok());
    EXPECT_EQ(enc.add(record(Path(3, 0), Value::of_integer(1))).error(), Error::kInternal);  // not a resource
  }
  {
    OmaJsonEncoder enc(buf);
    ASSERT_TRUE(enc.begin(Path(3, 0)).ok());
    ASSERT_TRUE(enc.add(record(Path(3, 0, 2), Value::of_integer(1))).ok());
    EXPECT_EQ(enc.add(record(Path(3, 0, 1), Value::of_integer(1))).error(), Error::kInternal);  // order
  }
  {
    OmaJsonEncoder enc(buf);
    ASSERT_TRUE(enc.begin(Path(3, 0)).ok());
    EXPECT_EQ(enc.add(record(Path(3, 0, 1), Value::none())).error(), Error::kNotAcceptable);
  }
  {
    OmaJsonEncoder enc(buf);
    EXPECT_EQ(enc.add(record(Path(3, 0, 1), Value::of_integer(1))).error(), Error::kInternal);  // no begin
  }
  {
    OmaJsonEncoder enc(buf);
    ASSERT_TRUE(enc.begin(Path(3, 0)).ok());
    EXPECT_EQ(enc.add(record(Path(3, 0, 1), Value::of_float(std::numeric_limits<double>::quiet_NaN()))).error(),
              Error::kOutOfRange);
  }
}

TEST(OmaJsonEncoder, FullBufferAtEveryLength) {
  for (size_t size = 0; size < kDeviceJson.size(); ++size) {
    std::vector<uint8_t> buf(size);
    OmaJsonEncoder enc(buf);
    (void)enc.begin(Path(3, 0));
    for (const Record& r : record_test::core_ts_device_records()) (void)enc.add(r);
    EXPECT_EQ(enc.finish().error(), Error::kBufferTooSmall) << size;
  }
  EXPECT_EQ(encode(Path(3, 0), record_test::core_ts_device_records(), kDeviceJson.size()), kDeviceJson);
}

struct BadCase {
  const char* json;
  Error error;
};

TEST(OmaJsonDecoder, MalformedPayloads) {
  const BadCase cases[] = {
      {"", Error::kTruncated},
      {"[]", Error::kMalformed},
      {"{}", Error::kMalformed},                                                // no "e"
      {R"({"e":{}})", Error::kMalformed},                                       // "e" not an array
      {R"({"e":[1]})", Error::kMalformed},                                      // entry not an object
      {R"({"e":[{"n":"1"}]})", Error::kMalformed},                              // no value
      {R"({"e":[{"n":"1","v":1,"sv":"a"}]})", Error::kMalformed},               // two values
      {R"({"e":[{"n":"1","vs":"a"}]})", Error::kMalformed},                     // SenML key, unknown here
      {R"({"e":[{"n":"1","v":"1"}]})", Error::kMalformed},                      // wrong JSON type
      {R"({"e":[{"n":"1","bv":1}]})", Error::kMalformed},
      {R"({"e":[{"n":"1","sv":1}]})", Error::kMalformed},
      {R"({"e":[{"n":1,"v":1}]})", Error::kMalformed},
      {R"({"e":[{"n":"1","v":1,"t":"x"}]})", Error::kMalformed},
      {R"({"bt":"1","e":[]})", Error::kMalformed},
      {R"({"bn":1,"e":[]})", Error::kMalformed},
      {R"({"ver":1,"e":[]})", Error::kMalformed},                               // unknown top-level key
      {R"({"e":[{"n":"1","ov":"1"}]})", Error::kMalformed},
      {R"({"e":[{"n":"1","ov":"a:b"}]})", Error::kMalformed},
      {R"({"e":[{"n":"1","ov":"65535:0"}]})", Error::kMalformed},
      {R"({"e":[{"n":"1","ov":"1:2:3"}]})", Error::kMalformed},
      {R"({"e":[{"n":"1","ov":":1"}]})", Error::kMalformed},
      {R"({"e":[{"n":"1","v":1},]})", Error::kMalformed},                       // trailing comma
      {R"({"e":[{"n":"1","v":1}]} x)", Error::kMalformed},                      // trailing garbage
      {R"({"e":[{"n":"1","v":1,"n":"2"}]})", Error::kDuplicate},
      {R"({"e":[],"e":[]})", Error::kDuplicate},
      {R"({"bn":"/3/0/","bn":"/3/0/","e":[]})", Error::kDuplicate},
      {R"({"e":[{"n":"1","v":1},{"n":"1","v":2}]})", Error::kDuplicate},        // same path twice
      {R"({"e":[{"n":"x","v":1}]})", Error::kInvalidPath},
      {R"({"e":[{"n":"65535","v":1}]})", Error::kInvalidPath},
      {R"({"e":[{"n":"1/2/3","v":1}]})", Error::kInvalidPath},                  // too deep
      {R"({"bn":"/3/0/","e":[{"n":"/1","v":1}]})", Error::kInvalidPath},        // "//"
      {R"({"bn":"/4/0/","e":[{"n":"1","v":1}]})", Error::kBadRequest},         // outside request
      {R"({"bn":"/3/","e":[{"n":"0","v":1}]})", Error::kBadRequest},           // not a resource
      {R"({"bn":"/3/0/0123456789012345678901234567890/","e":[]})", Error::kInvalidPath},  // long bn
      {R"({"e":[{"n":"1","v":1e999}]})", Error::kOutOfRange},
      {R"({"e":[{"n":"1","v":-}]})", Error::kMalformed},
      {R"({"bt":1e308,"e":[{"n":"1","v":1,"t":1e308}]})", Error::kOutOfRange},  // bt + t overflows
      {"{\"e\":[{\"n\":\"1\",\"sv\":\"\xC3\x28\"}]}", Error::kInvalidUtf8},
      {R"({"e":[{"n":"1","v":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}]})", Error::kTooDeep},
  };
  for (const BadCase& c : cases) {
    EXPECT_EQ(decode_all(c.json, Path(3, 0)), c.error) << c.json;
  }
}

TEST(OmaJsonDecoder, EveryTruncationFailsCleanly) {
  for (size_t n = 0; n < kDeviceJson.size(); ++n) {
    std::vector<uint8_t> cut(kDeviceJson.begin(), kDeviceJson.begin() + static_cast<std::ptrdiff_t>(n));
    std::string_view view(reinterpret_cast<const char*>(cut.data()), cut.size());
    EXPECT_NE(decode_all(view, Path(3, 0)), Error::kOk) << n;
  }
}

TEST(OmaJsonDecoder, ErrorIsStickyAndRewindRestarts) {
  constexpr std::string_view json = R"({"bn":"/3/0/","e":[{"n":"0","v":1},{"n":"0","v":2}]})";
  uint8_t scratch[64];
  OmaJsonDecoder dec(bytes(json), Path(3, 0), scratch);
  DecodedRecord r;
  EXPECT_TRUE(*dec.next(r));
  EXPECT_EQ(dec.next(r).error(), Error::kDuplicate);
  EXPECT_EQ(dec.next(r).error(), Error::kDuplicate);
  dec.rewind();
  EXPECT_TRUE(*dec.next(r));
  EXPECT_EQ(r.path, Path(3, 0, 0));
  EXPECT_EQ(r.value.value, Value::of_integer(1));
}

TEST(OmaJsonDecoder, EscapedStringsNeedScratch) {
  constexpr std::string_view json = R"({"bn":"/3/0/","e":[{"n":"0","sv":"a\u00e9\"b"}]})";
  std::vector<DecodedRecord> got;
  uint8_t scratch[16];
  ASSERT_EQ(decode_all(json, Path(3, 0), &got, scratch), Error::kOk);
  auto v = lwm2m::convert(got[0].value, DataType::kString, {});
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->text(), "a\xC3\xA9\"b");
  uint8_t tiny[2];
  EXPECT_EQ(decode_all(json, Path(3, 0), nullptr, tiny), Error::kBufferTooSmall);
}

}  // namespace
