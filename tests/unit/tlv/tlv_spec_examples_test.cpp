// The TLV examples of the Core TS (§7.4.3, "TLV" examples: the Device object
// read, multiple object instances, Object Link resources), encoded byte-exact
// and decoded back. Where a printed container length in the TS example
// tables disagrees with the bytes it frames, the length here is the sum of
// its content (noted per case).
#include <gtest/gtest.h>

#include "tlv_test_util.h"

using namespace lwm2m;
using namespace lwm2m::test;

namespace {

// Core TS §7.4.3 example "Single Object Instance Request": Read on /3/0.
const char* kDeviceInstanceTlv =
    "C8 00 14 4F 70 65 6E 20 4D 6F 62 69 6C 65 20 41 6C 6C 69 61 6E 63 65"  // 0 Manufacturer
    "C8 01 16 4C 69 67 68 74 77 65 69 67 68 74 20 4D 32 4D 20 43 6C 69 65 6E 74"  // 1 Model Number
    "C8 02 09 33 34 35 30 30 30 31 32 33"  // 2 Serial Number
    "C3 03 31 2E 30"                       // 3 Firmware Version
    "86 06 41 00 01 41 01 05"              // 6 Available Power Sources [1, 5]
    "88 07 08 42 00 0E D8 42 01 13 88"     // 7 Power Source Voltage [3800, 5000]
    "87 08 41 00 7D 42 01 03 84"           // 8 Power Source Current [125, 900]
    "C1 09 64"                             // 9 Battery Level 100
    "C1 0A 0F"                             // 10 Memory Free 15
    "83 0B 41 00 00"                       // 11 Error Code [0]
    "C4 0D 51 82 42 8F"                    // 13 Current Time 1367491215
    "C6 0E 2B 30 32 3A 30 30"              // 14 UTC Offset "+02:00"
    "C1 10 55";                            // 16 Supported Binding "U"

DataType device_type(const Path& p) {
  switch (p.resource()) {
    case 0: case 1: case 2: case 3: case 14: case 16: return DataType::kString;
    case 13: return DataType::kTime;
    default: return DataType::kInteger;
  }
}

void expect_records(const Decoded& decoded, const std::vector<Record>& expected, DataType (*type_of)(const Path&)) {
  ASSERT_EQ(decoded.error, Error::kOk) << error_name(decoded.error);
  ASSERT_EQ(decoded.records.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(decoded.records[i].path, expected[i].path) << i;
    EXPECT_EQ(decoded.records[i].value.encoding, WireEncoding::kTlvBytes);
    EXPECT_EQ(typed(decoded.records[i], type_of(expected[i].path)), expected[i].value) << i;
  }
}

}  // namespace

TEST(TlvSpecExamples, DeviceInstanceReadEncodesByteExact_CoreTs7_4_3) {
  Encoded e = encode_tlv({3, 0}, record_test::core_ts_device_records());
  ASSERT_EQ(e.error, Error::kOk);
  EXPECT_EQ(e.bytes, hex(kDeviceInstanceTlv));
  EXPECT_EQ(e.bytes.size(), 121u);
}

TEST(TlvSpecExamples, DeviceInstanceDecodes_CoreTs7_4_3) {
  expect_records(decode_tlv(hex(kDeviceInstanceTlv), {3, 0}), record_test::core_ts_device_records(), device_type);
}

TEST(TlvSpecExamples, DeviceObjectReadWrapsInObjectInstance_CoreTs7_4_3) {
  // The same instance read on /3: one Object Instance TLV of 121 (0x79) bytes.
  std::vector<uint8_t> expected = hex("08 00 79");
  std::vector<uint8_t> body = hex(kDeviceInstanceTlv);
  expected.insert(expected.end(), body.begin(), body.end());
  Encoded e = encode_tlv(Path(3), record_test::core_ts_device_records());
  ASSERT_EQ(e.error, Error::kOk);
  EXPECT_EQ(e.bytes, expected);
  expect_records(decode_tlv(expected, Path(3)), record_test::core_ts_device_records(), device_type);
  // A write on /3/0 may carry the Object Instance TLV too.
  expect_records(decode_tlv(expected, {3, 0}), record_test::core_ts_device_records(), device_type);
}

