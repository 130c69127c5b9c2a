// Lwm2mCborDecoder: nested maps and array keys (Core TS 1.2 §7.4.6), typed
// values, and rejection of malformed or out-of-place content.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lwcbor_test_util.h"
#include "lwm2m/lwcbor/lwm2m_cbor_decoder.h"

namespace {

using lwcbor_test::from_hex;
using lwm2m::DataType;
using lwm2m::DecodedRecord;
using lwm2m::Error;
using lwm2m::Lwm2mCborDecoder;
using lwm2m::Path;
using lwm2m::Value;

struct Decoded {
  std::vector<uint8_t> payload;  // the records' strings point into it
  std::vector<DecodedRecord> records;
  Error error = Error::kOk;
};

Decoded decode_all(std::vector<uint8_t> payload, const Path& request = Path()) {
  Decoded out;
  out.payload = std::move(payload);
  Lwm2mCborDecoder decoder(out.payload, request);
  for (int guard = 0; guard < 1000; ++guard) {
    DecodedRecord r;
    lwm2m::Result<bool> more = decoder.next(r);
    if (!more.ok()) {
      out.error = more.error();
      return out;
    }
    if (!*more) return out;
    out.records.push_back(r);
  }
  ADD_FAILURE() << "decoder did not end";
  return out;
}

Error decode_error(const std::string& hex, const Path& request = Path()) {
  return decode_all(from_hex(hex), request).error;
}

// The Device object instance of the Core TS §7.4 examples:
// {[3, 0]: {0: "Open Mobile Alliance", 1: "Lightweight M2M Client",
//   2: "345000123", 3: "1.0", 6: {0: 1, 1: 5}, 7: {0: 3800, 1: 5000},
//   8: {0: 125, 1: 900}, 9: 100, 10: 15, 11: {0: 0}, 13: 1(1367491215),
//   14: "+02:00", 16: "U"}}
TEST(Lwm2mCborDecoder, DeviceObjectInstanceCoreTs7_4_6) {
  std::vector<uint8_t> payload = from_hex(
      "a1820300ad00744f70656e204d6f62696c6520416c6c69616e636501764c69676874776569676874204d324d"
      "20436c69656e7402693334353030303132330363312e3006a20001010507a200190ed80119138808a200187d"
      "011903840918640a0f0ba100000dc11a5182428f0e662b30323a3030106155");
  Decoded d = decode_all(payload, Path(3, 0));
  ASSERT_EQ(d.error, Error::kOk);
  ASSERT_EQ(d.records.size(), 16u);
  EXPECT_EQ(d.records[0].path, Path(3, 0, 0));
  EXPECT_EQ(d.records[0].value.value, Value::of_string("Open Mobile Alliance"));
  EXPECT_EQ(d.records[4].path, Path(3, 0, 6, 0));
  EXPECT_EQ(d.records[4].value.value, Value::of_integer(1));
  EXPECT_EQ(d.records[7].path, Path(3, 0, 7, 1));
  EXPECT_EQ(d.records[7].value.value, Value::of_integer(5000));
  EXPECT_EQ(d.records[12].path, Path(3, 0, 11, 0));
  EXPECT_EQ(d.records[13].path, Path(3, 0, 13));
  EXPECT_EQ(d.records[13].value.value, Value::of_time(1367491215));
  EXPECT_EQ(d.records[15].path, Path(3, 0, 16));
  EXPECT_EQ(d.records[15].value.value, Value::of_string("U"));
  for (const DecodedRecord& r : d.records) {
    EXPECT_EQ(r.value.encoding, lwm2m::WireEncoding::kTyped);
    EXPECT_FALSE(r.has_time);
  }
}

TEST(Lwm2mCborDecoder, NestedMapsAndArrayKeysGiveTheSamePaths) {
  // {3: {0: {9: 100}}}, {[3, 0]: {9: 100}}, {[3, 0, 9]: 100}, {3: {[0, 9]: 100}}
  for (const char* hex : {"a103a100a1091864", "a1820300a1091864", "a1830300091864", "a103a1820009" "1864"}) {
    Decoded d = decode_all(from_hex(hex));
    ASSERT_EQ(d.error, Error::kOk) << hex;
    ASSERT_EQ(d.records.size(), 1u) << hex;
    EXPECT_EQ(d.records[0].path, Path(3, 0, 9)) << hex;
    EXPECT_EQ(d.records[0].value.value, Value::of_integer(100)) << hex;
  }
}

TEST(Lwm2mCborDecoder, IndefiniteMapsAndKeyArrays) {
  // {_ 3: {_ 0: {_ 1: "a", 2: "b"}}} and {[_ 3, 0, 1]: "a"}
  Decoded d = decode_all(from_hex("bf03bf00bf01616102616cffffff"));
  ASSERT_EQ(d.error, Error::kOk);
  ASSERT_EQ(d.records.size(), 2u);
  EXPECT_EQ(d.records[1].path, Path(3, 0, 2));
  EXPECT_EQ(d.records[1].value.value, Value::of_string("l"));
  Decoded k = decode_all(from_hex("a19f030001ff6161"));
  ASSERT_EQ(k.error, Error::kOk);
  EXPECT_EQ(k.records[0].path, Path(3, 0, 1));
}

TEST(Lwm2mCborDecoder, SeveralObjectsForComposite) {
  // {1: {0: {1: 300}}, 3: {0: {9: 100}}} decoded for the root path.
  Decoded d = decode_all(from_hex("a201a100a10119012c03a100a1091864"));
  ASSERT_EQ(d.error, Error::kOk);
  ASSERT_EQ(d.records.size(), 2u);
  EXPECT_EQ(d.records[0].path, Path(1, 0, 1));
  EXPECT_EQ(d.records[1].path, Path(3, 0, 9));
}

TEST(Lwm2mCborDecoder, ValueTypes) {
  struct Case {
    const char* value_hex;
    Value expected;
  };
  static const uint8_t kOpaque[] = {0xde, 0xad};
  const Case cases[] = {
      {"00", Value::of_integer(0)},
      {"1b7fffffffffffffff", Value::of_integer(INT64_MAX)},
      {"1b8000000000000000", Value::of_unsigned(0x8000000000000000u)},
      {"3b7fffffffffffffff", Value::of_integer(INT64_MIN)},
      {"f93e00", Value::of_float(1.5)},
      {"fa47c35000", Value::of_float(100000.0)},
      {"fb3ff199999999999a", Value::of_float(1.1)},
      {"f4", Value::of_boolean(false)},
      {"f5", Value::of_boolean(true)},
      {"6161", Value::of_string("a")},
      {"60", Value::of_string("")},
      {"42dead", Value::of_opaque(kOpaque)},
      {"c11a5182428f", Value::of_time(1367491215)},
      {"c120", Value::of_time(-1)},
      {"c1f94000", Value::of_time(2)},  // whole seconds as a float
      {"f6", Value::none()},
  };
  for (const Case& c : cases) {
    Decoded d = decode_all(from_hex(std::string("a1830300") + "09" + c.value_hex));
    ASSERT_EQ(d.error, Error::kOk) << c.value_hex;
    ASSERT_EQ(d.records.size(), 1u);
    EXPECT_EQ(d.records[0].value.value, c.expected) << c.value_hex;
  }
}

TEST(Lwm2mCborDecoder, UnsupportedValueTypes) {
  EXPECT_EQ(decode_error("a1830300098100"), Error::kTypeMismatch);      // array
  EXPECT_EQ(decode_error("a183030009f7"), Error::kTypeMismatch);        // undefined
  EXPECT_EQ(decode_error("a183030009f0"), Error::kTypeMismatch);        // simple(16)
  EXPECT_EQ(decode_error("a183030009c26100"), Error::kTypeMismatch);    // tag 2
  EXPECT_EQ(decode_error("a183030009c16161"), Error::kTypeMismatch);    // tag 1 on text
  EXPECT_EQ(decode_error("a183030009c1f93e00"), Error::kTypeMismatch);  // 1(1.5)
  EXPECT_EQ(decode_error("a183030009c1fa7f800000"), Error::kOutOfRange);  // 1(Infinity)
  EXPECT_EQ(decode_error("a183030009c11bffffffffffffffff"), Error::kOutOfRange);
  EXPECT_EQ(decode_error("a1830300093b8000000000000000"), Error::kOutOfRange);
  EXPECT_EQ(decode_error("a1830300097f6161ff"), Error::kUnsupportedFormat);  // indefinite text
  EXPECT_EQ(decode_error("a1830300095f4161ff"), Error::kUnsupportedFormat);  // indefinite bytes
}

TEST(Lwm2mCborDecoder, MalformedPayloads) {
  EXPECT_EQ(decode_error(""), Error::kTruncated);
  EXPECT_EQ(decode_error("a1830300"), Error::kTruncated);
  EXPECT_EQ(decode_error("a1830300091864" "00"), Error::kMalformed);  // trailing bytes
  EXPECT_EQ(decode_error("830300"), Error::kTruncated);
  EXPECT_EQ(decode_error("83030009"), Error::kMalformed);             // top level not a map
  EXPECT_EQ(decode_error("1864"), Error::kMalformed);
  EXPECT_EQ(decode_error("a1616101"), Error::kMalformed);             // text key
  EXPECT_EQ(decode_error("a12001"), Error::kMalformed);               // negative key
  EXPECT_EQ(decode_error("a18001"), Error::kMalformed);               // empty array key
  EXPECT_EQ(decode_error("a182036100" "01"), Error::kMalformed);      // text inside array key
  EXPECT_EQ(decode_error("a1830300096261"), Error::kTruncated);
  EXPECT_EQ(decode_error("a18303000962c328"), Error::kInvalidUtf8);
  EXPECT_EQ(decode_error("a18303000cfc"), Error::kMalformed);          // reserved info
}

TEST(Lwm2mCborDecoder, InvalidPaths) {
  EXPECT_EQ(decode_error("a1830300 19ffff 01"), Error::kInvalidPath);   // id 65535
  EXPECT_EQ(decode_error("a11a00010000a10001"), Error::kInvalidPath);    // id beyond 16 bits
  EXPECT_EQ(decode_error("a185030006000001"), Error::kInvalidPath);      // 5 ids in one key
  EXPECT_EQ(decode_error("a1840300060aa10001"), Error::kInvalidPath);    // a fifth level by nesting
  EXPECT_EQ(decode_error("a103a100a100a100a100a10001"), Error::kInvalidPath);
  EXPECT_EQ(decode_error("a1820300" "01"), Error::kInvalidPath);         // value at instance level
  EXPECT_EQ(decode_error("a10301"), Error::kInvalidPath);                // value at object level
  // Outside the request path.
  EXPECT_EQ(decode_error("a1830300091864", Path(3, 1)), Error::kInvalidPath);
  EXPECT_EQ(decode_error("a1830300091864", Path(3, 0, 8)), Error::kInvalidPath);
  EXPECT_EQ(decode_all(from_hex("a1830300091864"), Path(3, 0, 9)).error, Error::kOk);
}

TEST(Lwm2mCborDecoder, DuplicateKeysAreRejected) {
  EXPECT_EQ(decode_error("a2 830300090a 830300090b"), Error::kDuplicate);  // same array key
  EXPECT_EQ(decode_error("a1 820300 a2 090a 090b"), Error::kDuplicate);    // same id key
  // A key whose ids start another key's ids names the same paths twice.
  EXPECT_EQ(decode_error("a2 03a100a1090a 830300090b"), Error::kDuplicate);
  EXPECT_EQ(decode_error("a2 830300090a 03a101a1090b"), Error::kDuplicate);
  EXPECT_EQ(decode_error("a1 820300 a2 09a1000a 8209000b"), Error::kDuplicate);
  // Out-of-order keys that differ are fine.
  Decoded d = decode_all(from_hex("a1 820300 a3 090a 010b 050c"));
  ASSERT_EQ(d.error, Error::kOk);
  ASSERT_EQ(d.records.size(), 3u);
  EXPECT_EQ(d.records[1].path, Path(3, 0, 1));
  // Array keys sharing a first id but not a prefix are fine too.
  EXPECT_EQ(decode_all(from_hex("a2 830300090a 830301090b")).error, Error::kOk);
  // Same key in different maps is not a duplicate.
  EXPECT_EQ(decode_all(from_hex("a1 03 a2 00a1090a 01a1090b")).error, Error::kOk);
}

TEST(Lwm2mCborDecoder, EmptyMapsYieldNothing) {
  EXPECT_EQ(decode_all(from_hex("a0")).records.size(), 0u);
  Decoded d = decode_all(from_hex("a103a100a0"));
  EXPECT_EQ(d.error, Error::kOk);
  EXPECT_EQ(d.records.size(), 0u);
}

TEST(Lwm2mCborDecoder, DeepCborNestingIsRejected) {
  std::vector<uint8_t> deep(100, 0x81);
  deep.insert(deep.begin(), {0xa1, 0x83, 0x03, 0x00, 0x09});
  deep.push_back(0x00);
  EXPECT_EQ(decode_all(deep).error, Error::kTooDeep);
}

TEST(Lwm2mCborDecoder, ErrorsAreStickyAndRewindStartsOver) {
  std::vector<uint8_t> payload = from_hex("a2 830300090a 830300090b");
  Lwm2mCborDecoder decoder(payload, Path());
  DecodedRecord r;
  EXPECT_TRUE(*decoder.next(r));
  EXPECT_EQ(decoder.next(r).error(), Error::kDuplicate);
  EXPECT_EQ(decoder.next(r).error(), Error::kDuplicate);
  decoder.rewind();
  ASSERT_TRUE(*decoder.next(r));
  EXPECT_EQ(r.path, Path(3, 0, 9));

  std::vector<uint8_t> good = from_hex("a1820300a2010a020b");
  Lwm2mCborDecoder twice(good, Path(3));
  for (int pass = 0; pass < 2; ++pass) {
    ASSERT_TRUE(*twice.next(r));
    EXPECT_EQ(r.path, Path(3, 0, 1));
    ASSERT_TRUE(*twice.next(r));
    EXPECT_EQ(r.path, Path(3, 0, 2));
    EXPECT_FALSE(*twice.next(r));
    EXPECT_FALSE(*twice.next(r));
    twice.rewind();
  }
}

TEST(Lwm2mCborDecoder, ObjlnkArrivesAsTextAndConverts) {
  Decoded d = decode_all(from_hex("a183030009" "63333a31"));  // "3:1"
  ASSERT_EQ(d.error, Error::kOk);
  EXPECT_EQ(d.records[0].value.value.type, DataType::kString);
  lwm2m::Result<Value> link = lwm2m::convert(d.records[0].value, DataType::kObjlnk, {});
  ASSERT_TRUE(link.ok());
  EXPECT_EQ(*link, Value::of_objlnk(3, 1));
}

}  // namespace
