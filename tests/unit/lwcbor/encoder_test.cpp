// Lwm2mCborEncoder: payload shape (Core TS 1.2 §7.4.6), definite-length maps
// with back-patched counts, value types, and refusal of bad record streams.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lwcbor_test_util.h"
#include "lwm2m/cbor/cbor_reader.h"
#include "lwm2m/lwcbor/lwm2m_cbor_encoder.h"

namespace {

using lwcbor_test::record;
using lwcbor_test::to_hex;
using lwm2m::Error;
using lwm2m::Lwm2mCborEncoder;
using lwm2m::Path;
using lwm2m::Record;
using lwm2m::Value;

std::string encode(const Path& request, const std::vector<Record>& records) {
  uint8_t buf[512];
  Lwm2mCborEncoder encoder(buf);
  EXPECT_TRUE(encoder.begin(request).ok());
  for (const Record& r : records) EXPECT_TRUE(encoder.add(r).ok()) << to_hex(buf, 0);
  lwm2m::Result<size_t> n = encoder.finish();
  EXPECT_TRUE(n.ok());
  return n.ok() ? to_hex(buf, *n) : "";
}

// The Device object instance used by the Core TS §7.4 examples, read at /3/0.
// Expected bytes were produced by an independent encoder (python3-cbor2) for
// {[3, 0]: {0: "Open Mobile Alliance", 1: "Lightweight M2M Client",
//   2: "345000123", 3: "1.0", 6: {0: 1, 1: 5}, 7: {0: 3800, 1: 5000},
//   8: {0: 125, 1: 900}, 9: 100, 10: 15, 11: {0: 0}, 13: 1(1367491215),
//   14: "+02:00", 16: "U"}}
TEST(Lwm2mCborEncoder, DeviceObjectInstanceCoreTs7_4_6) {
  const std::vector<Record> records = record_test::core_ts_device_records();
  EXPECT_EQ(encode(Path(3, 0), records),
            "a1820300ad00744f70656e204d6f62696c6520416c6c69616e636501764c69676874776569676874204d324d"
            "20436c69656e7402693334353030303132330363312e3006a20001010507a200190ed80119138808a200187d"
            "011903840918640a0f0ba100000dc11a5182428f0e662b30323a3030106155");
}

TEST(Lwm2mCborEncoder, RequestPathBecomesOneArrayKey) {
  // Single resource: {[3, 0, 9]: 100}
  EXPECT_EQ(encode(Path(3, 0, 9), {record(Path(3, 0, 9), Value::of_integer(100))}), "a1830300091864");
  // Multiple-instance resource: {[3, 0, 6]: {0: 1, 1: 5}}
  EXPECT_EQ(encode(Path(3, 0, 6), {record(Path(3, 0, 6, 0), Value::of_integer(1)),
                                   record(Path(3, 0, 6, 1), Value::of_integer(5))}),
            "a183030006a200010105");
  // Resource instance: {[3, 0, 6, 1]: 5}
  EXPECT_EQ(encode(Path(3, 0, 6, 1), {record(Path(3, 0, 6, 1), Value::of_integer(5))}), "a18403000601" "05");
  // Object: {3: {0: {0: "a"}, 1: {0: "b"}}}
  EXPECT_EQ(encode(Path(3), {record(Path(3, 0, 0), Value::of_string("a")),
                             record(Path(3, 1, 0), Value::of_string("b"))}),
            "a103a200a100616101a1006162");
}

TEST(Lwm2mCborEncoder, RootRequestKeysTheOuterMapByObject) {
  // Read-Composite of /1/0/1 and /3/0/9: {1: {0: {1: 300}}, 3: {0: {9: 100}}}
  EXPECT_EQ(encode(Path(), {record(Path(1, 0, 1), Value::of_integer(300)),
                            record(Path(3, 0, 9), Value::of_integer(100))}),
            "a201a100a10119012c03a100a1091864");
}

TEST(Lwm2mCborEncoder, EmptyReadIsAnEmptyMap) { EXPECT_EQ(encode(Path(3, 0), {}), "a0"); }

TEST(Lwm2mCborEncoder, ValueTypes) {
  const uint8_t opaque[] = {0xde, 0xad};
  EXPECT_EQ(encode(Path(1, 0, 0), {record(Path(1, 0, 0), Value::of_unsigned(UINT64_MAX))}),
            "a1830100001bffffffffffffffff");
  EXPECT_EQ(encode(Path(1, 0, 0), {record(Path(1, 0, 0), Value::of_integer(-2))}), "a183010000" "21");
  EXPECT_EQ(encode(Path(1, 0, 0), {record(Path(1, 0, 0), Value::of_float(1.5))}), "a183010000" "f93e00");
  EXPECT_EQ(encode(Path(1, 0, 0), {record(Path(1, 0, 0), Value::of_float(1.1))}),
            "a183010000" "fb3ff199999999999a");
  EXPECT_EQ(encode(Path(1, 0, 0), {record(Path(1, 0, 0), Value::of_boolean(true))}), "a183010000" "f5");
  EXPECT_EQ(encode(Path(1, 0, 0), {record(Path(1, 0, 0), Value::of_opaque(opaque))}), "a183010000" "42dead");
  EXPECT_EQ(encode(Path(1, 0, 0), {record(Path(1, 0, 0), Value::of_time(-1))}), "a183010000" "c120");
  EXPECT_EQ(encode(Path(1, 0, 0), {record(Path(1, 0, 0), Value::of_objlnk(65535, 65535))}),
            "a183010000" "6b36353533353a3635353335");
  EXPECT_EQ(encode(Path(1, 0, 0), {record(Path(1, 0, 0), Value::of_corelnk("</3/0>"))}),
            "a183010000" "663c2f332f303e");
  EXPECT_EQ(encode(Path(1, 0, 0), {record(Path(1, 0, 0), Value::none())}), "a183010000" "f6");
}

// A map of 24 or more pairs needs a longer head: the content is moved right.
TEST(Lwm2mCborEncoder, BackPatchesCountsOfLargeMaps) {
  for (uint16_t n : std::vector<uint16_t>{23, 24, 255, 256, 300}) {
    std::vector<uint8_t> buf(8192);
    Lwm2mCborEncoder encoder(buf);
    ASSERT_TRUE(encoder.begin(Path(3)).ok());
    for (uint16_t i = 0; i < n; ++i) {
      ASSERT_TRUE(encoder.add(record(Path(3, i, 0), Value::of_integer(i))).ok());
      ASSERT_TRUE(encoder.add(record(Path(3, i, 1), Value::of_integer(i))).ok());
    }
    lwm2m::Result<size_t> size = encoder.finish();
    ASSERT_TRUE(size.ok());
    std::span<const uint8_t> payload(buf.data(), *size);
    ASSERT_TRUE(lwm2m::cbor::check_well_formed(payload).ok()) << n;
    lwm2m::cbor::CborReader reader(payload);
    EXPECT_EQ(reader.read_map()->count, 1u);
    EXPECT_EQ(*reader.read_unsigned(), 3u);
    EXPECT_EQ(reader.read_map()->count, n);
    for (uint16_t i = 0; i < n; ++i) {
      EXPECT_EQ(*reader.read_unsigned(), i);
      EXPECT_EQ(reader.read_map()->count, 2u);
      EXPECT_EQ(*reader.read_unsigned(), 0u);
      EXPECT_EQ(*reader.read_int(), i);
      EXPECT_EQ(*reader.read_unsigned(), 1u);
      EXPECT_EQ(*reader.read_int(), i);
    }
    EXPECT_TRUE(reader.at_end());
  }
}

TEST(Lwm2mCborEncoder, SmallBufferGivesBufferTooSmall) {
  for (size_t size = 0; size < 7; ++size) {
    std::vector<uint8_t> buf(size);
    Lwm2mCborEncoder encoder(buf);
    (void)encoder.begin(Path(3, 0, 9));
    (void)encoder.add(record(Path(3, 0, 9), Value::of_integer(100)));
    EXPECT_EQ(encoder.finish().error(), Error::kBufferTooSmall) << size;
  }
  // Overflow while a large map would be patched: still a clean error.
  std::vector<uint8_t> buf(60);
  Lwm2mCborEncoder encoder(buf);
  (void)encoder.begin(Path(3, 0, 6));
  for (uint16_t i = 0; i < 30; ++i) (void)encoder.add(record(Path(3, 0, 6, i), Value::of_integer(0)));
  EXPECT_EQ(encoder.finish().error(), Error::kBufferTooSmall);
}

TEST(Lwm2mCborEncoder, RefusesRecordsItCannotPlace) {
  uint8_t buf[64];
  Lwm2mCborEncoder encoder(buf);
  EXPECT_EQ(encoder.add(record(Path(3, 0, 1), Value::of_integer(1))).error(), Error::kInternal);  // no begin
  ASSERT_TRUE(encoder.begin(Path(3, 0)).ok());
  EXPECT_EQ(encoder.add(record(Path(4, 0, 1), Value::of_integer(1))).error(), Error::kInternal);  // outside
  EXPECT_EQ(encoder.add(record(Path(3, 0), Value::of_integer(1))).error(), Error::kInternal);     // no resource
  ASSERT_TRUE(encoder.add(record(Path(3, 0, 6), Value::of_integer(1))).ok());
  EXPECT_EQ(encoder.add(record(Path(3, 0, 6), Value::of_integer(1))).error(), Error::kInternal);     // repeat
  EXPECT_EQ(encoder.add(record(Path(3, 0, 5), Value::of_integer(1))).error(), Error::kInternal);     // descending
  EXPECT_EQ(encoder.add(record(Path(3, 0, 6, 0), Value::of_integer(1))).error(), Error::kInternal);  // below
  Record timed = record(Path(3, 0, 7), Value::of_integer(1));
  timed.has_time = true;
  timed.time = 5;
  EXPECT_EQ(encoder.add(timed).error(), Error::kNotAcceptable);
  ASSERT_TRUE(encoder.add(record(Path(3, 0, 7), Value::of_integer(2))).ok());
  lwm2m::Result<size_t> n = encoder.finish();
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(to_hex(buf, *n), "a1820300a206010702");
}

TEST(Lwm2mCborEncoder, BeginStartsOver) {
  uint8_t buf[64];
  Lwm2mCborEncoder encoder(buf);
  ASSERT_TRUE(encoder.begin(Path(3, 0)).ok());
  ASSERT_TRUE(encoder.add(record(Path(3, 0, 1), Value::of_integer(1))).ok());
  ASSERT_TRUE(encoder.begin(Path(3, 0, 9)).ok());
  ASSERT_TRUE(encoder.add(record(Path(3, 0, 9), Value::of_integer(100))).ok());
  lwm2m::Result<size_t> n = encoder.finish();
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(to_hex(buf, *n), "a1830300091864");
}

}  // namespace