TEST(TlvSpecExamples, SingleResourceRead_CoreTs7_4_3) {
  // Read on /3/0/0: one Resource TLV.
  std::vector<Record> manufacturer = {record({3, 0, 0}, Value::of_string("Open Mobile Alliance"))};
  const auto bytes = hex("C8 00 14 4F 70 65 6E 20 4D 6F 62 69 6C 65 20 41 6C 6C 69 61 6E 63 65");
  Encoded e = encode_tlv({3, 0, 0}, manufacturer);
  ASSERT_EQ(e.error, Error::kOk);
  EXPECT_EQ(e.bytes, bytes);
  expect_records(decode_tlv(bytes, {3, 0, 0}), manufacturer, device_type);
}

TEST(TlvSpecExamples, MultipleInstanceResourceRead_CoreTs7_4_3) {
  // Read on /3/0/6: one Multiple Resource TLV with two Resource Instance TLVs.
  std::vector<Record> sources = {record({3, 0, 6, 0}, Value::of_integer(1)),
                                 record({3, 0, 6, 1}, Value::of_integer(5))};
  const auto bytes = hex("86 06 41 00 01 41 01 05");
  Encoded e = encode_tlv({3, 0, 6}, sources);
  ASSERT_EQ(e.error, Error::kOk);
  EXPECT_EQ(e.bytes, bytes);
  expect_records(decode_tlv(bytes, {3, 0, 6}), sources, device_type);
}

TEST(TlvSpecExamples, ResourceInstanceRead_CoreTs7_4_3) {
  std::vector<Record> one = {record({3, 0, 6, 1}, Value::of_integer(5))};
  Encoded e = encode_tlv({3, 0, 6, 1}, one);
  ASSERT_EQ(e.error, Error::kOk);
  EXPECT_EQ(e.bytes, hex("41 01 05"));
  expect_records(decode_tlv(hex("41 01 05"), {3, 0, 6, 1}), one, device_type);
}

namespace {

// Core TS §7.4.3 example "Multiple Object Instance Request": Read on /2 with
// instances 0 and 2; instance 2's ACL has a 16-bit resource instance id (310).
// The Multiple Resource of instance 2 holds 3 + 4 = 7 bytes (0x87; some
// printings of the table show 0x86).
const char* kAccessControlTlv =
    "08 00 0E C1 00 01 C1 01 00 83 02 41 7F 07 C1 03 7F"
    "08 02 12 C1 00 03 C1 01 00 87 02 41 7F 07 61 01 36 01 C1 03 7F";

std::vector<Record> access_control_records() {
  return {
      record({2, 0, 0}, Value::of_integer(1)),        record({2, 0, 1}, Value::of_integer(0)),
      record({2, 0, 2, 127}, Value::of_integer(7)),   record({2, 0, 3}, Value::of_integer(127)),
      record({2, 2, 0}, Value::of_integer(3)),        record({2, 2, 1}, Value::of_integer(0)),
      record({2, 2, 2, 127}, Value::of_integer(7)),   record({2, 2, 2, 310}, Value::of_integer(1)),
      record({2, 2, 3}, Value::of_integer(127)),
  };
}

DataType integer_type(const Path&) { return DataType::kInteger; }

}  // namespace

TEST(TlvSpecExamples, MultipleObjectInstances_CoreTs7_4_3) {
  Encoded e = encode_tlv(Path(2), access_control_records());
  ASSERT_EQ(e.error, Error::kOk);
  EXPECT_EQ(e.bytes, hex(kAccessControlTlv));
  expect_records(decode_tlv(hex(kAccessControlTlv), Path(2)), access_control_records(), integer_type);
}

TEST(TlvSpecExamples, SingleServerInstanceInObject_CoreTs7_4_3) {
  // Read on /1 with one Server instance: Short Server ID 1, Lifetime 86400,
  // Notification Storing true, Binding "U". The instance holds 3+6+3+3 = 15
  // bytes (0x0F; some printings of the table show 0x0D).
  std::vector<Record> server = {record({1, 0, 0}, Value::of_integer(1)),
                                record({1, 0, 1}, Value::of_integer(86400)),
                                record({1, 0, 6}, Value::of_boolean(true)),
                                record({1, 0, 7}, Value::of_string("U"))};
  const auto bytes = hex("08 00 0F C1 00 01 C4 01 00 01 51 80 C1 06 01 C1 07 55");
  Encoded e = encode_tlv(Path(1), server);
  ASSERT_EQ(e.error, Error::kOk);
  EXPECT_EQ(e.bytes, bytes);
  expect_records(decode_tlv(bytes, Path(1)), server, [](const Path& p) {
    return p.resource() == 6 ? DataType::kBoolean : p.resource() == 7 ? DataType::kString : DataType::kInteger;
  });
}

TEST(TlvSpecExamples, ObjectLinkResourcesInInstance_CoreTs7_4_3) {
  // Read on /66/0 of the TS's example object: resource 0 is a multiple
  // Objlnk (66:0, 66:1), 1 a string, 2 an integer.
  std::vector<Record> records = {record({66, 0, 0, 0}, Value::of_objlnk(66, 0)),
                                 record({66, 0, 0, 1}, Value::of_objlnk(66, 1)),
                                 record({66, 0, 1}, Value::of_string("8613800755500")),
                                 record({66, 0, 2}, Value::of_integer(0x12345678))};
  const auto bytes = hex(
      "88 00 0C 44 00 00 42 00 00 44 01 00 42 00 01"
      "C8 01 0D 38 36 31 33 38 30 30 37 35 35 35 30 30"
      "C4 02 12 34 56 78");
  Encoded e = encode_tlv({66, 0}, records);
  ASSERT_EQ(e.error, Error::kOk);
  EXPECT_EQ(e.bytes, bytes);
  expect_records(decode_tlv(bytes, {66, 0}), records, [](const Path& p) {
    return p.resource() == 0 ? DataType::kObjlnk : p.resource() == 1 ? DataType::kString : DataType::kInteger;
  });
}

TEST(TlvSpecExamples, ObjectLinkResourcesInObject_CoreTs7_4_3) {
  // Read on /66 with two instances; instance 1 links to nothing (65535:65535).
  // Each instance holds 14 + 18 + 6 = 38 (0x26) bytes.
  std::vector<Record> records = {record({66, 0, 0}, Value::of_string("myService 1")),
                                 record({66, 0, 1}, Value::of_string("Internet.15.234")),
                                 record({66, 0, 2}, Value::of_objlnk(67, 0)),
                                 record({66, 1, 0}, Value::of_string("myService 2")),
                                 record({66, 1, 1}, Value::of_string("Internet.15.235")),
                                 record({66, 1, 2}, Value::of_objlnk(65535, 65535))};
  const auto bytes = hex(
      "08 00 26 C8 00 0B 6D 79 53 65 72 76 69 63 65 20 31"
      "C8 01 0F 49 6E 74 65 72 6E 65 74 2E 31 35 2E 32 33 34"
      "C4 02 00 43 00 00"
      "08 01 26 C8 00 0B 6D 79 53 65 72 76 69 63 65 20 32"
      "C8 01 0F 49 6E 74 65 72 6E 65 74 2E 31 35 2E 32 33 35"
      "C4 02 FF FF FF FF");
  Encoded e = encode_tlv(Path(66), records);
  ASSERT_EQ(e.error, Error::kOk);
  EXPECT_EQ(e.bytes, bytes);
  expect_records(decode_tlv(bytes, Path(66)), records,
                 [](const Path& p) { return p.resource() == 2 ? DataType::kObjlnk : DataType::kString; });
}
